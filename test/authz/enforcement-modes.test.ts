// ROLEGATE_ENFORCE as a user sees it: `on` refuses, `soft` decides, records and allows, `off` only
// authenticates; every denial is in the decision log with its explanation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { startRolegate, TEST_ROOT, type Rolegate } from '../support/server.js';
import { rejectsWith } from '../support/errors.js';

const basic = 'Basic ' + Buffer.from(`${TEST_ROOT.accessKeyId}:${TEST_ROOT.secretAccessKey}`).toString('base64');

async function withUser(server: Rolegate) {
  const iam = server.iam();
  await iam.send(new CreateUserCommand({ UserName: 'nopolicy' }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'nopolicy' }));
  return server.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
}

async function decisions(server: Rolegate, query: string) {
  const r = await fetch(`${server.endpoint}/_rolegate/decisions?${query}`, { headers: { authorization: basic } });
  assert.equal(r.status, 200);
  return (await r.json()).decisions as { requestId: string; result: string; mode: string; action: string; resource: string; message?: string; suggestion?: unknown }[];
}

test('on: a denial is refused, recorded with its message, and explained by request id', async () => {
  const server = await startRolegate();
  try {
    const user = await withUser(server);
    const err = await rejectsWith(user.send(new ListRolesCommand({})), 'AccessDenied', 403);
    const requestId = err.$metadata!.requestId!;
    const [d] = await decisions(server, `requestId=${requestId}`);
    assert.equal(d.result, 'ImplicitlyDenied');
    assert.equal(d.mode, 'on');
    assert.equal(d.action, 'iam:ListRoles');
    assert.equal(d.message, err.message);
    assert.deepEqual(d.suggestion, { Effect: 'Allow', Action: 'iam:ListRoles', Resource: 'arn:aws:iam::111122223333:role/' });
    const explained = await fetch(`${server.endpoint}/_rolegate/decisions/${requestId}`, { headers: { authorization: basic } });
    assert.equal(explained.status, 200);
    const body = await explained.json();
    assert.match(body.explanation, /iam:ListRoles/);
    assert.match(body.explanation, /no identity-based policy/i);
  } finally {
    await server.stop();
  }
});

test('soft: the same request succeeds, and its denial is in the log as soft', async () => {
  const server = await startRolegate({ env: { ROLEGATE_ENFORCE: 'soft' } });
  try {
    const user = await withUser(server);
    const out = await user.send(new ListRolesCommand({}));
    assert.deepEqual(out.Roles, []);
    const [d] = await decisions(server, `requestId=${out.$metadata.requestId}`);
    assert.equal(d.result, 'ImplicitlyDenied');
    assert.equal(d.mode, 'soft');
  } finally {
    await server.stop();
  }
});

test('off: the request succeeds and no decision is made', async () => {
  const server = await startRolegate({ env: { ROLEGATE_ENFORCE: 'off' } });
  try {
    const user = await withUser(server);
    const out = await user.send(new ListRolesCommand({}));
    assert.deepEqual(await decisions(server, `requestId=${out.$metadata.requestId}`), []);
  } finally {
    await server.stop();
  }
});

test('the decision routes refuse callers without an account root Basic credential', async () => {
  const server = await startRolegate();
  try {
    assert.equal((await fetch(`${server.endpoint}/_rolegate/decisions`)).status, 401);
    const wrong = 'Basic ' + Buffer.from(`${TEST_ROOT.accessKeyId}:nope`).toString('base64');
    assert.equal((await fetch(`${server.endpoint}/_rolegate/decisions`, { headers: { authorization: wrong } })).status, 401);
  } finally {
    await server.stop();
  }
});

test("a cross-account AssumeRole is in both accounts' decision logs: the caller's and the role owner's", async () => {
  const server = await startRolegate({ env: { ROLEGATE_ACCOUNTS: '444455556666' } });
  try {
    const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(server.printed)!;
    const owner = { accessKeyId: m[1], secretAccessKey: m[2] };
    const { CreateRoleCommand } = await import('@aws-sdk/client-iam');
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    await server.iam(owner).send(new CreateRoleCommand({
      RoleName: 'Shared',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] }),
    }));
    const iam = server.iam();
    await iam.send(new CreateUserCommand({ UserName: 'visitor' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'visitor' }));
    const visitor = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    const err = await rejectsWith(server.sts(visitor).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/Shared', RoleSessionName: 'visit' })), 'AccessDenied', 403);
    const requestId = err.$metadata!.requestId!;
    const [mine] = await decisions(server, `requestId=${requestId}`);
    assert.equal(mine.action, 'sts:AssumeRole');
    const ownerBasic = 'Basic ' + Buffer.from(`${owner.accessKeyId}:${owner.secretAccessKey}`).toString('base64');
    const r = await fetch(`${server.endpoint}/_rolegate/decisions?requestId=${requestId}`, { headers: { authorization: ownerBasic } });
    assert.equal(r.status, 200);
    const [theirs] = (await r.json()).decisions as { requestId: string; resourceAccountId?: string; accountId: string }[];
    assert.equal(theirs.requestId, requestId);
    assert.equal(theirs.accountId, '111122223333');
    assert.equal(theirs.resourceAccountId, '444455556666');
    const unrelated = await fetch(`${server.endpoint}/_rolegate/decisions?action=iam:CreateUser`, { headers: { authorization: ownerBasic } });
    assert.deepEqual((await unrelated.json()).decisions, [], "the owner does not read the caller's own-account decisions");
  } finally {
    await server.stop();
  }
});

test('a trust-policy denial is explained by the trust statement whose conditions failed, with no identity statement suggested', async () => {
  const server = await startRolegate();
  try {
    const iam = server.iam();
    const { CreateRoleCommand, PutUserPolicyCommand } = await import('@aws-sdk/client-iam');
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    await iam.send(new CreateUserCommand({ UserName: 'partner' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'partner', PolicyName: 'assume', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'partner' }));
    const partner = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    await iam.send(new CreateRoleCommand({
      RoleName: 'Vendor',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'VendorOnly', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/partner' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'expected-id' } } }] }),
    }));
    const err = await rejectsWith(server.sts(partner).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/Vendor', RoleSessionName: 'vendor', ExternalId: 'wrong-id' })), 'AccessDenied', 403,
      'User: arn:aws:iam::111122223333:user/partner is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/Vendor');
    const requestId = err.$metadata!.requestId!;
    const [d] = await decisions(server, `requestId=${requestId}`);
    assert.equal(d.suggestion, undefined, 'the identity policy already allows: no identity statement is suggested');
    const explained = await (await fetch(`${server.endpoint}/_rolegate/decisions/${requestId}`, { headers: { authorization: basic } })).json();
    assert.match(explained.explanation, /The trust policy's statement 1 \(Sid "VendorOnly"\) at line 1, column 38 names this caller, but its conditions did not hold: sts:ExternalId = "wrong-id"\./);
    assert.match(explained.explanation, /Identity-based policies allow it; the role's trust policy must allow it too\./);
    assert.doesNotMatch(explained.explanation, /Would be allowed by/);
  } finally {
    await server.stop();
  }
});
