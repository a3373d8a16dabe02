// Every IAM and STS operation rolegate implements, called with a raw signed query request on a real
// server, its XML answer checked against the output shape in AWS's model (test/support/xml-shapes.ts):
// nothing that is not a member, every required member, lists as <member>, maps as <entry>, scalars
// well formed, the result wrapper the model names, ResponseMetadata/RequestId. The calls are one
// table in dependency order (create, read, change, delete); a check holds the table to the handler
// tables, so an operation added to rolegate fails here until it is called here too. The default
// account manages an organization (ROLEGATE_ORGANIZATION=on) whose one member is also the partner of
// the temporary delegation requests; the organization changes no other answer here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { loadConfig } from '../../../src/config.js';
import { createApp, type App } from '../../../src/server/app.js';
import { startServer, type Listening } from '../../../src/server/listen.js';
import { handlers as iamHandlers } from '../../../src/services/iam/index.js';
import { handlers as stsHandlers } from '../../../src/services/sts/index.js';
import type { DecisionRecord } from '../../../src/shared/decision-record.js';
import { firstText, loadModel, responseProblems } from '../../support/xml-shapes.js';
import { basicAuth } from '../../support/server.js';
import { selfSigned } from '../../support/certificates.js';
import { startOidcIssuer, type OidcIssuer } from '../../support/oidc-issuer.js';
import { b64, metadata, signedResponseXml, signingKey } from '../../support/saml-idp.js';
import { fromBase32, stepNow, totp } from '../../support/totp.js';

const ACCOUNT = '111122223333';
const ROOT = { accessKeyId: 'AKIAROLEGATESHAPES01', secretAccessKey: 'shapes-test-secret-000000000000000000000' };
/** A member account of the organization the default account manages, and the partner asking it for delegated access. */
const PARTNER = '444455556666';
const models = { iam: loadModel('models/aws/iam-2010-05-08.json'), sts: loadModel('models/aws/sts-2011-06-15.json') };
const VERSION = { iam: '2010-05-08', sts: '2011-06-15' };

let app: App;
let server: Listening;
let endpoint: string;
let idp: OidcIssuer;
/** The partner account's root keys, generated at start. */
let partner: Credentials;
const dir = mkdtempSync(join(tmpdir(), 'rolegate-shapes-'));

