// Access keys through @aws-sdk/client-iam: users' and the root's keys, the quota, status, last use,
// and that secrets are kept sealed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand, CreateUserCommand, DeleteAccessKeyCommand, GetAccessKeyLastUsedCommand, GetUserCommand, ListAccessKeysCommand,
  ListUsersCommand, PutUserPolicyCommand, UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

const rg = useRolegate();

async function userWithKey(name: string) {
  await rg.iam.send(new CreateUserCommand({ UserName: name }));
  await rg.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'iam', PolicyDocument: doc('iam:*') }));
  const k = await rg.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  const credentials = { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! };
  return { key: k.AccessKey!, client: rg.server.iam(credentials) };
}

describe('CreateAccessKey', () => {
  test('answers an AKIA id, a 40-character secret, Active, the user and the date', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const r = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    assert.match(r.AccessKey!.AccessKeyId!, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(r.AccessKey!.SecretAccessKey!.length, 40);
    assert.equal(r.AccessKey!.Status, 'Active');
    assert.equal(r.AccessKey!.UserName, 'alice');
    assert.ok(r.AccessKey!.CreateDate instanceof Date);
  });

  test('the new key signs requests as the user', async () => {
    const { client } = await userWithKey('alice');
    assert.equal((await client.send(new GetUserCommand({}))).User!.Arn, 'arn:aws:iam::111122223333:user/alice');
  });

  test('a third key for a user answers LimitExceeded (409)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' })), 'LimitExceededException', 409, 'Cannot exceed quota for AccessKeysPerUser: 2');
  });

  test('for a user that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
  });

  test('with a user name outside the pattern answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new CreateAccessKeyCommand({ UserName: 'a b' })), 'ValidationError', 400, /userName/);
  });

  test('without a user name, signed by the root, makes a root key with no user name', async () => {
    const r = await rg.iam.send(new CreateAccessKeyCommand({}));
    assert.equal(r.AccessKey!.UserName, undefined);
    const root = rg.server.iam({ accessKeyId: r.AccessKey!.AccessKeyId!, secretAccessKey: r.AccessKey!.SecretAccessKey! });
    assert.equal((await root.send(new GetUserCommand({}))).User!.Arn, 'arn:aws:iam::111122223333:root');
    const listed = await rg.iam.send(new ListAccessKeysCommand({}));
    assert.ok(listed.AccessKeyMetadata!.some((k) => k.AccessKeyId === r.AccessKey!.AccessKeyId && k.UserName === undefined));
  });

  test('without a user name, signed by a user, makes a key for that user', async () => {
    const { client } = await userWithKey('alice');
    const r = await client.send(new CreateAccessKeyCommand({}));
    assert.equal(r.AccessKey!.UserName, 'alice');
    assert.equal((await rg.iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata!.length, 2);
  });

  test('the secret is stored sealed: no file in the data folder holds it in plain text', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const secret = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!.SecretAccessKey!;
    await rg.iam.send(new ListUsersCommand({}));
    for (const f of readdirSync(rg.server.dataDir)) {
      assert.equal(readFileSync(join(rg.server.dataDir, f)).includes(secret), false, `${f} holds the secret`);
    }
  });
});

describe('ListAccessKeys', () => {
  test('lists a user\'s keys as metadata without secrets', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const a = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const r = await rg.iam.send(new ListAccessKeysCommand({ UserName: 'ALICE' }));
    assert.equal(r.AccessKeyMetadata!.length, 1);
    assert.deepEqual(Object.keys(r.AccessKeyMetadata![0]).sort(), ['AccessKeyId', 'CreateDate', 'Status', 'UserName']);
    assert.equal(r.AccessKeyMetadata![0].AccessKeyId, a.AccessKey!.AccessKeyId);
    assert.equal(r.IsTruncated, false);
  });

  test('pages with MaxItems', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const p1 = await rg.iam.send(new ListAccessKeysCommand({ UserName: 'alice', MaxItems: 1 }));
    assert.equal(p1.IsTruncated, true);
    const p2 = await rg.iam.send(new ListAccessKeysCommand({ UserName: 'alice', MaxItems: 1, Marker: p1.Marker }));
    assert.notEqual(p2.AccessKeyMetadata![0].AccessKeyId, p1.AccessKeyMetadata![0].AccessKeyId);
  });

  test('for a user that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new ListAccessKeysCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404);
  });
});

