// IAM groups and membership through @aws-sdk/client-iam against a started rolegate.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, CreateGroupCommand, CreateUserCommand, DeleteGroupCommand, GetGroupCommand,
  GetGroupPolicyCommand, ListAttachedGroupPoliciesCommand, ListGroupsCommand, ListGroupsForUserCommand, PutGroupPolicyCommand,
  RemoveUserFromGroupCommand, UpdateGroupCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

const rg = useRolegate();

describe('CreateGroup and GetGroup', () => {
  test('create a group: AGPA id, ARN with path; GetGroup lists its members', async () => {
    const c = await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs', Path: '/eng/' }));
    assert.match(c.Group!.GroupId!, /^AGPA[A-Z2-7]{17}$/);
    assert.equal(c.Group!.Arn, 'arn:aws:iam::111122223333:group/eng/devs');
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'bob' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'DEVS', UserName: 'ALICE' }));
    const g = await rg.iam.send(new GetGroupCommand({ GroupName: 'devs' }));
    assert.equal(g.Group!.GroupName, 'devs');
    assert.deepEqual(g.Users!.map((u) => u.UserName), ['alice', 'bob']);
    assert.equal(g.IsTruncated, false);
  });

  test('GetGroup pages its members with MaxItems and Marker', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    for (const n of ['a', 'b', 'c']) {
      await rg.iam.send(new CreateUserCommand({ UserName: n }));
      await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: n }));
    }
    const p1 = await rg.iam.send(new GetGroupCommand({ GroupName: 'devs', MaxItems: 2 }));
    assert.deepEqual(p1.Users!.map((u) => u.UserName), ['a', 'b']);
    assert.equal(p1.IsTruncated, true);
    const p2 = await rg.iam.send(new GetGroupCommand({ GroupName: 'devs', MaxItems: 2, Marker: p1.Marker }));
    assert.deepEqual(p2.Users!.map((u) => u.UserName), ['c']);
  });

  test('CreateGroup with an existing name, in any letter case, answers EntityAlreadyExists (409)', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rejectsWith(rg.iam.send(new CreateGroupCommand({ GroupName: 'Devs' })), 'EntityAlreadyExistsException', 409, 'Group with name Devs already exists.');
  });

  test('CreateGroup with a name outside the pattern answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new CreateGroupCommand({ GroupName: 'a/b' })), 'ValidationError', 400, /groupName/);
  });

  test('GetGroup for a group that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new GetGroupCommand({ GroupName: 'none' })), 'NoSuchEntityException', 404, 'The group with name none cannot be found.');
  });
});

describe('ListGroups', () => {
  test('lists groups by name with a path prefix and pages', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'b', Path: '/eng/' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'a', Path: '/eng/' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'c', Path: '/ops/' }));
    assert.deepEqual((await rg.iam.send(new ListGroupsCommand({ PathPrefix: '/eng/' }))).Groups!.map((g) => g.GroupName), ['a', 'b']);
    const p1 = await rg.iam.send(new ListGroupsCommand({ MaxItems: 2 }));
    assert.equal(p1.IsTruncated, true);
    const p2 = await rg.iam.send(new ListGroupsCommand({ MaxItems: 2, Marker: p1.Marker }));
    assert.deepEqual(p2.Groups!.map((g) => g.GroupName), ['c']);
  });

  test('with a path prefix outside the pattern answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new ListGroupsCommand({ PathPrefix: 'eng' })), 'ValidationError', 400, /pathPrefix/);
  });
});