before(async () => {
  const config = loadConfig([], {
    ROLEGATE_DATA: dir, ROLEGATE_PORT: '0', ROLEGATE_ACCOUNT_ID: ACCOUNT, ROLEGATE_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
    ROLEGATE_ACCOUNTS: PARTNER, ROLEGATE_ORGANIZATION: 'on',
  });
  let printed: Awaited<ReturnType<typeof createApp>>['printed'];
  ({ app, printed } = await createApp(config, { info() {}, warn() {}, error() {} }));
  const keys = printed.find((p) => p.accountId === PARTNER)!.keys;
  partner = { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
  server = await startServer(app);
  const addr = server.address();
  endpoint = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  idp = await startOidcIssuer();
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await app.decisions?.close();
  await app.store.close();
  await idp.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
type Value = string | number | boolean | Value[] | { [k: string]: Value };

/** A value as the query protocol sends it: lists as `.member.N`, structures as `.Member`. */
function flatten(prefix: string, v: Value, out: Record<string, string>): void {
  if (Array.isArray(v)) v.forEach((item, i) => flatten(`${prefix}.member.${i + 1}`, item, out));
  else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) flatten(prefix ? `${prefix}.${k}` : k, x, out);
  else out[prefix] = String(v);
}

async function call(service: 'iam' | 'sts', action: string, params: Record<string, Value>, as: Credentials | null = ROOT) {
  const form: Record<string, string> = { Action: action, Version: VERSION[service] };
  flatten('', params, form);
  const body = new URLSearchParams(form).toString();
  const url = new URL(endpoint);
  let headers: Record<string, string> = { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (as) {
    const signer = new SignatureV4({ credentials: as, region: 'us-east-1', service, sha256: Sha256 });
    headers = (await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers, body })).headers as Record<string, string>;
  }
  const r = await fetch(endpoint, { method: 'POST', headers, body });
  return { status: r.status, requestId: r.headers.get('x-amzn-requestid'), body: await r.text() };
}

const doc = (statement: object | object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const ALLOW_ALL = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const pol = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const described = `arn:aws:iam::${ACCOUNT}:policy/shapes/described`;
const aliceArn = `arn:aws:iam::${ACCOUNT}:user/shapes/alice`;
const appRoleArn = `arn:aws:iam::${ACCOUNT}:role/app`;
const tags = [{ Key: 'team', Value: 'shapes' }];
const PASSWORD = 'Str0ng!Passw0rd-1';
const samlKey = signingKey();
const samlArn = `arn:aws:iam::${ACCOUNT}:saml-provider/ExampleIdP`;
const server_cert = selfSigned('shapes.example.test');
const signing_cert = selfSigned('alice.example.test');
const TOPIC = `arn:aws:sns:us-east-1:${PARTNER}:delegation-updates`;
/** The partner's policy template, as the IAM User Guide's "Policy templates" shows one. */
const TEMPLATE = doc([
  { Effect: 'Allow', Action: ['s3:CreateBucket', 's3:DeleteBucket'], Resource: 'arn:aws:s3:::@{bucketName}' },
  { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::@{bucketName}/*' },
]);
const delegationRequest = (workflow: string) => ({
  Description: 'Set up the analytics bucket', RequestMessage: 'Needed for the onboarding', RedirectUrl: 'https://partner.example/return',
  Permissions: { PolicyTemplateArn: `arn:aws:iam::${PARTNER}:policy/BucketSetup`, Parameters: [{ Name: 'bucketName', Values: ['customer-data-bucket'], Type: 'string' }] },
  RequestorWorkflowId: workflow, NotificationChannel: TOPIC, SessionDuration: 3600, OwnerAccountId: ACCOUNT,
});
/** The exchange token of a FINALIZED request, from the messages IAM would publish to the partner's topic. */
async function exchangeToken(id: string): Promise<string> {
  const r = await fetch(`${endpoint}/_rolegate/iam/delegation-notifications?topic=${encodeURIComponent(TOPIC)}`, { headers: { authorization: basicAuth(partner) } });
  assert.equal(r.status, 200);
  const { Notifications } = (await r.json()) as { Notifications: { Message: string }[] };
  const finalized = Notifications.map((n) => JSON.parse(n.Message) as Record<string, string>).find((m) => m.DelegationRequestId === id && m.State === 'FINALIZED');
  assert.ok(finalized?.ExchangeToken, `the FINALIZED message of ${id} carries the exchange token`);
  return finalized.ExchangeToken;
}
const organization = () => app.config.services.organization!;
const sshKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;

// What one call answers that a later one needs.
const got: Record<string, string> = {};
let alice: Credentials;
let mfaSeed: Buffer;
const oidcArn = () => `arn:aws:iam::${ACCOUNT}:oidc-provider/localhost:${idp.port}`;
const denial = (): DecisionRecord => ({
  time: new Date().toISOString(), requestId: 'r-1', accountId: ACCOUNT, principal: aliceArn,
  action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', result: 'ExplicitlyDenied', mode: 'on',
  decidedBy: [{ policy: 'inline:user/alice/deny', policyType: 'identity', statement: 0, sid: 'NoReads', effect: 'Deny', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }],
  reasons: [{ code: 'ExplicitDeny', policyType: 'identity' }], missingKeys: [], context: { 'aws:SourceIp': '10.0.0.1' },
});

interface Step {
  op: string;
  service?: 'iam' | 'sts';
  params?: Record<string, Value> | (() => Record<string, Value> | Promise<Record<string, Value>>);
  /** Who signs: the root by default, `alice` for her own keys, `partner` for the partner account's root, null for an unsigned request. */
  as?: () => Credentials | null;
  /** Keeps what later calls need from the answer. */
  keep?: (body: string) => void;
  /** Calls again until this holds (asynchronous jobs). */
  until?: (body: string) => boolean;
  /** Problems this answer has against the model because AWS's own answer has them (see deviations). */
  asAwsAnswers?: RegExp[];
}

/**
 * Where AWS itself answers outside its model, rolegate answers as AWS does, and the check accepts
 * exactly that and no more. Each entry must be met at least once, so a stale one is noticed.
 */
const deviations: { problem: RegExp; why: string }[] = [
  {
    problem: /\/PermissionsBoundaryType: "Policy" is not one of PermissionsBoundaryAttachmentType's values$/,
    why: 'AWS sends PermissionsBoundaryType "Policy"; its model enumerates only "PermissionsBoundaryPolicy" (AWS CLI put-user-permissions-boundary example, recorded GetRole/GetUser answers)',
  },
  {
    problem: /\/MatchedStatements\/member\[\d+\]\/SourcePolicyType: "(IAM Policy|PermissionsBoundaryPolicy)" is not one of PolicySourceType's values$/,
    why: 'the simulator reports identity policies as SourcePolicyType "IAM Policy" (recorded SimulatePrincipalPolicy/SimulateCustomPolicy answers), not the model\'s user/group/role/aws-managed values',
  },
];
const ROOT_GET_USER = [/^\/GetUserResponse\/GetUserResult\/User\/(UserName|Path): required member of User missing$/];

const keep = (...names: string[]) => (body: string) => {
  for (const n of names) got[n] = firstText(body, n)!;
};

const steps: Step[] = [
  // Managed policies.
  { op: 'CreatePolicy', params: { PolicyName: 'boundary', PolicyDocument: ALLOW_ALL } },
  { op: 'CreatePolicy', params: { PolicyName: 'described', Path: '/shapes/', PolicyDocument: ALLOW_ALL, Description: 'a policy with everything', Tags: tags } },
  { op: 'CreatePolicy', params: { PolicyName: 'bare', PolicyDocument: ALLOW_ALL } },
  { op: 'CreatePolicyVersion', params: { PolicyArn: pol('bare'), PolicyDocument: ALLOW_ALL, SetAsDefault: true } },
  { op: 'GetPolicy', params: { PolicyArn: pol('bare') } },
  { op: 'GetPolicy', params: { PolicyArn: described } },
  { op: 'GetPolicy', params: { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
  { op: 'GetPolicyVersion', params: { PolicyArn: pol('bare'), VersionId: 'v2' } },
  { op: 'ListPolicyVersions', params: { PolicyArn: pol('bare') } },
  { op: 'ListPolicies', params: { Scope: 'Local' } },
  { op: 'ListPolicies', params: { MaxItems: 5 } },
  { op: 'TagPolicy', params: { PolicyArn: pol('bare'), Tags: tags } },
  { op: 'ListPolicyTags', params: { PolicyArn: pol('bare') } },
  { op: 'UntagPolicy', params: { PolicyArn: pol('bare'), TagKeys: ['team'] } },
  { op: 'SetDefaultPolicyVersion', params: { PolicyArn: pol('bare'), VersionId: 'v1' } },
  { op: 'DeletePolicyVersion', params: { PolicyArn: pol('bare'), VersionId: 'v2' } },
  // Users.
  { op: 'CreateUser', params: { UserName: 'alice', Path: '/shapes/', PermissionsBoundary: pol('boundary'), Tags: tags } },
  { op: 'CreateUser', params: { UserName: 'bob' } },
  { op: 'GetUser', params: { UserName: 'alice' } },
  { op: 'GetUser', params: { UserName: 'bob' } },
  // The root user has neither a name nor a path: AWS's GetUser answer leaves both out, required or not.
  { op: 'GetUser', asAwsAnswers: ROOT_GET_USER },
  { op: 'ListUsers' },
  { op: 'TagUser', params: { UserName: 'bob', Tags: tags } },
  { op: 'ListUserTags', params: { UserName: 'bob' } },
  { op: 'UntagUser', params: { UserName: 'bob', TagKeys: ['team'] } },
  { op: 'UpdateUser', params: { UserName: 'bob', NewPath: '/moved/' } },
  { op: 'PutUserPermissionsBoundary', params: { UserName: 'bob', PermissionsBoundary: pol('boundary') } },
  { op: 'DeleteUserPermissionsBoundary', params: { UserName: 'bob' } },
  { op: 'PutUserPolicy', params: { UserName: 'alice', PolicyName: 'everything', PolicyDocument: ALLOW_ALL } },
  { op: 'GetUserPolicy', params: { UserName: 'alice', PolicyName: 'everything' } },
  { op: 'ListUserPolicies', params: { UserName: 'alice' } },
  { op: 'AttachUserPolicy', params: { UserName: 'alice', PolicyArn: described } },
  { op: 'ListAttachedUserPolicies', params: { UserName: 'alice' } },
  // Access keys, passwords.
  { op: 'CreateAccessKey', params: { UserName: 'alice' }, keep: (b) => { alice = { accessKeyId: firstText(b, 'AccessKeyId')!, secretAccessKey: firstText(b, 'SecretAccessKey')! }; } },
  { op: 'CreateAccessKey', params: { UserName: 'bob' }, keep: keep('AccessKeyId') },
  { op: 'ListAccessKeys', params: { UserName: 'alice' } },
  { op: 'GetAccessKeyLastUsed', params: () => ({ AccessKeyId: alice.accessKeyId }) },
  { op: 'UpdateAccessKey', params: () => ({ UserName: 'bob', AccessKeyId: got.AccessKeyId, Status: 'Inactive' }) },
  { op: 'UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 8, RequireSymbols: true, AllowUsersToChangePassword: true, MaxPasswordAge: 90, PasswordReusePrevention: 3 } },
  { op: 'GetAccountPasswordPolicy' },
  { op: 'CreateLoginProfile', params: { UserName: 'alice', Password: PASSWORD, PasswordResetRequired: false } },
  { op: 'GetLoginProfile', params: { UserName: 'alice' } },
  { op: 'UpdateLoginProfile', params: { UserName: 'alice', PasswordResetRequired: false } },
  { op: 'ChangePassword', params: { OldPassword: PASSWORD, NewPassword: `${PASSWORD}x` }, as: () => alice },
  // Groups.
  { op: 'CreateGroup', params: { GroupName: 'devs', Path: '/shapes/' } },
  { op: 'AddUserToGroup', params: { GroupName: 'devs', UserName: 'alice' } },
  { op: 'GetGroup', params: { GroupName: 'devs' } },
  { op: 'ListGroups' },
  { op: 'ListGroupsForUser', params: { UserName: 'alice' } },
  { op: 'PutGroupPolicy', params: { GroupName: 'devs', PolicyName: 'g', PolicyDocument: ALLOW_ALL } },
  { op: 'GetGroupPolicy', params: { GroupName: 'devs', PolicyName: 'g' } },
  { op: 'ListGroupPolicies', params: { GroupName: 'devs' } },
  { op: 'AttachGroupPolicy', params: { GroupName: 'devs', PolicyArn: described } },
  { op: 'ListAttachedGroupPolicies', params: { GroupName: 'devs' } },
  { op: 'UpdateGroup', params: { GroupName: 'devs', NewPath: '/moved/' } },
  // Roles and instance profiles.
  {
    op: 'CreateRole',
    params: {
      RoleName: 'app', Path: '/', Description: 'the app', MaxSessionDuration: 7200, PermissionsBoundary: pol('boundary'), Tags: tags,
      AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }),
    },
  },
  { op: 'CreateRole', params: { RoleName: 'plain', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) } },
  { op: 'GetRole', params: { RoleName: 'app' } },
  { op: 'GetRole', params: { RoleName: 'plain' } },
  { op: 'ListRoles' },
  { op: 'UpdateRole', params: { RoleName: 'plain', MaxSessionDuration: 3600 } },
  { op: 'UpdateRoleDescription', params: { RoleName: 'plain', Description: 'now described' } },
  { op: 'UpdateAssumeRolePolicy', params: { RoleName: 'plain', PolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }) } },
  { op: 'TagRole', params: { RoleName: 'plain', Tags: tags } },
  { op: 'ListRoleTags', params: { RoleName: 'plain' } },
  { op: 'UntagRole', params: { RoleName: 'plain', TagKeys: ['team'] } },
  { op: 'PutRolePermissionsBoundary', params: { RoleName: 'plain', PermissionsBoundary: pol('boundary') } },
  { op: 'DeleteRolePermissionsBoundary', params: { RoleName: 'plain' } },
  { op: 'PutRolePolicy', params: { RoleName: 'app', PolicyName: 'r', PolicyDocument: ALLOW_ALL } },
  { op: 'GetRolePolicy', params: { RoleName: 'app', PolicyName: 'r' } },
  { op: 'ListRolePolicies', params: { RoleName: 'app' } },
  { op: 'AttachRolePolicy', params: { RoleName: 'app', PolicyArn: described } },
  { op: 'ListAttachedRolePolicies', params: { RoleName: 'app' } },
  { op: 'ListEntitiesForPolicy', params: { PolicyArn: described } },
  { op: 'CreateInstanceProfile', params: { InstanceProfileName: 'ip', Tags: tags } },
  { op: 'AddRoleToInstanceProfile', params: { InstanceProfileName: 'ip', RoleName: 'plain' } },
  { op: 'GetInstanceProfile', params: { InstanceProfileName: 'ip' } },
  { op: 'ListInstanceProfiles' },
  { op: 'ListInstanceProfilesForRole', params: { RoleName: 'plain' } },
  { op: 'TagInstanceProfile', params: { InstanceProfileName: 'ip', Tags: [{ Key: 'more', Value: '' }] } },
  { op: 'ListInstanceProfileTags', params: { InstanceProfileName: 'ip' } },
  { op: 'UntagInstanceProfile', params: { InstanceProfileName: 'ip', TagKeys: ['more'] } },
  { op: 'GetRole', params: { RoleName: 'plain' } },
  { op: 'CreateServiceLinkedRole', params: { AWSServiceName: 'autoscaling.amazonaws.com', Description: 'scaling' } },
  { op: 'CreateServiceLinkedRole', params: { AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'fleet' } },
  // Identity providers.
  { op: 'CreateOpenIDConnectProvider', params: () => ({ Url: idp.issuer, ClientIDList: ['rolegate-app'], ThumbprintList: [idp.thumbprint], Tags: tags }) },
  { op: 'GetOpenIDConnectProvider', params: () => ({ OpenIDConnectProviderArn: oidcArn() }) },
  { op: 'ListOpenIDConnectProviders' },
  { op: 'AddClientIDToOpenIDConnectProvider', params: () => ({ OpenIDConnectProviderArn: oidcArn(), ClientID: 'second' }) },
  { op: 'RemoveClientIDFromOpenIDConnectProvider', params: () => ({ OpenIDConnectProviderArn: oidcArn(), ClientID: 'second' }) },
  { op: 'UpdateOpenIDConnectProviderThumbprint', params: () => ({ OpenIDConnectProviderArn: oidcArn(), ThumbprintList: [idp.thumbprint] }) },
  { op: 'TagOpenIDConnectProvider', params: () => ({ OpenIDConnectProviderArn: oidcArn(), Tags: [{ Key: 'more', Value: 'x' }] }) },
  { op: 'ListOpenIDConnectProviderTags', params: () => ({ OpenIDConnectProviderArn: oidcArn() }) },
  { op: 'UntagOpenIDConnectProvider', params: () => ({ OpenIDConnectProviderArn: oidcArn(), TagKeys: ['more'] }) },
  { op: 'CreateSAMLProvider', params: { Name: 'ExampleIdP', SAMLMetadataDocument: metadata([samlKey.certificateBase64]), Tags: tags } },
  { op: 'GetSAMLProvider', params: { SAMLProviderArn: samlArn } },
  { op: 'ListSAMLProviders' },
  { op: 'UpdateSAMLProvider', params: { SAMLProviderArn: samlArn, SAMLMetadataDocument: metadata([samlKey.certificateBase64]) } },
  { op: 'TagSAMLProvider', params: { SAMLProviderArn: samlArn, Tags: [{ Key: 'more', Value: 'x' }] } },
  { op: 'ListSAMLProviderTags', params: { SAMLProviderArn: samlArn } },
  { op: 'UntagSAMLProvider', params: { SAMLProviderArn: samlArn, TagKeys: ['more'] } },
  // Certificates, SSH keys, service-specific credentials, MFA.
  { op: 'UploadServerCertificate', params: { ServerCertificateName: 'web', Path: '/shapes/', CertificateBody: server_cert.certificate, PrivateKey: server_cert.privateKey, Tags: tags } },
  { op: 'GetServerCertificate', params: { ServerCertificateName: 'web' } },
  { op: 'ListServerCertificates' },
  { op: 'UpdateServerCertificate', params: { ServerCertificateName: 'web', NewPath: '/moved/' } },
  { op: 'TagServerCertificate', params: { ServerCertificateName: 'web', Tags: [{ Key: 'more', Value: 'x' }] } },
  { op: 'ListServerCertificateTags', params: { ServerCertificateName: 'web' } },
  { op: 'UntagServerCertificate', params: { ServerCertificateName: 'web', TagKeys: ['more'] } },
  { op: 'UploadSigningCertificate', params: { UserName: 'alice', CertificateBody: signing_cert.certificate }, keep: keep('CertificateId') },
  { op: 'ListSigningCertificates', params: { UserName: 'alice' } },
  { op: 'UpdateSigningCertificate', params: () => ({ UserName: 'alice', CertificateId: got.CertificateId, Status: 'Inactive' }) },
  { op: 'UploadSSHPublicKey', params: { UserName: 'alice', SSHPublicKeyBody: sshKey }, keep: keep('SSHPublicKeyId') },
  { op: 'GetSSHPublicKey', params: () => ({ UserName: 'alice', SSHPublicKeyId: got.SSHPublicKeyId, Encoding: 'SSH' }) },
  { op: 'GetSSHPublicKey', params: () => ({ UserName: 'alice', SSHPublicKeyId: got.SSHPublicKeyId, Encoding: 'PEM' }) },
  { op: 'ListSSHPublicKeys', params: { UserName: 'alice' } },
  { op: 'UpdateSSHPublicKey', params: () => ({ UserName: 'alice', SSHPublicKeyId: got.SSHPublicKeyId, Status: 'Inactive' }) },
  { op: 'CreateServiceSpecificCredential', params: { UserName: 'alice', ServiceName: 'codecommit.amazonaws.com' }, keep: keep('ServiceSpecificCredentialId') },
  { op: 'ListServiceSpecificCredentials', params: { UserName: 'alice' } },
  { op: 'ResetServiceSpecificCredential', params: () => ({ UserName: 'alice', ServiceSpecificCredentialId: got.ServiceSpecificCredentialId }) },
  { op: 'UpdateServiceSpecificCredential', params: () => ({ UserName: 'alice', ServiceSpecificCredentialId: got.ServiceSpecificCredentialId, Status: 'Inactive' }) },
  {
    op: 'CreateVirtualMFADevice', params: { VirtualMFADeviceName: 'alice-phone', Tags: tags },
    keep: (b) => { got.SerialNumber = firstText(b, 'SerialNumber')!; mfaSeed = fromBase32(Buffer.from(firstText(b, 'Base32StringSeed')!, 'base64').toString()); },
  },
  { op: 'ListVirtualMFADevices' },
  { op: 'EnableMFADevice', params: () => ({ UserName: 'alice', SerialNumber: got.SerialNumber, AuthenticationCode1: totp(mfaSeed, stepNow() - 2), AuthenticationCode2: totp(mfaSeed, stepNow() - 1) }) },
  { op: 'ListVirtualMFADevices' },
  { op: 'GetMFADevice', params: () => ({ UserName: 'alice', SerialNumber: got.SerialNumber }) },
  { op: 'ListMFADevices', params: { UserName: 'alice' } },
  { op: 'ResyncMFADevice', params: () => ({ UserName: 'alice', SerialNumber: got.SerialNumber, AuthenticationCode1: totp(mfaSeed, stepNow()), AuthenticationCode2: totp(mfaSeed, stepNow() + 1) }) },
  { op: 'TagMFADevice', params: () => ({ SerialNumber: got.SerialNumber, Tags: [{ Key: 'more', Value: 'x' }] }) },
  { op: 'ListMFADeviceTags', params: () => ({ SerialNumber: got.SerialNumber }) },
  { op: 'UntagMFADevice', params: () => ({ SerialNumber: got.SerialNumber, TagKeys: ['more'] }) },
  // The account.
  { op: 'CreateAccountAlias', params: { AccountAlias: 'shapes-account' } },
  { op: 'ListAccountAliases' },
  { op: 'GetAccountSummary' },
  { op: 'GetAccountAuthorizationDetails' },
  { op: 'SetSecurityTokenServicePreferences', params: { GlobalEndpointTokenVersion: 'v2Token' } },
  { op: 'GenerateCredentialReport', until: (b) => firstText(b, 'State') === 'COMPLETE' },
  { op: 'GetCredentialReport' },
  { op: 'GenerateServiceLastAccessedDetails', params: { Arn: aliceArn, Granularity: 'ACTION_LEVEL' }, keep: keep('JobId') },
  { op: 'GetServiceLastAccessedDetails', params: () => ({ JobId: got.JobId }), until: (b) => firstText(b, 'JobStatus') !== 'IN_PROGRESS' },
  { op: 'GenerateServiceLastAccessedDetails', params: { Arn: described }, keep: keep('JobId') },
  { op: 'GetServiceLastAccessedDetails', params: () => ({ JobId: got.JobId }), until: (b) => firstText(b, 'JobStatus') !== 'IN_PROGRESS' },
  { op: 'GetServiceLastAccessedDetailsWithEntities', params: () => ({ JobId: got.JobId, ServiceNamespace: 'iam' }) },
  { op: 'ListPoliciesGrantingServiceAccess', params: { Arn: aliceArn, ServiceNamespaces: ['iam', 's3'] } },
  // The policy simulator.
  { op: 'GetContextKeysForCustomPolicy', params: { PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:username': 'x' } } })] } },
  { op: 'GetContextKeysForPrincipalPolicy', params: { PolicySourceArn: aliceArn } },
  { op: 'SimulateCustomPolicy', params: { PolicyInputList: [ALLOW_ALL], ActionNames: ['s3:GetObject', 'iam:GetUser'], ResourceArns: ['*'] } },
  { op: 'SimulatePrincipalPolicy', params: { PolicySourceArn: aliceArn, ActionNames: ['s3:GetObject'] } },
  { op: 'SimulatePrincipalPolicy', params: { PolicySourceArn: aliceArn, ActionNames: ['s3:GetObject', 's3:PutObject'], ResourceArns: ['arn:aws:s3:::bucket/a', 'arn:aws:s3:::bucket/b'] } },
  // IAM temporary delegation: the partner asks from its template; the root associates, forwards,
  // accepts and sends the token, which the partner trades; a second request is rejected.
  { op: 'CreatePolicy', as: () => partner, params: { PolicyName: 'BucketSetup', PolicyDocument: TEMPLATE } },
  { op: 'CreateDelegationRequest', as: () => partner, params: delegationRequest('workflow-1'), keep: (b) => { got.DelegationRequestId = firstText(b, 'DelegationRequestId')!; } },
  { op: 'GetDelegationRequest', as: () => partner, params: () => ({ DelegationRequestId: got.DelegationRequestId }) },
  { op: 'AssociateDelegationRequest', params: () => ({ DelegationRequestId: got.DelegationRequestId }) },
  { op: 'UpdateDelegationRequest', params: () => ({ DelegationRequestId: got.DelegationRequestId, Notes: 'Please approve: the analytics team needs it' }) },
  { op: 'GetDelegationRequest', params: () => ({ DelegationRequestId: got.DelegationRequestId, DelegationPermissionCheck: true }) },
  { op: 'GetHumanReadableSummary', params: () => ({ EntityArn: `arn:aws:iam::${ACCOUNT}:delegation-request/${got.DelegationRequestId}` }) },
  { op: 'GetHumanReadableSummary', params: () => ({ EntityArn: `arn:aws:iam::${ACCOUNT}:delegation-request/${got.DelegationRequestId}`, Locale: 'fr-FR' }) },
  { op: 'AcceptDelegationRequest', params: () => ({ DelegationRequestId: got.DelegationRequestId }) },
  { op: 'SendDelegationToken', params: () => ({ DelegationRequestId: got.DelegationRequestId }) },
  { op: 'GetDelegationRequest', params: () => ({ DelegationRequestId: got.DelegationRequestId }) },
  { service: 'sts', op: 'GetDelegatedAccessToken', as: () => partner, params: async () => ({ TradeInToken: await exchangeToken(got.DelegationRequestId) }) },
  { op: 'CreateDelegationRequest', as: () => partner, params: { ...delegationRequest('workflow-2'), OnlySendByOwner: true }, keep: (b) => { got.DelegationRequestId = firstText(b, 'DelegationRequestId')!; } },
  { op: 'AssociateDelegationRequest', params: () => ({ DelegationRequestId: got.DelegationRequestId }) },
  { op: 'RejectDelegationRequest', params: () => ({ DelegationRequestId: got.DelegationRequestId, Notes: 'Changed our mind' }) },
  { op: 'GetDelegationRequest', params: () => ({ DelegationRequestId: got.DelegationRequestId }) },
  { op: 'ListDelegationRequests' },
  { op: 'ListDelegationRequests', params: { MaxItems: 1 } },
  // The organization: centralized root access, a root session of the member, the access report.
  { op: 'ListOrganizationsFeatures' },
  { op: 'EnableOrganizationsRootCredentialsManagement' },
  { op: 'EnableOrganizationsRootSessions' },
  { op: 'ListOrganizationsFeatures' },
  { service: 'sts', op: 'AssumeRoot', as: () => alice, params: { TargetPrincipal: PARTNER, TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' }, DurationSeconds: 900 } },
  { op: 'GenerateOrganizationsAccessReport', params: () => ({ EntityPath: `${organization().organizationId}/${organization().rootId}` }), keep: keep('JobId') },
  { op: 'GetOrganizationsAccessReport', params: () => ({ JobId: got.JobId }), until: (b) => firstText(b, 'JobStatus') !== 'IN_PROGRESS' },
  { op: 'GenerateOrganizationsAccessReport', params: () => ({ EntityPath: `${organization().organizationId}/${organization().rootId}/${PARTNER}` }), keep: keep('JobId') },
  { op: 'GetOrganizationsAccessReport', params: () => ({ JobId: got.JobId, SortKey: 'LAST_AUTHENTICATED_TIME_DESCENDING', MaxItems: 2 }), until: (b) => firstText(b, 'JobStatus') !== 'IN_PROGRESS' },
  // Outbound web identity federation.
  { op: 'EnableOutboundWebIdentityFederation' },
  { op: 'GetOutboundWebIdentityFederationInfo' },
  // STS.
  { service: 'sts', op: 'GetCallerIdentity' },
  { service: 'sts', op: 'GetCallerIdentity', as: () => alice },
  { service: 'sts', op: 'GetAccessKeyInfo', params: () => ({ AccessKeyId: alice.accessKeyId }) },
  { service: 'sts', op: 'GetSessionToken', as: () => alice, params: { DurationSeconds: 900 } },
  { service: 'sts', op: 'GetFederationToken', as: () => alice, params: { Name: 'fed', Policy: ALLOW_ALL, Tags: tags } },
  { service: 'sts', op: 'GetFederationToken', as: () => alice, params: { Name: 'bare' } },
  { service: 'sts', op: 'AssumeRole', as: () => alice, params: { RoleArn: appRoleArn, RoleSessionName: 'shapes', Policy: ALLOW_ALL, Tags: tags, SourceIdentity: 'alice' } },
  { service: 'sts', op: 'AssumeRole', as: () => alice, params: { RoleArn: appRoleArn, RoleSessionName: 'bare' } },
  { service: 'sts', op: 'GetWebIdentityToken', params: { Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256' } },
  { service: 'sts', op: 'DecodeAuthorizationMessage', params: () => ({ EncodedMessage: app.messages.encode(denial(), 'AIDAEXAMPLEEXAMPLE01') }) },
  {
    op: 'CreateRole',
    params: () => ({
      RoleName: 'oidc', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Federated: oidcArn() }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`localhost:${idp.port}:aud`]: 'rolegate-app' } } }),
    }),
  },
  { service: 'sts', op: 'AssumeRoleWithWebIdentity', as: () => null, params: async () => ({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/oidc`, RoleSessionName: 'ci', WebIdentityToken: await idp.token({ claims: { aud: 'rolegate-app' } }) }) },
  { op: 'CreateRole', params: { RoleName: 'sso', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Federated: samlArn }, Action: 'sts:AssumeRoleWithSAML' }) } },
  {
    service: 'sts', op: 'AssumeRoleWithSAML', as: () => null,
    params: () => ({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/sso`, PrincipalArn: samlArn, SAMLAssertion: b64(signedResponseXml(samlKey, { roles: [`arn:aws:iam::${ACCOUNT}:role/sso,${samlArn}`] })) }),
  },
  // Deletions.
  { op: 'DisableOrganizationsRootSessions' },
  { op: 'DisableOrganizationsRootCredentialsManagement' },
  { op: 'DisableOutboundWebIdentityFederation' },
  { op: 'DeactivateMFADevice', params: () => ({ UserName: 'alice', SerialNumber: got.SerialNumber }) },
  { op: 'DeleteVirtualMFADevice', params: () => ({ SerialNumber: got.SerialNumber }) },
  { op: 'DeleteServiceSpecificCredential', params: () => ({ UserName: 'alice', ServiceSpecificCredentialId: got.ServiceSpecificCredentialId }) },
  { op: 'DeleteSSHPublicKey', params: () => ({ UserName: 'alice', SSHPublicKeyId: got.SSHPublicKeyId }) },
  { op: 'DeleteSigningCertificate', params: () => ({ UserName: 'alice', CertificateId: got.CertificateId }) },
  { op: 'DeleteServerCertificate', params: { ServerCertificateName: 'web' } },
  { op: 'DeleteSAMLProvider', params: { SAMLProviderArn: samlArn } },
  { op: 'DeleteOpenIDConnectProvider', params: () => ({ OpenIDConnectProviderArn: oidcArn() }) },
  { op: 'DeleteLoginProfile', params: { UserName: 'alice' } },
  { op: 'DeleteAccessKey', params: () => ({ UserName: 'bob', AccessKeyId: got.AccessKeyId }) },
  { op: 'RemoveUserFromGroup', params: { GroupName: 'devs', UserName: 'alice' } },
  { op: 'DetachGroupPolicy', params: { GroupName: 'devs', PolicyArn: described } },
  { op: 'DeleteGroupPolicy', params: { GroupName: 'devs', PolicyName: 'g' } },
  { op: 'DeleteGroup', params: { GroupName: 'devs' } },
  { op: 'DetachUserPolicy', params: { UserName: 'alice', PolicyArn: described } },
  { op: 'DeleteUserPolicy', params: { UserName: 'alice', PolicyName: 'everything' } },
  { op: 'DeleteUser', params: { UserName: 'bob' } },
  { op: 'RemoveRoleFromInstanceProfile', params: { InstanceProfileName: 'ip', RoleName: 'plain' } },
  { op: 'DeleteInstanceProfile', params: { InstanceProfileName: 'ip' } },
  { op: 'DetachRolePolicy', params: { RoleName: 'app', PolicyArn: described } },
  { op: 'DeleteRolePolicy', params: { RoleName: 'app', PolicyName: 'r' } },
  { op: 'DeleteRole', params: { RoleName: 'plain' } },
  { op: 'DeleteServiceLinkedRole', params: { RoleName: 'AWSServiceRoleForAutoScaling' }, keep: keep('DeletionTaskId') },
  { op: 'GetServiceLinkedRoleDeletionStatus', params: () => ({ DeletionTaskId: got.DeletionTaskId }) },
  { op: 'DeletePolicy', params: { PolicyArn: pol('bare') } },
  { op: 'DeleteAccountAlias', params: { AccountAlias: 'shapes-account' } },
  { op: 'DeleteAccountPasswordPolicy' },
];

test('the table calls every operation in the IAM and STS handler tables', () => {
  const called = (service: 'iam' | 'sts') => new Set(steps.filter((s) => (s.service ?? 'iam') === service).map((s) => s.op));
  const uncalled = (service: 'iam' | 'sts', names: string[]) => names.filter((n) => !called(service).has(n)).sort();
  assert.deepEqual(uncalled('iam', Object.keys(iamHandlers)), [], 'IAM operations this test does not call');
  assert.deepEqual(uncalled('sts', Object.keys(stsHandlers)), [], 'STS operations this test does not call');
  for (const s of steps) assert.ok(models[s.service ?? 'iam'].operations[s.op], `${s.op} is an operation of ${s.service ?? 'iam'}'s model`);
});

test('every answer has exactly the shape of its operation\'s output in AWS\'s model', async () => {
  const failures: string[] = [];
  const met = new Set<RegExp>();
  for (const [i, s] of steps.entries()) {
    const service = s.service ?? 'iam';
    let r: Awaited<ReturnType<typeof call>>;
    for (let attempt = 0; ; attempt++) {
      const params = typeof s.params === 'function' ? await s.params() : s.params ?? {};
      r = await call(service, s.op, params, s.as ? s.as() : ROOT);
      if (r.status !== 200 || !s.until || s.until(r.body) || attempt > 50) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const where = `step ${i + 1} ${service}:${s.op}`;
    assert.equal(r.status, 200, `${where} answered ${r.status}: ${r.body}`);
    const problems = responseProblems(models[service], s.op, r.body).filter((p) => {
      const accepted = [...deviations.map((d) => d.problem), ...(s.asAwsAnswers ?? [])].find((re) => re.test(p));
      if (accepted) met.add(accepted);
      return !accepted;
    });
    const requestId = firstText(r.body, 'RequestId');
    if (requestId !== r.requestId) problems.push(`RequestId ${requestId} is not the x-amzn-requestid header ${r.requestId}`);
    if (problems.length) failures.push(`${where}:\n  ${problems.join('\n  ')}\n  ${r.body.slice(0, 2000)}`);
    s.keep?.(r.body);
  }
  assert.deepEqual(failures, []);
  for (const re of [...deviations.map((d) => d.problem), ...ROOT_GET_USER]) assert.ok(met.has(re), `no answer needed the allowance ${re}`);
});

test('the shape check refuses what a client would not parse as AWS sends it', () => {
  const wrap = (inner: string) => `<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>${inner}</Role></GetRoleResult>` +
    '<ResponseMetadata><RequestId>4d5e6f70-1111-2222-3333-444455556666</RequestId></ResponseMetadata></GetRoleResponse>';
  const role = (extra = '', created = '2026-01-02T03:04:05Z', tags = '<Tags><member><Key>a</Key><Value>b</Value></member></Tags>') =>
    `<Path>/</Path><RoleName>r</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>arn:aws:iam::1:role/r</Arn><CreateDate>${created}</CreateDate>${tags}<MaxSessionDuration>3600</MaxSessionDuration>${extra}`;
  assert.deepEqual(responseProblems(models.iam, 'GetRole', wrap(role())), []);
  assert.match(responseProblems(models.iam, 'GetRole', wrap(role()).slice(0, -5)).join(), /not well-formed XML/);
  assert.match(responseProblems(models.iam, 'GetRole', wrap(role('<Extra>1</Extra>'))).join(), /Role\/Extra: not a member of Role/);
  assert.match(responseProblems(models.iam, 'GetRole', wrap(role('', '2026-01-02 03:04:05'))).join(), /CreateDate: "2026-01-02 03:04:05" is not an ISO 8601/);
  assert.match(responseProblems(models.iam, 'GetRole', wrap(role('', undefined, '<Tags><Key>a</Key></Tags>'))).join(), /Tags\/Key: a list item must be <member>/);
  assert.match(responseProblems(models.iam, 'GetRole', wrap(role('<MaxSessionDuration>1.5</MaxSessionDuration>'))).join(), /appears more than once/);
  assert.match(responseProblems(models.iam, 'GetRole', wrap(role().replace('<MaxSessionDuration>3600', '<MaxSessionDuration>1h'))).join(), /"1h" is not an integer/);
  assert.match(responseProblems(models.iam, 'GetRole', wrap(role().replace('<CreateDate>', '<Gone>').replace('</CreateDate>', '</Gone>'))).join(), /Role\/CreateDate: required member of Role missing/);
  assert.match(responseProblems(models.iam, 'GetRole', wrap(role('<RoleLastUsed><Region>x</Region></RoleLastUsed><PermissionsBoundary><PermissionsBoundaryType>Nope</PermissionsBoundaryType></PermissionsBoundary>'))).join(), /"Nope" is not one of/);
  assert.match(responseProblems(models.iam, 'GetRole', wrap(role()).replace('<GetRoleResult>', '<GetRoleResponseResult>').replace('</GetRoleResult>', '</GetRoleResponseResult>')).join(), /not <GetRoleResult><ResponseMetadata>/);
  assert.match(responseProblems(models.iam, 'GetRole', wrap(role()).replace(/<ResponseMetadata>.*<\/ResponseMetadata>/, '')).join(), /not <GetRoleResult><ResponseMetadata>/);
  assert.match(responseProblems(models.iam, 'GetAccountSummary', '<GetAccountSummaryResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountSummaryResult><SummaryMap><entry><value>1</value><key>Users</key></entry></SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>4d5e6f70-1111-2222-3333-444455556666</RequestId></ResponseMetadata></GetAccountSummaryResponse>').join(), /must hold <key> then <value>/);
});
