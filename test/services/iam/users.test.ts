// IAM users through @aws-sdk/client-iam against a started rolegate: malformed input, errors, behaviour.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreatePolicyCommand, CreateUserCommand,
  DeleteUserCommand, DeleteUserPermissionsBoundaryCommand, GetGroupCommand, GetUserCommand, GetUserPolicyCommand, ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand, ListGroupsForUserCommand, ListUserTagsCommand, ListUsersCommand, PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand, TagUserCommand, UntagUserCommand, UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

const rg = useRolegate();

describe('CreateUser', () => {
  test('answers the user with an AIDA id, the ARN with its path, the date and tags', async () => {
    const r = await rg.iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'growth' }] }));
    assert.match(r.User!.UserId!, /^AIDA[A-Z2-7]{17}$/);
    assert.equal(r.User!.Arn, 'arn:aws:iam::111122223333:user/eng/alice');
    assert.equal(r.User!.Path, '/eng/');
    assert.ok(r.User!.CreateDate instanceof Date);
    assert.deepEqual(r.User!.Tags, [{ Key: 'team', Value: 'growth' }]);
  });

  test('with an existing name, in any letter case, answers EntityAlreadyExists (409)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new CreateUserCommand({ UserName: 'ALICE' })), 'EntityAlreadyExistsException', 409, 'User with name ALICE already exists.');
  });

  test('with a name outside the pattern answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new CreateUserCommand({ UserName: 'bad name!' })), 'ValidationError', 400, /at 'userName' failed to satisfy constraint/);
  });

  test('with a 65-character name answers ValidationError for the length', async () => {
    await rejectsWith(rg.iam.send(new CreateUserCommand({ UserName: 'a'.repeat(65) })), 'ValidationError', 400, /length less than or equal to 64/);
  });

  test('with a path that does not end in / answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new CreateUserCommand({ UserName: 'u', Path: '/eng' })), 'ValidationError', 400, /at 'path'/);
  });

  test('with duplicate tag keys answers InvalidInput', async () => {
    await rejectsWith(rg.iam.send(new CreateUserCommand({ UserName: 'u', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })), 'InvalidInputException', 400);
  });

  test('with 51 tags answers ValidationError (the model caps the list at 50)', async () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejectsWith(rg.iam.send(new CreateUserCommand({ UserName: 'u', Tags: tags })), 'ValidationError', 400, /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50/);
  });

  test('with a permissions boundary that does not exist answers NoSuchEntity', async () => {
    await rejectsWith(rg.iam.send(new CreateUserCommand({ UserName: 'u', PermissionsBoundary: 'arn:aws:iam::111122223333:policy/none' })), 'NoSuchEntityException', 404);
  });
});

describe('GetUser', () => {
  test('answers the user with its boundary and tags', async () => {
    const p = await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'Boundary', PolicyDocument: doc('s3:*') }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice', PermissionsBoundary: p.Policy!.Arn, Tags: [{ Key: 'k', Value: 'v' }] }));
    const r = await rg.iam.send(new GetUserCommand({ UserName: 'Alice' }));
    assert.equal(r.User!.UserName, 'alice');
    assert.equal(r.User!.PermissionsBoundary!.PermissionsBoundaryArn, p.Policy!.Arn);
    assert.deepEqual(r.User!.Tags, [{ Key: 'k', Value: 'v' }]);
  });

  test('for a user that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new GetUserCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
  });

  test('without a name answers the root caller: the account id and the root ARN', async () => {
    const r = await rg.iam.send(new GetUserCommand({}));
    assert.equal(r.User!.UserId, '111122223333');
    assert.equal(r.User!.Arn, 'arn:aws:iam::111122223333:root');
    assert.equal(r.User!.UserName, undefined);
  });

  test('without a name, signed with a user key, answers that user', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'iam', PolicyDocument: doc('iam:*') }));
    const k = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const asAlice = rg.server.iam({ accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! });
    const r = await asAlice.send(new GetUserCommand({}));
    assert.equal(r.User!.UserName, 'alice');
  });
});

