// Service-specific credentials through @aws-sdk/client-iam: CodeCommit and Keyspaces passwords with
// their USER-at-ACCOUNT and USER+1-at-ACCOUNT user names, Bedrock API keys with an age, ACCA ids, the
// quota of 2 per user per service, services IAM does not issue them for (NoSuchEntity), status, reset, listing, deletion, and the
// secret shown once, never stored in the clear.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand, CreateServiceSpecificCredentialCommand, CreateUserCommand, DeleteServiceSpecificCredentialCommand, DeleteUserCommand,
  ListServiceSpecificCredentialsCommand, PutUserPolicyCommand, ResetServiceSpecificCredentialCommand, UpdateServiceSpecificCredentialCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const ACCOUNT = '111122223333';

async function credential(user: string, service = 'codecommit.amazonaws.com', extra: { CredentialAgeDays?: number } = {}) {
  return (await rg.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: user, ServiceName: service, ...extra }))).ServiceSpecificCredential!;
}

async function signedAs(user: string, actions: string[]) {
  await rg.iam.send(new PutUserPolicyCommand({
    UserName: user, PolicyName: 'p',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: `arn:aws:iam::${ACCOUNT}:user/${user}` }] }),
  }));
  const k = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!;
  return rg.server.iam({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
}

describe('CreateServiceSpecificCredential', () => {
  test('for CodeCommit answers an ACCA id, USER-at-ACCOUNT, a 60-character password, Active and the dates', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const c = await credential('alice');
    assert.match(c.ServiceSpecificCredentialId!, /^ACCA[A-Z2-7]{17}$/);
    assert.equal(c.ServiceUserName, `alice-at-${ACCOUNT}`);
    assert.match(c.ServicePassword!, /^[A-Za-z0-9+/]{59}=$/);
    assert.equal(c.ServiceName, 'codecommit.amazonaws.com');
    assert.equal(c.UserName, 'alice');
    assert.equal(c.Status, 'Active');
    assert.ok(c.CreateDate instanceof Date);
    assert.equal(c.ExpirationDate, undefined);
    assert.equal(c.ServiceCredentialSecret, undefined);
  });

  test('for Keyspaces answers a password too; the second is USER+1-at-ACCOUNT, and its name is free again once the first goes', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const a = await credential('alice', 'cassandra.amazonaws.com');
    const b = await credential('alice', 'cassandra.amazonaws.com');
    assert.equal(a.ServiceUserName, `alice-at-${ACCOUNT}`);
    assert.equal(b.ServiceUserName, `alice+1-at-${ACCOUNT}`);
    assert.equal((await credential('alice')).ServiceUserName, `alice-at-${ACCOUNT}`, 'each service counts its own');
    await rg.iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'alice', ServiceSpecificCredentialId: a.ServiceSpecificCredentialId }));
    assert.equal((await credential('alice', 'cassandra.amazonaws.com')).ServiceUserName, `alice-at-${ACCOUNT}`);
    assert.notEqual(a.ServicePassword, b.ServicePassword);
    assert.notEqual(a.ServiceSpecificCredentialId, b.ServiceSpecificCredentialId);
  });

  test('for Bedrock answers an API key (alias and ABSK secret, no password) and, with CredentialAgeDays, its expiration date', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const c = await credential('alice', 'bedrock.amazonaws.com', { CredentialAgeDays: 30 });
    assert.equal(c.ServiceCredentialAlias, `alice-at-${ACCOUNT}`);
    assert.equal(c.ServiceUserName, undefined);
    assert.match(c.ServiceCredentialSecret!, /^ABSK[A-Za-z0-9+/=]+$/);
    assert.equal(Buffer.from(c.ServiceCredentialSecret!.slice(4), 'base64').toString().split(':')[0], c.ServiceCredentialAlias);
    assert.equal(c.ServicePassword, undefined);
    assert.equal(c.ExpirationDate!.getTime() - c.CreateDate!.getTime(), 30 * 86_400_000);
    const forever = await credential('alice', 'bedrock.amazonaws.com');
    assert.equal(forever.ExpirationDate, undefined);
  });

  test('a third credential for one user and service answers LimitExceeded (409); another service or user still may', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await credential('alice');
    await credential('alice');
    await rejectsWith(rg.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceName: 'codecommit.amazonaws.com' })),
      'LimitExceededException', 409, 'Cannot exceed quota for ServiceSpecificCredentialsPerUser: 2');
    await credential('alice', 'cassandra.amazonaws.com');
    await credential('bob');
    assert.equal((await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice' }))).ServiceSpecificCredentials!.length, 3);
  });

  test('a service IAM issues no credentials for answers NoSuchEntity (404) naming it', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    for (const s of ['s3.amazonaws.com', 'codecommit']) {
      await rejectsWith(rg.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceName: s })), 'NoSuchEntityException', 404,
        `No such service ${s} is supported for Service Specific Credentials`);
    }
  });

  test('CredentialAgeDays for a password service answers InvalidInput; out of 1..36600 ValidationError', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceName: 'codecommit.amazonaws.com', CredentialAgeDays: 5 })),
      'InvalidInputException', 400, 'CredentialAgeDays is only valid for Bedrock and CloudWatch Logs API keys.');
    await rejectsWith(rg.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceName: 'bedrock.amazonaws.com', CredentialAgeDays: 0 })),
      'ValidationError', 400, /credentialAgeDays/);
    await rejectsWith(rg.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceName: 'bedrock.amazonaws.com', CredentialAgeDays: 36601 })),
      'ValidationError', 400, /credentialAgeDays/);
    assert.deepEqual((await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice' }))).ServiceSpecificCredentials, []);
  });

  test('for a user that does not exist answers NoSuchEntity (404); a name outside the pattern ValidationError', async () => {
    await rejectsWith(rg.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'nobody', ServiceName: 'codecommit.amazonaws.com' })), 'NoSuchEntityException', 404,
      'The user with name nobody cannot be found.');
    await rejectsWith(rg.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'bad name', ServiceName: 'codecommit.amazonaws.com' })), 'ValidationError', 400, /userName/);
  });

  test('is authorized as iam:CreateServiceSpecificCredential on the user: without it AccessDenied (403)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const alice = await signedAs('alice', ['iam:CreateServiceSpecificCredential']);
    assert.equal((await alice.send(new CreateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceName: 'codecommit.amazonaws.com' }))).ServiceSpecificCredential!.UserName, 'alice');
    await rejectsWith(alice.send(new CreateServiceSpecificCredentialCommand({ UserName: 'bob', ServiceName: 'codecommit.amazonaws.com' })), 'AccessDenied', 403,
      /iam:CreateServiceSpecificCredential on resource: arn:aws:iam::111122223333:user\/bob/);
  });

  test('the secret is shown once: no later answer carries it and no file in the data folder holds it in the clear', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const c = await credential('alice');
    const key = await credential('alice', 'bedrock.amazonaws.com');
    const listed = await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice' }));
    for (const m of listed.ServiceSpecificCredentials!) {
      assert.deepEqual(Object.keys(m).filter((k) => /Password|Secret/.test(k)), []);
    }
    assert.equal(JSON.stringify(listed).includes(c.ServicePassword!), false);
    const all = await rg.iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true }));
    assert.equal(JSON.stringify(all).includes(c.ServicePassword!), false);
    const reset = (await rg.iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'alice', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId }))).ServiceSpecificCredential!;
    assert.notEqual(reset.ServicePassword, c.ServicePassword);
    const secrets = [c.ServicePassword!, reset.ServicePassword!, key.ServiceCredentialSecret!, key.ServiceCredentialSecret!.slice(4)];
    for (const f of readdirSync(rg.server.dataDir)) {
      const body = readFileSync(join(rg.server.dataDir, f));
      for (const s of secrets) assert.equal(body.includes(s), false, `${f} holds a secret`);
    }
    for (const s of secrets) assert.equal(rg.server.stderr().includes(s), false, 'the log holds a secret');
  });
});

