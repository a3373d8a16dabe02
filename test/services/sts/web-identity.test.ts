// AssumeRoleWithWebIdentity through the SDK against a started rolegate and a local HTTPS OIDC issuer:
// the token must come from a provider of the role's account (issuer, audience, signature through the
// issuer's keys served under a trusted certificate, expiry), and the trust policy must allow the provider.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, UpdateOpenIDConnectProviderThumbprintCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleWithWebIdentityCommandInput } from '@aws-sdk/client-sts';
import { startRolegate, type Rolegate } from '../../support/server.js';
import { startOidcIssuer, type OidcIssuer } from '../../support/oidc-issuer.js';
import { rejectsWith } from '../../support/errors.js';

let server: Rolegate;
let iam: IAMClient;
let idp: OidcIssuer;
let hostPath: string;
let providerArn: string;
const ROLE_ARN = 'arn:aws:iam::111122223333:role/deploy';
const SUB = 'repo:acme/web:ref:refs/heads/main';

before(async () => {
  [server, idp] = await Promise.all([startRolegate(), startOidcIssuer()]);
  iam = server.iam();
  hostPath = `localhost:${idp.port}`;
  providerArn = `arn:aws:iam::111122223333:oidc-provider/${hostPath}`;
});
after(async () => {
  await Promise.all([server.stop(), idp.stop()]);
});
beforeEach(() => server.reset());

/** No credentials: the SDK sends AssumeRoleWithWebIdentity unsigned, as a workload would. */
const anonymousSts = () => new STSClient({ endpoint: server.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });

const doc = (statement: object | object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });

async function registerIssuer(options: { thumbprints?: string[]; clientIds?: string[]; url?: string } = {}) {
  await iam.send(new CreateOpenIDConnectProviderCommand({
    Url: options.url ?? idp.issuer,
    ClientIDList: options.clientIds ?? ['rolegate-app'],
    ThumbprintList: options.thumbprints ?? [idp.thumbprint],
  }));
}

async function createRole(conditions: Record<string, string> = { [`${'HOST'}:aud`]: 'rolegate-app', ['HOST:sub']: SUB }, maxSessionDuration?: number, actions: string[] = ['sts:AssumeRoleWithWebIdentity']) {
  const condition = Object.fromEntries(Object.entries(conditions).map(([k, v]) => [k.replace('HOST', hostPath), v]));
  await iam.send(new CreateRoleCommand({
    RoleName: 'deploy',
    ...(maxSessionDuration ? { MaxSessionDuration: maxSessionDuration } : {}),
    AssumeRolePolicyDocument: doc([{
      Effect: 'Allow', Principal: { Federated: providerArn }, Action: actions.length === 1 ? actions[0] : actions,
      Condition: { StringEquals: condition },
    }]),
  }));
}

const assume = async (token: string, extra: Partial<AssumeRoleWithWebIdentityCommandInput> = {}) =>
  anonymousSts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'ci', WebIdentityToken: token, ...extra }));

