// Instance profiles through @aws-sdk/client-iam: one role each, tags, listing, and what deletion needs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, DeleteInstanceProfileCommand, DeleteRoleCommand,
  GetInstanceProfileCommand, ListInstanceProfilesCommand, ListInstanceProfilesForRoleCommand, ListInstanceProfileTagsCommand,
  RemoveRoleFromInstanceProfileCommand, TagInstanceProfileCommand, UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

const rg = useRolegate();

describe('CreateInstanceProfile and GetInstanceProfile', () => {
  test('create a profile: AIPA id, ARN with path, no roles, tags', async () => {
    const c = await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path: '/app/', Tags: [{ Key: 'k', Value: 'v' }] }));
    assert.match(c.InstanceProfile!.InstanceProfileId!, /^AIPA[A-Z2-7]{17}$/);
    assert.equal(c.InstanceProfile!.Arn, 'arn:aws:iam::111122223333:instance-profile/app/web');
    assert.deepEqual(c.InstanceProfile!.Roles, []);
    const g = await rg.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'WEB' }));
    assert.equal(g.InstanceProfile!.InstanceProfileName, 'web');
    assert.deepEqual(g.InstanceProfile!.Tags, [{ Key: 'k', Value: 'v' }]);
  });

  test('an existing name, in any letter case, answers EntityAlreadyExists (409)', async () => {
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rejectsWith(rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'Web' })), 'EntityAlreadyExistsException', 409, 'Instance Profile Web already exists.');
  });

  test('a name outside the pattern answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web server' })), 'ValidationError', 400, /instanceProfileName/);
  });

  test('GetInstanceProfile for a profile that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'none' })), 'NoSuchEntityException', 404, 'Instance Profile none cannot be found.');
  });
});

describe('AddRoleToInstanceProfile and RemoveRoleFromInstanceProfile', () => {
  test('the role shows in the profile and the profile in ListInstanceProfilesForRole', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'WebRole', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rg.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'webrole' }));
    const g = await rg.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }));
    assert.deepEqual(g.InstanceProfile!.Roles!.map((r) => r.RoleName), ['WebRole']);
    assert.equal(decodeURIComponent(g.InstanceProfile!.Roles![0].AssumeRolePolicyDocument!), trust);
    const forRole = await rg.iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'WebRole' }));
    assert.deepEqual(forRole.InstanceProfiles!.map((p) => p.InstanceProfileName), ['web']);
    await rg.iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'WebRole' }));
    assert.deepEqual((await rg.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }))).InstanceProfile!.Roles, []);
  });

  test('a second role answers LimitExceeded (409)', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'a', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'b', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rg.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'a' }));
    await rejectsWith(
      rg.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'b' })),
      'LimitExceededException', 409, 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
    );
  });

  test('a role or profile that does not exist answers NoSuchEntity (404)', async () => {
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rejectsWith(rg.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'none' })), 'NoSuchEntityException', 404, 'The role with name none cannot be found.');
    await rejectsWith(rg.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'none', RoleName: 'none' })), 'NoSuchEntityException', 404, 'Instance Profile none cannot be found.');
  });

  test('removing a role the profile does not hold answers NoSuchEntity (404)', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'a', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rejectsWith(rg.iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'a' })), 'NoSuchEntityException', 404);
  });

  test('DeleteRole while the role is in a profile answers DeleteConflict (409)', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'a', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rg.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'a' }));
    await rejectsWith(rg.iam.send(new DeleteRoleCommand({ RoleName: 'a' })), 'DeleteConflictException', 409, 'Cannot delete entity, must remove roles from instance profile first.');
  });
});

describe('ListInstanceProfiles and ListInstanceProfilesForRole', () => {
  test('lists by name with a path prefix and pages, without tags', async () => {
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'b', Path: '/app/', Tags: [{ Key: 'k', Value: 'v' }] }));
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'a', Path: '/app/' }));
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'c' }));
    const r = await rg.iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/app/' }));
    assert.deepEqual(r.InstanceProfiles!.map((p) => p.InstanceProfileName), ['a', 'b']);
    assert.equal(r.InstanceProfiles![1].Tags, undefined);
    const p1 = await rg.iam.send(new ListInstanceProfilesCommand({ MaxItems: 2 }));
    assert.equal(p1.IsTruncated, true);
    const p2 = await rg.iam.send(new ListInstanceProfilesCommand({ MaxItems: 2, Marker: p1.Marker }));
    assert.deepEqual(p2.InstanceProfiles!.map((p) => p.InstanceProfileName), ['c']);
  });

  test('ListInstanceProfilesForRole for a role that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'none' })), 'NoSuchEntityException', 404);
  });

  test('ListInstanceProfilesForRole for a role in no profile answers an empty list', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'a', AssumeRolePolicyDocument: trust }));
    const r = await rg.iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'a' }));
    assert.deepEqual(r.InstanceProfiles, []);
    assert.equal(r.IsTruncated, false);
  });
});

describe('DeleteInstanceProfile', () => {
  test('deletes an empty profile', async () => {
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rg.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rejectsWith(rg.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' })), 'NoSuchEntityException', 404);
  });

  test('with a role in it answers DeleteConflict (409)', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'a', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rg.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'a' }));
    await rejectsWith(rg.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' })), 'DeleteConflictException', 409, 'Cannot delete entity, must remove roles from instance profile first.');
  });

  test('for a profile that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'none' })), 'NoSuchEntityException', 404);
  });
});

describe('TagInstanceProfile, UntagInstanceProfile, ListInstanceProfileTags', () => {
  test('tag, untag and list', async () => {
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rg.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'web', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await rg.iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'web', TagKeys: ['A'] }));
    assert.deepEqual((await rg.iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'web' }))).Tags, [{ Key: 'b', Value: '2' }]);
  });

  test('duplicate keys answer InvalidInput; a missing profile NoSuchEntity', async () => {
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await rejectsWith(rg.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'web', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })), 'InvalidInputException', 400);
    await rejectsWith(rg.iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'none' })), 'NoSuchEntityException', 404);
  });
});