describe('ListUsers', () => {
  test('lists users by name with a path prefix, without tags or boundary', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob', Path: '/eng/', Tags: [{ Key: 'k', Value: 'v' }] }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'carol', Path: '/ops/' }));
    const r = await rg.iam.send(new ListUsersCommand({ PathPrefix: '/eng/' }));
    assert.deepEqual(r.Users!.map((u) => u.UserName), ['alice', 'bob']);
    assert.equal(r.Users![1].Tags, undefined);
    assert.equal(r.IsTruncated, false);
  });

  test('pages with MaxItems and Marker', async () => {
    for (const n of ['a', 'b', 'c']) await rg.iam.send(new CreateUserCommand({ UserName: n }));
    const p1 = await rg.iam.send(new ListUsersCommand({ MaxItems: 2 }));
    assert.deepEqual(p1.Users!.map((u) => u.UserName), ['a', 'b']);
    assert.equal(p1.IsTruncated, true);
    const p2 = await rg.iam.send(new ListUsersCommand({ MaxItems: 2, Marker: p1.Marker }));
    assert.deepEqual(p2.Users!.map((u) => u.UserName), ['c']);
    assert.equal(p2.IsTruncated, false);
  });

  test('with MaxItems 0 answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new ListUsersCommand({ MaxItems: 0 })), 'ValidationError', 400, /maxItems/);
  });
});

describe('UpdateUser', () => {
  test('renaming moves the ARN, access keys, groups and attached and inline policies in one step', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/' }));
    const key = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    const p = await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'Read', PolicyDocument: doc('s3:GetObject') }));
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: p.Policy!.Arn }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'inline', PolicyDocument: doc('s3:ListBucket') }));

    await rg.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alicia', NewPath: '/ops/' }));

    await rejectsWith(rg.iam.send(new GetUserCommand({ UserName: 'alice' })), 'NoSuchEntityException', 404);
    const u = await rg.iam.send(new GetUserCommand({ UserName: 'alicia' }));
    assert.equal(u.User!.Arn, 'arn:aws:iam::111122223333:user/ops/alicia');
    const keys = await rg.iam.send(new ListAccessKeysCommand({ UserName: 'alicia' }));
    assert.deepEqual(keys.AccessKeyMetadata!.map((k) => [k.AccessKeyId, k.UserName]), [[key.AccessKey!.AccessKeyId, 'alicia']]);
    const groups = await rg.iam.send(new ListGroupsForUserCommand({ UserName: 'alicia' }));
    assert.deepEqual(groups.Groups!.map((g) => g.GroupName), ['devs']);
    const members = await rg.iam.send(new GetGroupCommand({ GroupName: 'devs' }));
    assert.deepEqual(members.Users!.map((m) => m.UserName), ['alicia']);
    const attached = await rg.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'alicia' }));
    assert.deepEqual(attached.AttachedPolicies!.map((a) => a.PolicyName), ['Read']);
    const inline = await rg.iam.send(new GetUserPolicyCommand({ UserName: 'alicia', PolicyName: 'inline' }));
    assert.equal(decodeURIComponent(inline.PolicyDocument!), doc('s3:ListBucket'));
  });

  test('the renamed user signs in with the key it had', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'iam', PolicyDocument: doc('iam:*') }));
    const k = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await rg.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alicia' }));
    const asUser = rg.server.iam({ accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! });
    assert.equal((await asUser.send(new GetUserCommand({}))).User!.UserName, 'alicia');
  });

  test('changing only the letter case keeps everything attached', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await rg.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'Alice' }));
    assert.equal((await rg.iam.send(new GetUserCommand({ UserName: 'alice' }))).User!.UserName, 'Alice');
    assert.equal((await rg.iam.send(new ListAccessKeysCommand({ UserName: 'Alice' }))).AccessKeyMetadata![0].UserName, 'Alice');
  });

  test('to a name another user has answers EntityAlreadyExists (409)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rejectsWith(rg.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'BOB' })), 'EntityAlreadyExistsException', 409, 'User with name BOB already exists.');
  });

  test('for a user that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new UpdateUserCommand({ UserName: 'nobody', NewUserName: 'x' })), 'NoSuchEntityException', 404);
  });

  test('with a new name outside the pattern answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'a b' })), 'ValidationError', 400, /newUserName/);
  });
});

