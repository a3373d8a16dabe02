// GetWebIdentityToken through @aws-sdk/client-sts: a JWT for the caller, signed with its account's
// outbound federation key, refused while the account has the feature disabled, and verified as a
// relying party would: with the key the issuer's discovery documents on rolegate's port publish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import {
  CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, DisableOutboundWebIdentityFederationCommand, EnableOutboundWebIdentityFederationCommand,
  PutRolePolicyCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetWebIdentityTokenCommand } from '@aws-sdk/client-sts';
import { TEST_ACCOUNT, useRolegate, type Credentials } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();

const ALLOW_TOKEN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*' }] });

/** The JWT's header and claims, decoded (not verified). */
function decode(jwt: string): { header: Record<string, unknown>; claims: Record<string, any> } {
  const [h, c, s] = jwt.split('.');
  assert.ok(h && c && s, 'a compact JWS has three parts');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), claims: JSON.parse(Buffer.from(c, 'base64url').toString()) };
}

async function userWith(policy?: string): Promise<Credentials & { arn: string }> {
  const user = (await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }))).User!;
  if (policy) await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'p', PolicyDocument: policy }));
  const k = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
  return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey!, arn: user.Arn! };
}

test('refused with OutboundWebIdentityFederationDisabledException (403) before Enable and after Disable', async () => {
  const sts = rg.server.sts();
  const ask = () => sts.send(new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256' }));
  await rejectsWith(ask(), 'OutboundWebIdentityFederationDisabledException', 403, /not enabled/);
  await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}));
  assert.ok((await ask()).WebIdentityToken);
  await rg.iam.send(new DisableOutboundWebIdentityFederationCommand({}));
  await rejectsWith(ask(), 'OutboundWebIdentityFederationDisabledException', 403, /not enabled/);
});

test('a user with sts:GetWebIdentityToken gets a JWT: iss the issuer, sub its ARN, aud, iat, exp after DurationSeconds, jti, request tags', async () => {
  const issuer = (await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier!;
  const alice = await userWith(ALLOW_TOKEN);
  const before = Math.floor(Date.now() / 1000);
  const r = await rg.server.sts(alice).send(new GetWebIdentityTokenCommand({
    Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256', DurationSeconds: 900, Tags: [{ Key: 'job', Value: 'j-1' }],
  }));
  const { header, claims } = decode(r.WebIdentityToken!);
  assert.equal(header.alg, 'RS256');
  assert.equal(header.typ, 'JWT');
  assert.equal(typeof header.kid, 'string');
  assert.equal(claims.iss, issuer);
  assert.equal(claims.sub, alice.arn);
  assert.equal(claims.aud, 'https://api.example.com');
  assert.ok(claims.iat >= before - 1 && claims.iat <= before + 5);
  assert.equal(claims.exp - claims.iat, 900);
  assert.equal(r.Expiration!.getTime(), claims.exp * 1000);
  assert.match(claims.jti, /^[0-9a-f-]{36}$/);
  assert.deepEqual(claims['https://sts.amazonaws.com/'], { aws_account: TEST_ACCOUNT, source_region: 'us-east-1', request_tags: { job: 'j-1' } });
  const again = decode((await rg.server.sts(alice).send(new GetWebIdentityTokenCommand({ Audience: ['a', 'b'], SigningAlgorithm: 'ES384' }))).WebIdentityToken!);
  assert.equal(again.header.alg, 'ES384');
  assert.notEqual(again.header.kid, header.kid);
  assert.deepEqual(again.claims.aud, ['a', 'b']);
  assert.equal(again.claims.exp - again.claims.iat, 300, 'the default duration is 300 seconds');
  assert.notEqual(again.claims.jti, claims.jti);
  assert.equal(again.claims['https://sts.amazonaws.com/'].request_tags, undefined);
});

test('a user without sts:GetWebIdentityToken gets AccessDenied (403); a condition on sts:IdentityTokenAudience is honoured', async () => {
  await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}));
  const alice = await userWith();
  const sts = rg.server.sts(alice);
  await rejectsWith(sts.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256' })), 'AccessDenied', 403, /sts:GetWebIdentityToken/);
  await rg.iam.send(new PutUserPolicyCommand({
    UserName: 'alice', PolicyName: 'p',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': ['https://ok.example.com'] } } }] }),
  }));
  assert.ok((await sts.send(new GetWebIdentityTokenCommand({ Audience: ['https://ok.example.com'], SigningAlgorithm: 'RS256' }))).WebIdentityToken);
  await rejectsWith(sts.send(new GetWebIdentityTokenCommand({ Audience: ['https://other.example.com'], SigningAlgorithm: 'RS256' })), 'AccessDenied', 403);
});