describe('UpdateAccessKey', () => {
  test('an Inactive key is refused when it signs, and works again once Active', async () => {
    const { key, client } = await userWithKey('alice');
    await rg.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: key.AccessKeyId!, Status: 'Inactive' }));
    assert.equal((await rg.iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata![0].Status, 'Inactive');
    await rejectsWith(client.send(new GetUserCommand({})), 'InvalidClientTokenId', 403);
    await rg.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: key.AccessKeyId!, Status: 'Active' }));
    assert.equal((await client.send(new GetUserCommand({}))).User!.UserName, 'alice');
  });

  test('a key of another user answers NoSuchEntity (404)', async () => {
    const { key } = await userWithKey('alice');
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rejectsWith(
      rg.iam.send(new UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: key.AccessKeyId!, Status: 'Inactive' })),
      'NoSuchEntityException', 404, `The Access Key with id ${key.AccessKeyId} cannot be found.`,
    );
  });

  test('a key id that does not exist answers NoSuchEntity (404)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA', Status: 'Inactive' })), 'NoSuchEntityException', 404);
  });

  test('a status outside Active and Inactive answers ValidationError', async () => {
    const { key } = await userWithKey('alice');
    await rejectsWith(rg.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: key.AccessKeyId!, Status: 'Expired' })), 'ValidationError', 400);
    await rejectsWith(rg.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: key.AccessKeyId!, Status: 'Paused' as 'Active' })), 'ValidationError', 400, /status/);
  });

  test('a key id shorter than 16 characters answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new UpdateAccessKeyCommand({ AccessKeyId: 'AKIA', Status: 'Inactive' })), 'ValidationError', 400, /accessKeyId/);
  });
});

describe('DeleteAccessKey', () => {
  test('a deleted key is gone and no longer signs', async () => {
    const { key, client } = await userWithKey('alice');
    await rg.iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: key.AccessKeyId! }));
    assert.deepEqual((await rg.iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata, []);
    await rejectsWith(client.send(new GetUserCommand({})), 'InvalidClientTokenId', 403);
  });

  test('without a user name a user deletes its own key', async () => {
    const { key, client } = await userWithKey('alice');
    const second = await client.send(new CreateAccessKeyCommand({}));
    await client.send(new DeleteAccessKeyCommand({ AccessKeyId: second.AccessKey!.AccessKeyId! }));
    assert.deepEqual((await rg.iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata!.map((k) => k.AccessKeyId), [key.AccessKeyId]);
  });

  test('a user key deleted without a user name by the root answers NoSuchEntity: it is not the root\'s', async () => {
    const { key } = await userWithKey('alice');
    await rejectsWith(rg.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: key.AccessKeyId! })), 'NoSuchEntityException', 404);
  });

  test('a key that does not exist answers NoSuchEntity (404)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' })), 'NoSuchEntityException', 404);
  });
});

describe('GetAccessKeyLastUsed', () => {
  test('a key never used answers its user and N/A for region and service', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const k = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const r = await rg.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKey!.AccessKeyId! }));
    assert.equal(r.UserName, 'alice');
    assert.equal(r.AccessKeyLastUsed!.Region, 'N/A');
    assert.equal(r.AccessKeyLastUsed!.ServiceName, 'N/A');
  });

  test('a key that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' })), 'NoSuchEntityException', 404);
  });

  test('a key id with characters outside the pattern answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIA-AAAAAAAAAAAAAAA' })), 'ValidationError', 400);
  });
});