describe('DeleteUser', () => {
  test('deletes a user with nothing left', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new DeleteUserCommand({ UserName: 'ALICE' }));
    await rejectsWith(rg.iam.send(new GetUserCommand({ UserName: 'alice' })), 'NoSuchEntityException', 404);
  });

  test('with an access key left answers DeleteConflict (409)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'p', PolicyDocument: doc('s3:*') }));
    await rejectsWith(rg.iam.send(new DeleteUserCommand({ UserName: 'alice' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete access keys first.');
  });

  test('with an inline policy left answers DeleteConflict (409)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'p', PolicyDocument: doc('s3:*') }));
    await rejectsWith(rg.iam.send(new DeleteUserCommand({ UserName: 'alice' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete policies first.');
  });

  test('with a managed policy attached answers DeleteConflict (409)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await rejectsWith(rg.iam.send(new DeleteUserCommand({ UserName: 'alice' })), 'DeleteConflictException', 409, 'Cannot delete entity, must detach all policies first.');
  });

  test('with a group membership left answers DeleteConflict (409)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new DeleteUserCommand({ UserName: 'alice' })), 'DeleteConflictException', 409, 'Cannot delete entity, must remove users from group first.');
  });

  test('for a user that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new DeleteUserCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
  });
});

describe('TagUser, UntagUser, ListUserTags', () => {
  test('tags merge with keys compared case-insensitively, untag removes, list pages', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'a' }] }));
    await rg.iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'TEAM', Value: 'b' }, { Key: 'env', Value: 'prod' }] }));
    assert.deepEqual((await rg.iam.send(new ListUserTagsCommand({ UserName: 'alice' }))).Tags, [{ Key: 'TEAM', Value: 'b' }, { Key: 'env', Value: 'prod' }]);
    const p1 = await rg.iam.send(new ListUserTagsCommand({ UserName: 'alice', MaxItems: 1 }));
    assert.equal(p1.IsTruncated, true);
    const p2 = await rg.iam.send(new ListUserTagsCommand({ UserName: 'alice', MaxItems: 1, Marker: p1.Marker }));
    assert.deepEqual(p2.Tags, [{ Key: 'env', Value: 'prod' }]);
    await rg.iam.send(new UntagUserCommand({ UserName: 'alice', TagKeys: ['team'] }));
    assert.deepEqual((await rg.iam.send(new ListUserTagsCommand({ UserName: 'alice' }))).Tags, [{ Key: 'env', Value: 'prod' }]);
  });

  test('tagging past 50 tags answers LimitExceeded', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice', Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }));
    await rejectsWith(rg.iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'one-more', Value: 'v' }] })), 'LimitExceededException', 409);
  });

  test('on a user that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new TagUserCommand({ UserName: 'nobody', Tags: [{ Key: 'k', Value: 'v' }] })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new UntagUserCommand({ UserName: 'nobody', TagKeys: ['k'] })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new ListUserTagsCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404);
  });

  test('a tag key over 128 characters answers ValidationError', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] })), 'ValidationError', 400);
  });
});

describe('PutUserPermissionsBoundary and DeleteUserPermissionsBoundary', () => {
  test('set and remove a boundary', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const arn = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
    await rg.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: arn }));
    assert.equal((await rg.iam.send(new GetUserCommand({ UserName: 'alice' }))).User!.PermissionsBoundary!.PermissionsBoundaryArn, arn);
    await rg.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'alice' }));
    assert.equal((await rg.iam.send(new GetUserCommand({ UserName: 'alice' }))).User!.PermissionsBoundary, undefined);
  });

  test('a boundary policy that does not exist answers NoSuchEntity', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: 'arn:aws:iam::111122223333:policy/none' })), 'NoSuchEntityException', 404);
  });

  test('a boundary that is not a policy ARN answers InvalidInput', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: 'arn:aws:iam::111122223333:role/r1234' })), 'InvalidInputException', 400);
  });

  test('on a user that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404);
  });
});
