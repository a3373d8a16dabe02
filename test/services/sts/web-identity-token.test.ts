// GetWebIdentityToken through @aws-sdk/client-sts: a JWT for the caller, signed with its account's
// outbound federation key, refused while the account has the feature disabled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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

test('a role session\'s token names the role as sub, and cannot outlive the session (SessionDurationEscalationException)', async () => {
  await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}));
  const alice = await userWith(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }));
  const role = (await rg.iam.send(new CreateRoleCommand({
    RoleName: 'Worker',
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' }] }),
  }))).Role!;
  await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'Worker', PolicyName: 'p', PolicyDocument: ALLOW_TOKEN }));
  const c = (await rg.server.sts(alice).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'job-1', DurationSeconds: 900 }))).Credentials!;
  const session = rg.server.sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
  const t = await session.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256', DurationSeconds: 600 }));
  assert.equal(decode(t.WebIdentityToken!).claims.sub, role.Arn);
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
