// The authorize step's less travelled paths (src/authz/authorize.ts), in-process on a real SQLite
// store: managed policies read at their default version, policies that cannot be read, sessions
// whose role is gone, services acting for another account, the owner root's bucket-policy rights
// across accounts, the order further actions are decided in, and a caller without a decision log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { enforceRequests } from '../../src/authz/authorize.js';
import type { Caller } from '../../src/shared/caller.js';
import type { DecisionRecord } from '../../src/shared/decision-record.js';
import { A1, A2, NOW, allow, deny, fixture, policy, roleSession, rootOf, run, userSession, type Fixture } from './authz-fixture.js';

let f: Fixture;
before(() => {
  f = fixture();
});
after(async () => {
  await f.close();
});

const trustA1 = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A1}:root` }, Action: 'sts:AssumeRole' });

/** A customer managed policy with an older version beside its default one. */
async function versioned(name: string, older: string, current: string): Promise<string> {
  const arn = `arn:aws:iam::${A1}:policy/${name}`;
  const at = NOW.toISOString();
  await f.store.policies.create(A1, {
    name, id: `ANPA${name.toUpperCase()}`, path: '/', arn, createDate: at, updateDate: at, tags: [], defaultVersionId: 'v2', nextVersion: 3,
    versions: [{ versionId: 'v1', document: older, createDate: at }, { versionId: 'v2', document: current, createDate: at }],
  });
  return arn;
}

describe('managed policies a session names', () => {
  test('a managed session policy is read at its default version, and decides as session-policy or by its ARN', async () => {
    const arn = await versioned('SessionVersioned', policy(allow('iam:ListRoles')), policy(allow('iam:ListUsers')));
    const role = await f.role('versioned-role', trustA1);
    await f.inline('role', 'versioned-role', policy(allow('*')));
    const s = roleSession(role, { sessionPolicyArns: [arn] });
    const ok = await run(f.store, s, 'iam', 'ListUsers', {});
    assert.equal(ok.error, undefined);
    assert.ok(ok.records[0].decidedBy.some((d) => d.policy === arn), 'the managed session policy is named by its ARN');
    assert.match((await run(f.store, s, 'iam', 'ListRoles', {})).error!.message, /because no session policy allows the iam:ListRoles action$/, 'the older version does not apply');
    const inline = await run(f.store, roleSession(role, { sessionPolicy: policy(allow('iam:ListUsers')) }), 'iam', 'ListUsers', {});
    assert.ok(inline.records[0].decidedBy.some((d) => d.policy === 'session-policy'), 'the inline session policy is named session-policy');
  });

  test('a policy whose default version is missing allows nothing', async () => {
    const arn = `arn:aws:iam::${A1}:policy/NoDefault`;
    const at = NOW.toISOString();
    await f.store.policies.create(A1, { name: 'NoDefault', id: 'ANPANODEFAULT', path: '/', arn, createDate: at, updateDate: at, tags: [], defaultVersionId: 'v9', nextVersion: 2, versions: [{ versionId: 'v1', document: policy(allow('*')), createDate: at }] });
    const role = await f.role('nodefault-role', trustA1);
    await f.inline('role', 'nodefault-role', policy(allow('*')));
    assert.match((await run(f.store, roleSession(role, { sessionPolicyArns: [arn] }), 'iam', 'ListUsers', {})).error!.message, /because no session policy allows/);
    const privileged: Caller = { ...rootOf(), session: { ...userSession(rootOf()).session!, kind: 'root', taskPolicyArn: arn } };
    assert.equal((await run(f.store, privileged, 'iam', 'ListUsers', {})).error?.code, 'AccessDenied', 'nor does such a task policy leave the root anything');
  });

  test('an AssumeRoot task policy is read at its default version; the root\'s everything is named account-root', async () => {
    const task = await versioned('TaskVersioned', policy(deny('iam:ListUsers')), policy(deny('iam:ListRoles')));
    const privileged: Caller = { ...rootOf(), session: { ...userSession(rootOf()).session!, kind: 'root', taskPolicyArn: task } };
    const ok = await run(f.store, privileged, 'iam', 'ListUsers', {});
    assert.equal(ok.error, undefined, 'the older version\'s deny does not apply');
    assert.ok(ok.records[0].decidedBy.some((d) => d.policy === 'account-root'));
    assert.match((await run(f.store, privileged, 'iam', 'ListRoles', {})).error!.message, /with an explicit deny in an identity-based policy$/);
  });
});

describe('sessions and callers out of the ordinary', () => {
  test('a role session delegated a request\'s policy has its role\'s policies, not the root\'s', async () => {
    const role = await f.role('delegated-role', trustA1);
    await f.inline('role', 'delegated-role', policy(allow('iam:ListUsers')));
    const s = roleSession(role, { delegationRequestId: 'dr-9', sessionPolicy: policy(allow(['iam:ListUsers', 'iam:ListRoles'])) });
    assert.equal((await run(f.store, s, 'iam', 'ListUsers', {})).error, undefined);
    assert.match((await run(f.store, s, 'iam', 'ListRoles', {})).error!.message, /because no identity-based policy allows the iam:ListRoles action$/);
  });

  test('a session whose role or user is gone is refused, not a fault', async () => {
    const gone = roleSession({ arn: `arn:aws:iam::${A1}:role/deleted`, id: 'AROADELETED' });
    assert.equal((await run(f.store, gone, 'iam', 'ListUsers', {})).error?.code, 'AccessDenied');
    const user: Caller = { accountId: A1, arn: `arn:aws:iam::${A1}:user/deleted`, type: 'user', userId: 'AIDADELETED', userName: 'deleted', accessKeyId: 'AKIADELETED' };
    assert.equal((await run(f.store, userSession(user, { mfa: true }), 'iam', 'ListUsers', {})).error?.code, 'AccessDenied');
  });

  test('a service acting for another account is decided by the resource\'s policy alone, as it names the service', async () => {
    const document = policy({
      Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::import-bucket/*',
      Condition: { StringEquals: { 'aws:SourceAccount': A2 } },
    });
    await f.store.buckets.create({ name: 'import-bucket', accountId: A1, region: 'us-east-1', createdAt: 1, config: { policy: document } });
    const service: Caller = { accountId: A2, arn: 'pinpoint.amazonaws.com', type: 'service', userId: 'pinpoint.amazonaws.com', accessKeyId: '', actingFor: { sourceAccount: A2, sourceArn: `arn:aws:mobiletargeting:us-east-1:${A2}:apps/a` } };
    const { error, records } = await run(f.store, service, 's3', 'GetObject', { Bucket: 'import-bucket', Key: 'k' }, { sourceIp: undefined });
    assert.equal(error, undefined);
    assert.equal(records[0].resourceAccountId, A1);
  });

  test('a resource policy that cannot be read is no policy: the identity side decides', async () => {
    await f.store.buckets.create({ name: 'unreadable', accountId: A1, region: 'us-east-1', createdAt: 1, config: { policy: '{"Statement":' } });
    const reader = await f.user('unreadable-reader');
    await f.inline('user', 'unreadable-reader', policy(allow('s3:GetObject')));
    assert.equal((await run(f.store, reader, 's3', 'GetObject', { Bucket: 'unreadable', Key: 'k' })).error, undefined);
    assert.equal((await run(f.store, rootOf(A2), 's3', 'GetObject', { Bucket: 'unreadable', Key: 'k' })).error?.message, 'Access Denied');
  });

  test('a role that does not exist, or whose trust policy cannot be read, cannot be assumed whatever the caller\'s policy', async () => {
    const alice = await f.user('assumer');
    await f.inline('user', 'assumer', policy(allow('sts:AssumeRole')));
    const missing = await run(f.store, alice, 'sts', 'AssumeRole', { RoleArn: `arn:aws:iam::${A1}:role/no-such-role`, RoleSessionName: 's' });
    assert.equal(missing.error?.message, `User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A1}:role/no-such-role`);
    const broken = await f.role('broken-trust', '{"Statement":');
    assert.equal((await run(f.store, alice, 'sts', 'AssumeRole', { RoleArn: broken.arn, RoleSessionName: 's' })).error?.code, 'AccessDenied');
  });
});

describe('the account root and bucket policies', () => {
  test('another account\'s root is not the bucket owner: its policy rights come from the bucket policy alone', async () => {
    const document = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A2}:root` }, Action: 's3:GetBucketPolicy', Resource: 'arn:aws:s3:::shared-policy' });
    await f.store.buckets.create({ name: 'shared-policy', accountId: A1, region: 'us-east-1', createdAt: 1, config: { policy: document } });
    assert.equal((await run(f.store, rootOf(A2), 's3', 'GetBucketPolicy', { Bucket: 'shared-policy' })).error, undefined);
    assert.equal((await run(f.store, rootOf(A2), 's3', 'PutBucketPolicy', { Bucket: 'shared-policy' })).error?.message, 'Access Denied');
  });

  test('another account\'s root is named in the request\'s partition', async () => {
    const document = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws-cn:iam::${A2}:root` }, Action: 's3:GetObject', Resource: 'arn:aws-cn:s3:::cn-bucket/*' });
    await f.store.buckets.create({ name: 'cn-bucket', accountId: A1, region: 'cn-north-1', createdAt: 1, config: { policy: document } });
    assert.equal((await run(f.store, rootOf(A2), 's3', 'GetObject', { Bucket: 'cn-bucket', Key: 'k' }, { region: 'cn-north-1' })).error, undefined);
  });

  test('the owner root\'s own requests are decided with the global keys its bucket policy tests', async () => {
    const document = policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::tls-only/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    await f.store.buckets.create({ name: 'tls-only', accountId: A1, region: 'us-east-1', createdAt: 1, config: { policy: document } });
    assert.match((await run(f.store, rootOf(), 's3', 'GetObject', { Bucket: 'tls-only', Key: 'k' })).error!.message, /with an explicit deny in a resource-based policy$/);
    assert.equal((await run(f.store, rootOf(), 's3', 'GetObject', { Bucket: 'tls-only', Key: 'k' }, { tlsVersion: 'TLSv1.3' })).error, undefined);
  });

  test('an allowed root request is recorded with no statements, reasons or missing keys', async () => {
    const { records } = await run(f.store, rootOf(), 'iam', 'ListUsers', {});
    assert.deepEqual([records[0].decidedBy, records[0].reasons, records[0].missingKeys], [[], [], []]);
    const assumed = await run(f.store, rootOf(), 'sts', 'AssumeRole', { RoleArn: `arn:aws:iam::${A1}:role/r`, RoleSessionName: 's' });
    assert.deepEqual([assumed.records[0].decidedBy, assumed.records[0].reasons, assumed.records[0].missingKeys], [[], [], []]);
  });
});

describe('deciding and enforcing', () => {
  test('the first refusal decides: a further action allowed after it does not undo it', async () => {
    await f.store.buckets.create({ name: 'order', accountId: A1, region: 'us-east-1', createdAt: 1, config: {} });
    const u = await f.user('acl-only');
    await f.inline('user', 'acl-only', policy(allow('s3:PutObjectAcl')));
    const { error, records } = await run(f.store, u, 's3', 'PutObject', { Bucket: 'order', Key: 'k', ACL: 'private' });
    assert.match(error!.message, /s3:PutObject on resource: "arn:aws:s3:::order\/k" because no identity-based policy allows the s3:PutObject action$/);
    assert.equal(records[0].action, 's3:PutObject');
  });

  test('a failed trust condition is explained across accounts too, but not beside an explicit deny', async () => {
    const outsider = await f.user('cross-outsider', { account: A2 });
    const role = await f.role('cross-ext', policy({ Effect: 'Allow', Principal: { AWS: outsider.arn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }));
    const cross = await run(f.store, outsider, 'sts', 'AssumeRole', { RoleArn: role.arn, RoleSessionName: 's', ExternalId: 'y' });
    assert.deepEqual(cross.records[0].trustConditions?.map((m) => m.keys), [['sts:ExternalId']]);
    const denied = await f.user('cross-denied');
    await f.inline('user', 'cross-denied', policy(deny('sts:AssumeRole')));
    const own = await f.role('own-ext', policy({ Effect: 'Allow', Principal: { AWS: denied.arn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }));
    const refused = await run(f.store, denied, 'sts', 'AssumeRole', { RoleArn: own.arn, RoleSessionName: 's', ExternalId: 'y' });
    assert.match(refused.error!.message, /with an explicit deny in an identity-based policy$/);
    assert.equal(refused.records[0].trustConditions, undefined);
  });

  test('with enforcement off nothing is checked, not even the credentials IAM turns away', async () => {
    const u = await f.user('off-user');
    const off = await run(f.store, userSession(u), 'iam', 'ListUsers', {}, { enforce: 'off' });
    assert.equal(off.error, undefined);
    const records: DecisionRecord[] = [];
    await enforceRequests({ caller: u, requests: [{ action: 'iam:ListUsers', resource: '*', resourceAccount: A1, context: {} }], requestId: 'r', receivedAt: NOW }, { store: f.store, enforce: 'off', decisions: { record: (r) => void records.push(r) } });
    assert.deepEqual(records, []);
  });

  test('without a decision log the refusal is still answered', async () => {
    const { authorize } = await import('../../src/authz/authorize.js');
    const u = await f.user('no-log');
    const input = { caller: u, service: 'iam', operation: 'ListUsers', input: {}, region: 'us-east-1', receivedAt: NOW, requestId: 'r' };
    await assert.rejects(authorize(input, { store: f.store, enforce: 'on' }), (e: Error) => e.name === 'AccessDenied');
    await assert.rejects(authorize({ ...input, caller: rootOf(), service: 'sts', operation: 'AssumeRole', input: { RoleArn: `arn:aws:iam::${A1}:role/r`, RoleSessionName: 's' } }, { store: f.store, enforce: 'on' }), /Roles may not be assumed by root accounts\./);
  });
});