describe('AssumeRoleWithWebIdentity behaviour', () => {
  test('a token from a registered issuer assumes the role, and the session is the assumed role', async () => {
    await registerIssuer();
    await createRole();
    const r = await assume(await idp.token(), { DurationSeconds: 900 });
    assert.match(r.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    const lifetime = r.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 880_000 && lifetime <= 900_000, `lifetime ${lifetime}`);
    assert.equal(r.SubjectFromWebIdentityToken, SUB);
    assert.equal(r.AssumedRoleUser!.Arn, 'arn:aws:sts::111122223333:assumed-role/deploy/ci');
    assert.match(r.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z2-7]+:ci$/);
    assert.equal(r.Provider, providerArn);
    assert.equal(r.Audience, 'rolegate-app');
    assert.equal(r.PackedPolicySize, undefined);
    const session = { accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! };
    const id = await server.sts(session).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, 'arn:aws:sts::111122223333:assumed-role/deploy/ci');
    assert.equal(id.Account, '111122223333');
  });

  test('a session policy is reported as PackedPolicySize, and the source identity claim becomes SourceIdentity when the trust policy allows sts:SetSourceIdentity', async () => {
    await registerIssuer();
    await createRole(undefined, undefined, ['sts:AssumeRoleWithWebIdentity']);
    const token = await idp.token({ claims: { 'https://aws.amazon.com/source_identity': 'alice' } });
    await rejectsWith(assume(token), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    await server.reset();
    await registerIssuer();
    await createRole(undefined, undefined, ['sts:AssumeRoleWithWebIdentity', 'sts:SetSourceIdentity']);
    const r = await assume(token, { Policy: doc([{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }]) });
    assert.ok(r.PackedPolicySize! > 0 && r.PackedPolicySize! <= 100);
    assert.equal(r.SourceIdentity, 'alice');
  });

  test("session tags in the token's tags claim need sts:TagSession, and then tag the session (aws:PrincipalTag)", async () => {
    await registerIssuer();
    const tagsClaim = { 'https://aws.amazon.com/tags': { principal_tags: { team: ['payments'] }, transitive_tag_keys: ['team'] } };
    const token = await idp.token({ claims: tagsClaim });
    await createRole();
    await rejectsWith(assume(token), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    await server.reset();
    await registerIssuer();
    await createRole(undefined, undefined, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']);
    const { PutRolePolicyCommand, ListRolesCommand } = await import('@aws-sdk/client-iam');
    await iam.send(new PutRolePolicyCommand({
      RoleName: 'deploy', PolicyName: 'team-only',
      PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'payments' } } }]),
    }));
    const r = await assume(token);
    assert.ok(r.PackedPolicySize! > 0, 'session tags count in PackedPolicySize');
    const session = { accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! };
    const roles = await server.iam(session).send(new ListRolesCommand({}));
    assert.deepEqual(roles.Roles!.map((x) => x.RoleName), ['deploy']);
    const malformed = await idp.token({ claims: { 'https://aws.amazon.com/tags': { principal_tags: { team: ['a', 'b'] } } } });
    await rejectsWith(assume(malformed), 'InvalidIdentityTokenException', 400, 'The web identity token contains session tags that are not valid.');
  });

  test('a token whose aud lists several values is accepted when one is a client id of the provider', async () => {
    await registerIssuer({ clientIds: ['other-app', 'rolegate-app'] });
    await createRole();
    const r = await assume(await idp.token({ claims: { aud: ['unknown', 'rolegate-app'] } }));
    assert.equal(r.Audience, 'rolegate-app');
  });

  test("the issuer's keys are fetched once, and again when a token names a key the issuer has just rotated in", async () => {
    await registerIssuer();
    await createRole();
    await assume(await idp.token());
    const before = idp.requests.length;
    await assume(await idp.token());
    assert.equal(idp.requests.length, before, 'the cached keys serve the second token');
    await idp.rotate();
    await assume(await idp.token());
    assert.deepEqual(idp.requests.slice(before), ['/.well-known/openid-configuration', '/keys']);
  });

  test('a trust policy with an amr condition admits only tokens that carry the method', async () => {
    await registerIssuer();
    await iam.send(new CreateRoleCommand({
      RoleName: 'deploy',
      AssumeRolePolicyDocument: doc([{
        Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { 'ForAnyValue:StringEquals': { [`${hostPath}:amr`]: 'mfa' } },
      }]),
    }));
    await assume(await idp.token({ claims: { amr: ['pwd', 'mfa'] } }));
    await rejectsWith(assume(await idp.token({ claims: { amr: ['pwd'] } })), 'AccessDenied', 403);
  });
});

