// Access-key lookup on an in-process server's store: whose key it is, its secret, refusals for
// inactive keys and keys whose user is gone, a resolved key kept only while its row is unchanged,
// and when a key's last use is recorded (at most once a minute for the same service and region).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, UpdateUserCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CredentialResolver, noteKeyUse } from '../../src/auth/credentials.js';
import type { AccessKeyRecord } from '../../src/store/types.js';
import { ACCOUNT, ROOT, useInProcessServer } from './in-process-server.js';

const rg = useInProcessServer();
const INVALID = { code: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' };

async function userKey(name: string) {
  const { User } = await rg.iam().send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await rg.iam().send(new CreateAccessKeyCommand({ UserName: name }));
  return { user: User!, accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

/** Waits (bounded by the test's timeout) until the stored row satisfies `ok`. */
async function stored(accessKeyId: string, ok: (r: AccessKeyRecord) => boolean): Promise<AccessKeyRecord> {
  for (;;) {
    const r = await rg.app.store.accessKeys.get(accessKeyId);
    if (r && ok(r)) return r;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test("the root's key resolves to the account root and its secret", async () => {
  const resolved = await new CredentialResolver(rg.app.store, rg.app.sealer).resolve(ROOT.accessKeyId);
  assert.equal(resolved.secretAccessKey, ROOT.secretAccessKey);
  assert.deepEqual(resolved.caller, { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, type: 'root', userId: ACCOUNT, accessKeyId: ROOT.accessKeyId });
  assert.equal(resolved.record.accessKeyId, ROOT.accessKeyId);
});

test("a user's key resolves to the user: ARN, unique id and name", async () => {
  const k = await userKey('resolved-user');
  const resolved = await new CredentialResolver(rg.app.store, rg.app.sealer).resolve(k.accessKeyId);
  assert.equal(resolved.secretAccessKey, k.secretAccessKey);
  assert.deepEqual(resolved.caller, { accountId: ACCOUNT, arn: k.user.Arn, type: 'user', userId: k.user.UserId, userName: 'resolved-user', accessKeyId: k.accessKeyId });
});

test('an unknown key, an inactive key and a key whose user is gone answer InvalidClientTokenId', async () => {
  const resolver = new CredentialResolver(rg.app.store, rg.app.sealer);
  await assert.rejects(resolver.resolve('AKIANEVERISSUED00000'), INVALID);
  const k = await userKey('refused-user');
  await resolver.resolve(k.accessKeyId);
  const row = (await rg.app.store.accessKeys.get(k.accessKeyId))!;
  await rg.app.store.accessKeys.put({ ...row, status: 'Inactive' });
  await assert.rejects(resolver.resolve(k.accessKeyId), INVALID);
  await rg.app.store.accessKeys.put({ ...row, status: 'Active', userName: 'nobody-by-that-name' });
  await assert.rejects(resolver.resolve(k.accessKeyId), INVALID);
});

test('a resolved key is reused while its row is unchanged, and resolved afresh when its secret or owner changes', async () => {
  const resolver = new CredentialResolver(rg.app.store, rg.app.sealer);
  const a = await userKey('owner-a');
  const b = await userKey('owner-b');
  const first = await resolver.resolve(a.accessKeyId);
  const again = await resolver.resolve(a.accessKeyId);
  assert.equal(again, first, 'the same resolution, signing keys and all');
  const row = (await rg.app.store.accessKeys.get(a.accessKeyId))!;
  // The row as read for this request comes back, though the resolution is reused.
  await rg.app.store.accessKeys.put({ ...row, lastUsed: { date: '2026-01-01T00:00:00.000Z', serviceName: 'iam', region: 'us-east-1' } });
  const reread = await resolver.resolve(a.accessKeyId);
  assert.equal(reread, first);
  assert.equal(reread.record.lastUsed?.serviceName, 'iam');

  await rg.app.store.accessKeys.put({ ...row, secretSealed: rg.app.sealer.seal('another-secret-000000000000000000000000') });
  assert.equal((await resolver.resolve(a.accessKeyId)).secretAccessKey, 'another-secret-000000000000000000000000');

  await rg.app.store.accessKeys.put({ ...row, userName: 'owner-b' });
  const moved = await resolver.resolve(a.accessKeyId);
  assert.equal(moved.caller.arn, b.user.Arn);
  assert.equal(moved.caller.userId, b.user.UserId);

  await rg.app.store.accessKeys.put({ ...row, userName: null });
  assert.equal((await resolver.resolve(a.accessKeyId)).caller.arn, `arn:aws:iam::${ACCOUNT}:root`);
});

test("a key's last use is recorded once a minute per service and region, and stored", async () => {
  const k = await userKey('last-used');
  const record = (await rg.app.store.accessKeys.get(k.accessKeyId))!;
  const t0 = Date.UTC(2026, 0, 1, 12);
  const errors: unknown[] = [];
  const note = (ms: number, service: string, region: string) => noteKeyUse(rg.app.store, record, new Date(ms), service, region, (e) => errors.push(e));

  note(t0, 'sts', 'us-east-1');
  assert.deepEqual(record.lastUsed, { date: new Date(t0).toISOString(), serviceName: 'sts', region: 'us-east-1' });
  await stored(k.accessKeyId, (r) => r.lastUsed?.date === new Date(t0).toISOString());

  note(t0 + 59_999, 'sts', 'us-east-1');
  assert.equal(record.lastUsed?.date, new Date(t0).toISOString(), 'within the minute, not again');
  note(t0 + 60_000, 'sts', 'us-east-1');
  assert.equal(record.lastUsed?.date, new Date(t0 + 60_000).toISOString(), 'a minute on, again');

  note(t0 + 60_001, 'iam', 'us-east-1');
  assert.deepEqual(record.lastUsed, { date: new Date(t0 + 60_001).toISOString(), serviceName: 'iam', region: 'us-east-1' });
  note(t0 + 60_002, 'iam', 'eu-west-1');
  assert.deepEqual(record.lastUsed, { date: new Date(t0 + 60_002).toISOString(), serviceName: 'iam', region: 'eu-west-1' });
  const row = await stored(k.accessKeyId, (r) => r.lastUsed?.region === 'eu-west-1');
  assert.deepEqual(row.lastUsed, { date: new Date(t0 + 60_002).toISOString(), serviceName: 'iam', region: 'eu-west-1' });
  assert.equal(row.status, 'Active', 'the rest of the row is kept');
  assert.equal(row.secretSealed, record.secretSealed);
  assert.deepEqual(errors, []);
});

test('the last use of a key deleted meanwhile is not stored back', async () => {
  const k = await userKey('deleted-meanwhile');
  const record = (await rg.app.store.accessKeys.get(k.accessKeyId))!;
  await rg.app.store.accessKeys.delete(k.accessKeyId);
  const errors: unknown[] = [];
  noteKeyUse(rg.app.store, record, new Date(), 'sts', 'us-east-1', (e) => errors.push(e));
  // A later transaction runs after the one noteKeyUse started.
  await rg.app.store.transaction(async () => {});
  assert.equal(await rg.app.store.accessKeys.get(k.accessKeyId), undefined);
  assert.deepEqual(errors, []);
});

test("a user moved to another path signs in under the new ARN at once, though the key's row is unchanged", async () => {
  const k = await userKey('moved');
  const sts = rg.sts({ accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey });
  assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:user/moved`);
  await rg.iam().send(new UpdateUserCommand({ UserName: 'moved', NewPath: '/team/' }));
  assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:user/team/moved`);
});