test('a role session\'s token names the role as sub and carries its tags (session tags over role tags), and cannot outlive the session (SessionDurationEscalationException)', async () => {
  await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}));
  const alice = await userWith(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: '*' }] }));
  const role = (await rg.iam.send(new CreateRoleCommand({
    RoleName: 'Worker', Tags: [{ Key: 'team', Value: 'data' }, { Key: 'env', Value: 'dev' }],
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] }),
  }))).Role!;
  await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'Worker', PolicyName: 'p', PolicyDocument: ALLOW_TOKEN }));
  const c = (await rg.server.sts(alice).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'job-1', DurationSeconds: 900, Tags: [{ Key: 'Env', Value: 'prod' }] }))).Credentials!;
  const session = rg.server.sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
  const t = await session.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256', DurationSeconds: 600 }));
  const { claims } = decode(t.WebIdentityToken!);
  assert.equal(claims.sub, role.Arn);
  assert.deepEqual(claims['https://sts.amazonaws.com/'].principal_tags, { team: 'data', Env: 'prod' });
  await rejectsWith(session.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256', DurationSeconds: 3600 })), 'SessionDurationEscalationException', 403);
});

test('bad input answers ValidationError: an unknown SigningAlgorithm, a duration out of 60–3600, no audience', async () => {
  await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}));
  const sts = rg.server.sts();
  await rejectsWith(sts.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'HS256' })), 'ValidationError', 400, /signingAlgorithm.*\[RS256, ES384\]/);
  await rejectsWith(sts.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256', DurationSeconds: 59 })), 'ValidationError', 400, /durationSeconds/);
  await rejectsWith(sts.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256', DurationSeconds: 3601 })), 'ValidationError', 400, /durationSeconds/);
  await rejectsWith(sts.send(new GetWebIdentityTokenCommand({ Audience: [], SigningAlgorithm: 'RS256' })), 'ValidationError', 400, /audience/);
});

/** The issuer's discovery documents, fetched as a relying party would (no credentials). */
async function discover(issuer: string) {
  const path = new URL(issuer).pathname;
  const config = await rg.server.fetch(`${path}/.well-known/openid-configuration`);
  assert.equal(config.status, 200);
  const doc = JSON.parse(config.body);
  const keys = await rg.server.fetch(new URL(doc.jwks_uri).pathname);
  assert.equal(keys.status, 200);
  return { doc, jwks: JSON.parse(keys.body) as { keys: (Record<string, string>)[] } };
}

/** Verifies a JWT's signature with the JWKS key its header names, as a relying party does. */
function verifies(jwt: string, jwks: { keys: Record<string, string>[] }): boolean {
  const [h, c, s] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, 'the JWKS holds the key the token names');
  assert.equal(jwk.alg, header.alg);
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const data = Buffer.from(`${h}.${c}`);
  const signature = Buffer.from(s, 'base64url');
  return header.alg === 'RS256'
    ? verify('sha256', data, key, signature)
    : verify('sha384', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
}

test('the issuer serves openid-configuration and a JWKS, unauthenticated, whose keys verify RS256 and ES384 tokens; a changed token does not verify', async () => {
  const issuer = (await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier!;
  const { doc, jwks } = await discover(issuer);
  assert.equal(doc.issuer, issuer);
  assert.equal(doc.jwks_uri, `${issuer}/.well-known/jwks.json`);
  assert.deepEqual([...doc.id_token_signing_alg_values_supported].sort(), ['ES384', 'RS256']);
  assert.equal(jwks.keys.length, 2);
  for (const k of jwks.keys) assert.equal(k.d, undefined, 'no private part is published');
  for (const alg of ['RS256', 'ES384']) {
    const jwt = (await rg.server.sts().send(new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: alg }))).WebIdentityToken!;
    assert.equal(verifies(jwt, jwks), true, `${alg} verifies`);
    assert.equal(decode(jwt).claims.iss, doc.issuer);
    const [h, , sig] = jwt.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decode(jwt).claims, sub: 'arn:aws:iam::999999999999:root' })).toString('base64url');
    assert.equal(verifies(`${h}.${forged}.${sig}`, jwks), false, `a changed ${alg} token does not verify`);
  }
});

test('after Disable the discovery documents are still served (earlier tokens stay verifiable); an account that never enabled it, or another path, is 404; only GET', async () => {
  await rejectsWith(rg.server.sts().send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256' })), 'OutboundWebIdentityFederationDisabledException', 403);
  assert.equal((await rg.server.fetch(`/_rolegate/oidc/${TEST_ACCOUNT}/.well-known/jwks.json`)).status, 404);
  const issuer = (await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier!;
  const jwt = (await rg.server.sts().send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'ES384' }))).WebIdentityToken!;
  await rg.iam.send(new DisableOutboundWebIdentityFederationCommand({}));
  const { jwks } = await discover(issuer);
  assert.equal(verifies(jwt, jwks), true);
  assert.equal((await rg.server.fetch('/_rolegate/oidc/999999999999/.well-known/openid-configuration')).status, 404);
  assert.equal((await rg.server.fetch(`/_rolegate/oidc/${TEST_ACCOUNT}/keys`)).status, 404);
  const post = await rg.server.fetch(`/_rolegate/oidc/${TEST_ACCOUNT}/.well-known/jwks.json`, { method: 'POST', body: '{}' });
  assert.equal(post.status, 405);
});