describe('AssumeRoleWithWebIdentity errors', () => {
  test('a token for another audience answers InvalidIdentityToken "Incorrect token audience" (400)', async () => {
    await registerIssuer();
    await createRole();
    await rejectsWith(assume(await idp.token({ claims: { aud: 'someone-else' } })), 'InvalidIdentityTokenException', 400, 'Incorrect token audience');
  });

  test('a token from an issuer with no provider in the account answers InvalidIdentityToken naming the issuer (400)', async () => {
    await createRole();
    await rejectsWith(assume(await idp.token()), 'InvalidIdentityTokenException', 400, `No OpenIDConnect provider found in your account for ${idp.issuer}`);
    await registerIssuer();
    await rejectsWith(assume(await idp.token({ claims: { iss: 'https://login.example.com' } })), 'InvalidIdentityTokenException', 400,
      'No OpenIDConnect provider found in your account for https://login.example.com');
  });

  test('an expired token answers ExpiredTokenException in STS words (400)', async () => {
    await registerIssuer();
    await createRole();
    await rejectsWith(assume(await idp.token({ expiresIn: -60 })), 'ExpiredTokenException', 400,
      /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/);
  });

  test('a token signed with a key the issuer does not publish answers InvalidIdentityToken (400)', async () => {
    await registerIssuer();
    await createRole();
    const forger = await idp.newKey();
    // A key id the issuer does not publish, even when its keys are fetched again.
    await rejectsWith(assume(await idp.token({ key: forger })), 'InvalidIdentityTokenException', 400, /Couldn't retrieve verification key/);
    // The issuer's own key id over a forged signature.
    const current = JSON.parse(Buffer.from((await idp.token()).split('.')[0], 'base64url').toString()).kid as string;
    await rejectsWith(assume(await idp.token({ key: forger, kid: current })), 'InvalidIdentityTokenException', 400);
    // A tampered payload under a genuine signature.
    const [h, , s] = (await idp.token()).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: idp.issuer, aud: 'rolegate-app', sub: SUB, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    await rejectsWith(assume(`${h}.${forged}.${s}`), 'InvalidIdentityTokenException', 400);
  });

  test('an unsigned token (alg none) answers InvalidIdentityToken (400)', async () => {
    await registerIssuer();
    await createRole();
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iss: idp.issuer, aud: 'rolegate-app', sub: SUB, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    await rejectsWith(assume(`${header}.${payload}.`), 'InvalidIdentityTokenException', 400);
  });

  test('text that is not a JWT answers InvalidIdentityToken (400)', async () => {
    await registerIssuer();
    await createRole();
    await rejectsWith(assume('not-a-token'), 'InvalidIdentityTokenException', 400, /not a valid JWT/);
  });

  test("a provider whose thumbprint is not the issuer certificate's answers InvalidIdentityToken (400)", async () => {
    await registerIssuer({ thumbprints: ['0123456789abcdef0123456789abcdef01234567'] });
    await createRole();
    await rejectsWith(assume(await idp.token()), 'InvalidIdentityTokenException', 400, "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint");
  });

  test('an issuer that cannot be reached answers IDPCommunicationError (400)', async () => {
    const gone = await startOidcIssuer();
    await gone.stop();
    const url = `https://localhost:${gone.port}`;
    await registerIssuer({ url, thumbprints: [gone.thumbprint] });
    await iam.send(new CreateRoleCommand({
      RoleName: 'deploy',
      AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/localhost:${gone.port}` }, Action: 'sts:AssumeRoleWithWebIdentity' }]),
    }));
    const token = await idp.token({ claims: { iss: url } });
    await rejectsWith(assume(token), 'IDPCommunicationErrorException', 400, /could not be reached/);
  });

  test('a trust policy whose sub condition does not match answers AccessDenied (403)', async () => {
    await registerIssuer();
    await createRole({ 'HOST:aud': 'rolegate-app', 'HOST:sub': 'repo:acme/web:ref:refs/heads/release' });
    await rejectsWith(assume(await idp.token()), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });

  test('a role that trusts another provider, or does not exist, answers AccessDenied (403)', async () => {
    await registerIssuer();
    await iam.send(new CreateRoleCommand({
      RoleName: 'deploy',
      AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }]),
    }));
    await rejectsWith(assume(await idp.token()), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    await rejectsWith(assume(await idp.token(), { RoleArn: 'arn:aws:iam::111122223333:role/missing' }), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });

  test("DurationSeconds beyond the role's MaxSessionDuration answers ValidationError (400)", async () => {
    await registerIssuer();
    await createRole(undefined, 3600);
    await rejectsWith(assume(await idp.token(), { DurationSeconds: 7200 }), 'ValidationError', 400,
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  });
});

describe('the certificate thumbprint, as IAM checks it', () => {
  test("with a served chain, the top certificate's thumbprint admits the issuer and the server certificate's alone does not", async () => {
    const chained = await startOidcIssuer({ chain: true });
    try {
      assert.notEqual(chained.thumbprint, chained.leafThumbprint);
      const chainedHost = `localhost:${chained.port}`;
      const role = async (name: string) => iam.send(new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${chainedHost}` }, Action: 'sts:AssumeRoleWithWebIdentity' }]),
      }));
      await role('chained');
      await registerIssuer({ url: chained.issuer, thumbprints: [chained.leafThumbprint] });
      const token = await chained.token();
      await rejectsWith(assume(token, { RoleArn: 'arn:aws:iam::111122223333:role/chained' }), 'InvalidIdentityTokenException', 400,
        "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint");
      await server.reset();
      await role('chained');
      await registerIssuer({ url: chained.issuer, thumbprints: ['ffffffffffffffffffffffffffffffffffffffff', chained.thumbprint.toUpperCase()] });
      const r = await assume(token, { RoleArn: 'arn:aws:iam::111122223333:role/chained' });
      assert.equal(r.Provider, `arn:aws:iam::111122223333:oidc-provider/${chainedHost}`);
    } finally {
      await chained.stop();
    }
  });

  test('keys fetched under a thumbprint are not reused once the provider names another thumbprint', async () => {
    await registerIssuer();
    await createRole();
    await assume(await idp.token());
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: providerArn, ThumbprintList: ['0123456789abcdef0123456789abcdef01234567'] }));
    await rejectsWith(assume(await idp.token()), 'InvalidIdentityTokenException', 400, "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint");
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: providerArn, ThumbprintList: [idp.thumbprint] }));
    await assume(await idp.token());
  });
});