describe('ListServiceSpecificCredentials', () => {
  test('answers metadata oldest first, filters by ServiceName, pages with MaxItems and Marker', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const a = await credential('alice');
    const b = await credential('alice', 'cassandra.amazonaws.com');
    const k = await credential('alice', 'bedrock.amazonaws.com', { CredentialAgeDays: 1 });
    const all = (await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice' }))).ServiceSpecificCredentials!;
    assert.deepEqual(all.map((c) => c.ServiceSpecificCredentialId), [a, b, k].map((c) => c.ServiceSpecificCredentialId));
    assert.deepEqual(Object.keys(all[0]).sort(), ['CreateDate', 'ServiceName', 'ServiceSpecificCredentialId', 'ServiceUserName', 'Status', 'UserName']);
    assert.equal(all[2].ServiceCredentialAlias, k.ServiceCredentialAlias);
    assert.deepEqual(all[2].ExpirationDate, k.ExpirationDate);
    const cc = await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice', ServiceName: 'cassandra.amazonaws.com' }));
    assert.deepEqual(cc.ServiceSpecificCredentials!.map((c) => c.ServiceSpecificCredentialId), [b.ServiceSpecificCredentialId]);
    const first = await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice', MaxItems: 2 }));
    assert.equal(first.IsTruncated, true);
    assert.equal(first.ServiceSpecificCredentials!.length, 2);
    const second = await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice', MaxItems: 2, Marker: first.Marker }));
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
    assert.deepEqual(second.ServiceSpecificCredentials!.map((c) => c.ServiceSpecificCredentialId), [k.ServiceSpecificCredentialId]);
  });

  test('AllUsers lists every user of the account; with UserName it answers InvalidInput; an unknown service NoSuchEntity', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await credential('bob');
    await credential('alice');
    const all = await rg.iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true }));
    assert.deepEqual(all.ServiceSpecificCredentials!.map((c) => c.UserName), ['alice', 'bob']);
    await rejectsWith(rg.iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true, UserName: 'alice' })), 'InvalidInputException', 400);
    await rejectsWith(rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice', ServiceName: 'sqs.amazonaws.com' })), 'NoSuchEntityException', 404,
      'No such service sqs.amazonaws.com is supported for Service Specific Credentials');
    await rejectsWith(rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404);
  });

  test("without UserName lists the calling user's credentials; the account root must name a user", async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const c = await credential('alice');
    const alice = await signedAs('alice', ['iam:ListServiceSpecificCredentials']);
    assert.deepEqual((await alice.send(new ListServiceSpecificCredentialsCommand({}))).ServiceSpecificCredentials!.map((m) => m.ServiceSpecificCredentialId),
      [c.ServiceSpecificCredentialId]);
    await rejectsWith(rg.iam.send(new ListServiceSpecificCredentialsCommand({})), 'ValidationError', 400, 'Must specify userName when calling with non-User credentials');
  });
});