describe('UpdateGroup', () => {
  test('renaming keeps members and policies and changes the ARN', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    await rg.iam.send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'p', PolicyDocument: doc('s3:*') }));
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await rg.iam.send(new UpdateGroupCommand({ GroupName: 'devs', NewGroupName: 'builders', NewPath: '/eng/' }));
    const g = await rg.iam.send(new GetGroupCommand({ GroupName: 'builders' }));
    assert.equal(g.Group!.Arn, 'arn:aws:iam::111122223333:group/eng/builders');
    assert.deepEqual(g.Users!.map((u) => u.UserName), ['alice']);
    assert.deepEqual((await rg.iam.send(new ListGroupsForUserCommand({ UserName: 'alice' }))).Groups!.map((x) => x.GroupName), ['builders']);
    assert.equal((await rg.iam.send(new GetGroupPolicyCommand({ GroupName: 'builders', PolicyName: 'p' }))).PolicyName, 'p');
    assert.equal((await rg.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'builders' }))).AttachedPolicies!.length, 1);
    await rejectsWith(rg.iam.send(new GetGroupCommand({ GroupName: 'devs' })), 'NoSuchEntityException', 404);
  });

  test('to a name another group has answers EntityAlreadyExists (409)', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'a' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'b' }));
    await rejectsWith(rg.iam.send(new UpdateGroupCommand({ GroupName: 'a', NewGroupName: 'B' })), 'EntityAlreadyExistsException', 409);
  });

  test('for a group that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new UpdateGroupCommand({ GroupName: 'none', NewGroupName: 'x' })), 'NoSuchEntityException', 404);
  });
});

describe('DeleteGroup', () => {
  test('deletes an empty group', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new DeleteGroupCommand({ GroupName: 'devs' }));
    await rejectsWith(rg.iam.send(new GetGroupCommand({ GroupName: 'devs' })), 'NoSuchEntityException', 404);
  });

  test('with a member left answers DeleteConflict (409)', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new DeleteGroupCommand({ GroupName: 'devs' })), 'DeleteConflictException', 409, 'Cannot delete entity, must remove users from group first.');
  });

  test('with an inline policy left answers DeleteConflict (409)', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'p', PolicyDocument: doc('s3:*') }));
    await rejectsWith(rg.iam.send(new DeleteGroupCommand({ GroupName: 'devs' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete policies first.');
  });

  test('with a managed policy attached answers DeleteConflict (409)', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await rejectsWith(rg.iam.send(new DeleteGroupCommand({ GroupName: 'devs' })), 'DeleteConflictException', 409, 'Cannot delete entity, must detach all policies first.');
  });

  test('for a group that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new DeleteGroupCommand({ GroupName: 'none' })), 'NoSuchEntityException', 404);
  });
});

describe('AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser', () => {
  test('adding twice changes nothing; removing takes the user out', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    assert.equal((await rg.iam.send(new GetGroupCommand({ GroupName: 'devs' }))).Users!.length, 1);
    await rg.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    assert.deepEqual((await rg.iam.send(new ListGroupsForUserCommand({ UserName: 'alice' }))).Groups, []);
  });

  test('an 11th group for a user answers LimitExceeded (409)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    for (let i = 0; i < 10; i++) {
      await rg.iam.send(new CreateGroupCommand({ GroupName: `g${i}` }));
      await rg.iam.send(new AddUserToGroupCommand({ GroupName: `g${i}`, UserName: 'alice' }));
    }
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'g10' }));
    await rejectsWith(rg.iam.send(new AddUserToGroupCommand({ GroupName: 'g10', UserName: 'alice' })), 'LimitExceededException', 409, 'Cannot exceed quota for GroupsPerUser: 10');
  });

  test('ListGroupsForUser lists groups by name and pages', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    for (const g of ['c', 'a', 'b']) {
      await rg.iam.send(new CreateGroupCommand({ GroupName: g }));
      await rg.iam.send(new AddUserToGroupCommand({ GroupName: g, UserName: 'alice' }));
    }
    const p1 = await rg.iam.send(new ListGroupsForUserCommand({ UserName: 'alice', MaxItems: 2 }));
    assert.deepEqual(p1.Groups!.map((g) => g.GroupName), ['a', 'b']);
    assert.equal(p1.IsTruncated, true);
    const p2 = await rg.iam.send(new ListGroupsForUserCommand({ UserName: 'alice', Marker: p1.Marker }));
    assert.deepEqual(p2.Groups!.map((g) => g.GroupName), ['c']);
  });

  test('a group or user that does not exist answers NoSuchEntity (404)', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rejectsWith(rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
    await rejectsWith(rg.iam.send(new AddUserToGroupCommand({ GroupName: 'none', UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The group with name none cannot be found.');
    await rejectsWith(rg.iam.send(new ListGroupsForUserCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404);
  });

  test('removing a user who is not a member answers NoSuchEntity (404)', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rejectsWith(rg.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'alice' })), 'NoSuchEntityException', 404);
  });

  test('a user name outside the pattern answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'a b' })), 'ValidationError', 400, /userName/);
  });
});
