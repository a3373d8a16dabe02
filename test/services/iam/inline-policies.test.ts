// Inline policies of roles, users and groups, and managed policies attached to users and groups,
// through @aws-sdk/client-iam: put/get/list/delete, pagination and the errors AWS answers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachGroupPolicyCommand, AttachUserPolicyCommand, CreateGroupCommand, CreateRoleCommand, CreateUserCommand,
  DeleteGroupPolicyCommand, DeleteRolePolicyCommand, DeleteUserPolicyCommand, DetachGroupPolicyCommand, DetachUserPolicyCommand,
  GetGroupPolicyCommand, GetRolePolicyCommand, GetUserPolicyCommand, ListAttachedGroupPoliciesCommand, ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand, ListRolePoliciesCommand, ListUserPoliciesCommand, PutGroupPolicyCommand, PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const policy = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }, null, 2);

describe('role inline policies', () => {
  test('put, get (URL-decoded by the SDK as sent), list with paging, replace, delete', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    for (const n of ['c', 'a', 'b']) await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: n, PolicyDocument: policy(`s3:${n}`) }));
    const got = await rg.iam.send(new GetRolePolicyCommand({ RoleName: 'R', PolicyName: 'a' }));
    assert.equal(got.RoleName, 'r');
    assert.equal(decodeURIComponent(got.PolicyDocument!), policy('s3:a'), 'the document comes back as sent, white space included');
    const page1 = await rg.iam.send(new ListRolePoliciesCommand({ RoleName: 'r', MaxItems: 2 }));
    assert.deepEqual(page1.PolicyNames, ['a', 'b']);
    assert.equal(page1.IsTruncated, true);
    const page2 = await rg.iam.send(new ListRolePoliciesCommand({ RoleName: 'r', MaxItems: 2, Marker: page1.Marker }));
    assert.deepEqual(page2.PolicyNames, ['c']);
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'a', PolicyDocument: policy('s3:replaced') }));
    assert.match(decodeURIComponent((await rg.iam.send(new GetRolePolicyCommand({ RoleName: 'r', PolicyName: 'a' }))).PolicyDocument!), /s3:replaced/);
    await rg.iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'a' }));
    assert.deepEqual((await rg.iam.send(new ListRolePoliciesCommand({ RoleName: 'r' }))).PolicyNames, ['b', 'c']);
  });

  test('an unknown policy or role answers NoSuchEntity (404)', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rejectsWith(rg.iam.send(new GetRolePolicyCommand({ RoleName: 'r', PolicyName: 'none' })), 'NoSuchEntityException', 404, 'The role policy with name none cannot be found.');
    await rejectsWith(rg.iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'none' })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new PutRolePolicyCommand({ RoleName: 'ghost', PolicyName: 'p', PolicyDocument: policy('s3:a') })), 'NoSuchEntityException', 404, 'The role with name ghost cannot be found.');
    await rejectsWith(rg.iam.send(new ListRolePoliciesCommand({ RoleName: 'ghost' })), 'NoSuchEntityException', 404);
  });

  test('a policy name outside the pattern answers ValidationError', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rejectsWith(rg.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'bad name', PolicyDocument: policy('s3:a') })), 'ValidationError', 400, /at 'policyName'/);
  });
});

describe('user and group inline policies', () => {
  test('users: put, get, list, delete', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'p', PolicyDocument: policy('s3:GetObject') }));
    assert.equal((await rg.iam.send(new GetUserPolicyCommand({ UserName: 'u', PolicyName: 'p' }))).UserName, 'u');
    assert.deepEqual((await rg.iam.send(new ListUserPoliciesCommand({ UserName: 'u' }))).PolicyNames, ['p']);
    await rg.iam.send(new DeleteUserPolicyCommand({ UserName: 'u', PolicyName: 'p' }));
    assert.deepEqual((await rg.iam.send(new ListUserPoliciesCommand({ UserName: 'u' }))).PolicyNames, []);
    await rejectsWith(rg.iam.send(new DeleteUserPolicyCommand({ UserName: 'u', PolicyName: 'p' })), 'NoSuchEntityException', 404, 'The user policy with name p cannot be found.');
  });

  test('groups: put, get, list, delete; group inline policies may total 5,120 characters', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await rg.iam.send(new PutGroupPolicyCommand({ GroupName: 'g', PolicyName: 'p', PolicyDocument: policy('s3:GetObject') }));
    assert.equal((await rg.iam.send(new GetGroupPolicyCommand({ GroupName: 'g', PolicyName: 'p' }))).GroupName, 'g');
    assert.deepEqual((await rg.iam.send(new ListGroupPoliciesCommand({ GroupName: 'g' }))).PolicyNames, ['p']);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 300 }, (_, i) => `s3:GetObjectN${i}`), Resource: '*' }] });
    await rejectsWith(rg.iam.send(new PutGroupPolicyCommand({ GroupName: 'g', PolicyName: 'big', PolicyDocument: big })), 'LimitExceededException', 409, 'Maximum policy size of 5120 bytes exceeded for group g');
    await rg.iam.send(new DeleteGroupPolicyCommand({ GroupName: 'g', PolicyName: 'p' }));
    await rejectsWith(rg.iam.send(new GetGroupPolicyCommand({ GroupName: 'g', PolicyName: 'p' })), 'NoSuchEntityException', 404);
  });
});

describe('managed policies attached to users and groups', () => {
  test('attach, list with PathPrefix, detach; detaching twice answers NoSuchEntity', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    const arn = 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess';
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: arn }));
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    assert.deepEqual((await rg.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'u' }))).AttachedPolicies, [{ PolicyName: 'AmazonPersonalizeFullAccess', PolicyArn: arn }]);
    assert.deepEqual((await rg.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'u', PathPrefix: '/service-role/' }))).AttachedPolicies!.length, 1);
    assert.deepEqual((await rg.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'u', PathPrefix: '/other/' }))).AttachedPolicies, []);
    assert.equal((await rg.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'g' }))).AttachedPolicies![0].PolicyName, 'IAMReadOnlyAccess');
    await rg.iam.send(new DetachUserPolicyCommand({ UserName: 'u', PolicyArn: arn }));
    await rg.iam.send(new DetachGroupPolicyCommand({ GroupName: 'g', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await rejectsWith(rg.iam.send(new DetachUserPolicyCommand({ UserName: 'u', PolicyArn: arn })), 'NoSuchEntityException', 404, `Policy ${arn} was not found.`);
    await rejectsWith(rg.iam.send(new DetachGroupPolicyCommand({ GroupName: 'g', PolicyArn: arn })), 'NoSuchEntityException', 404);
  });
});