describe('UpdateServiceSpecificCredential, ResetServiceSpecificCredential, DeleteServiceSpecificCredential', () => {
  test('Update sets Inactive and Active; Expired answers ValidationError', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const id = (await credential('alice')).ServiceSpecificCredentialId;
    const status = async () => (await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice' }))).ServiceSpecificCredentials![0].Status;
    await rg.iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceSpecificCredentialId: id, Status: 'Inactive' }));
    assert.equal(await status(), 'Inactive');
    await rejectsWith(rg.iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceSpecificCredentialId: id, Status: 'Expired' })), 'ValidationError', 400);
    await rg.iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceSpecificCredentialId: id, Status: 'Active' }));
    assert.equal(await status(), 'Active');
  });

  test('Reset answers a new password with the same id, user name and status', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const c = await credential('alice');
    await rg.iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId, Status: 'Inactive' }));
    const r = (await rg.iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'alice', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId }))).ServiceSpecificCredential!;
    assert.equal(r.ServiceSpecificCredentialId, c.ServiceSpecificCredentialId);
    assert.equal(r.ServiceUserName, c.ServiceUserName);
    assert.equal(r.Status, 'Inactive');
    assert.match(r.ServicePassword!, /^[A-Za-z0-9+/]{59}=$/);
    assert.notEqual(r.ServicePassword, c.ServicePassword);
  });

  test("an id of another user, or none, answers NoSuchEntity (404) naming the id; a short id ValidationError", async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const id = (await credential('alice')).ServiceSpecificCredentialId!;
    const missing = `No such credential ${id} exists`;
    await rejectsWith(rg.iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'bob', ServiceSpecificCredentialId: id, Status: 'Inactive' })), 'NoSuchEntityException', 404, missing);
    await rejectsWith(rg.iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'bob', ServiceSpecificCredentialId: id })), 'NoSuchEntityException', 404, missing);
    await rejectsWith(rg.iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'bob', ServiceSpecificCredentialId: id })), 'NoSuchEntityException', 404, missing);
    await rejectsWith(rg.iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'alice', ServiceSpecificCredentialId: 'ACCA' + 'A'.repeat(17) })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'alice', ServiceSpecificCredentialId: 'ACCA1' })), 'ValidationError', 400, /serviceSpecificCredentialId/);
  });

  test('a user manages its own credentials without UserName', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const c = await credential('alice');
    const alice = await signedAs('alice', ['iam:UpdateServiceSpecificCredential', 'iam:ResetServiceSpecificCredential', 'iam:DeleteServiceSpecificCredential']);
    await alice.send(new UpdateServiceSpecificCredentialCommand({ ServiceSpecificCredentialId: c.ServiceSpecificCredentialId, Status: 'Inactive' }));
    assert.ok((await alice.send(new ResetServiceSpecificCredentialCommand({ ServiceSpecificCredentialId: c.ServiceSpecificCredentialId }))).ServiceSpecificCredential!.ServicePassword);
    await alice.send(new DeleteServiceSpecificCredentialCommand({ ServiceSpecificCredentialId: c.ServiceSpecificCredentialId }));
    assert.deepEqual((await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice' }))).ServiceSpecificCredentials, []);
  });

  test('DeleteUser waits for the credentials; a rename keeps them; Delete removes one and frees the quota', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const a = await credential('alice');
    await credential('alice');
    await rejectsWith(rg.iam.send(new DeleteUserCommand({ UserName: 'alice' })), 'DeleteConflictException', 409,
      'Cannot delete entity, must delete service specific credentials first.');
    await rg.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alicia' }));
    const kept = (await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alicia' }))).ServiceSpecificCredentials!;
    assert.deepEqual(kept.map((c) => c.UserName), ['alicia', 'alicia']);
    await rg.iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'alicia', ServiceSpecificCredentialId: a.ServiceSpecificCredentialId }));
    await credential('alicia');
    for (const c of (await rg.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alicia' }))).ServiceSpecificCredentials!) {
      await rg.iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'alicia', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId }));
    }
    await rg.iam.send(new DeleteUserCommand({ UserName: 'alicia' }));
  });
});
