// Which members IAM leaves out and which it sends empty, through @aws-sdk/client-iam (an empty
// <Tags/> reads as [], a missing one as undefined), as AWS's recorded answers show them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateOpenIDConnectProviderCommand, CreatePolicyCommand, CreateRoleCommand,
  CreateGroupCommand, CreateSAMLProviderCommand, CreateUserCommand, GetAccountAuthorizationDetailsCommand, GetInstanceProfileCommand, GetOpenIDConnectProviderCommand,
  GetPolicyCommand, GetRoleCommand, GetSAMLProviderCommand, GetUserCommand, ListInstanceProfilesCommand, ListPoliciesCommand,
  PutUserPolicyCommand, SimulateCustomPolicyCommand, UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { metadata, signingKey } from '../../support/saml-idp.js';

const rg = useRolegate();
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

describe('managed policies', () => {
  test('GetPolicy sends Tags empty when the policy has none; CreatePolicy and ListPolicies leave Tags out', async () => {
    const c = await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: doc }));
    assert.equal(c.Policy!.Tags, undefined);
    assert.deepEqual((await rg.iam.send(new GetPolicyCommand({ PolicyArn: c.Policy!.Arn }))).Policy!.Tags, []);
    const listed = (await rg.iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies!;
    assert.equal(listed[0].Tags, undefined);
  });

  test('GetPolicy of an AWS managed policy sends Tags empty too', async () => {
    const g = await rg.iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    assert.deepEqual(g.Policy!.Tags, []);
  });

  test('CreatePolicy leaves the Description out, given or not; GetPolicy shows the one given and none when none was', async () => {
    const given = await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'described', PolicyDocument: doc, Description: 'reads objects' }));
    assert.equal(given.Policy!.Description, undefined);
    assert.equal((await rg.iam.send(new GetPolicyCommand({ PolicyArn: given.Policy!.Arn }))).Policy!.Description, 'reads objects');
    const bare = await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'bare', PolicyDocument: doc }));
    assert.equal((await rg.iam.send(new GetPolicyCommand({ PolicyArn: bare.Policy!.Arn }))).Policy!.Description, undefined);
  });
});

describe('roles and users', () => {
  test('GetRole of an untagged role leaves Tags out and sends RoleLastUsed empty', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    const r = (await rg.iam.send(new GetRoleCommand({ RoleName: 'r' }))).Role!;
    assert.equal(r.Tags, undefined);
    assert.deepEqual(r.RoleLastUsed, {});
    assert.equal(r.MaxSessionDuration, 3600);
  });

  test('UpdateRoleDescription answers the role without MaxSessionDuration and RoleLastUsed', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust, MaxSessionDuration: 7200 }));
    const d = (await rg.iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'r', Description: 'new' }))).Role!;
    assert.equal(d.Description, 'new');
    assert.equal(d.MaxSessionDuration, undefined);
    assert.equal(d.RoleLastUsed, undefined);
    assert.equal((await rg.iam.send(new GetRoleCommand({ RoleName: 'r' }))).Role!.MaxSessionDuration, 7200);
  });

  test('a user\'s and a role\'s permissions boundary reads PermissionsBoundaryType "Policy", in GetUser and GetAccountAuthorizationDetails too', async () => {
    const boundary = (await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'boundary', PolicyDocument: doc }))).Policy!.Arn!;
    const want = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary };
    assert.deepEqual((await rg.iam.send(new CreateUserCommand({ UserName: 'u', PermissionsBoundary: boundary }))).User!.PermissionsBoundary, want);
    assert.deepEqual((await rg.iam.send(new GetUserCommand({ UserName: 'u' }))).User!.PermissionsBoundary, want);
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust, PermissionsBoundary: boundary }));
    const details = await rg.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Role'] }));
    assert.deepEqual(details.UserDetailList![0].PermissionsBoundary, want);
    assert.deepEqual(details.RoleDetailList![0].PermissionsBoundary, want);
  });
});

describe('GetAccountAuthorizationDetails', () => {
  test('an entity with nothing attached sends its lists empty, except a user\'s UserPolicyList, which is left out', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    const d = await rg.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Group', 'Role'] }));
    const [user] = d.UserDetailList!;
    assert.equal(user.UserPolicyList, undefined);
    assert.deepEqual([user.GroupList, user.AttachedManagedPolicies, user.Tags], [[], [], []]);
    const [group] = d.GroupDetailList!;
    assert.deepEqual([group.GroupPolicyList, group.AttachedManagedPolicies], [[], []]);
    const [role] = d.RoleDetailList!;
    assert.deepEqual([role.InstanceProfileList, role.RolePolicyList, role.AttachedManagedPolicies, role.Tags, role.RoleLastUsed], [[], [], [], [], {}]);
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'p', PolicyDocument: doc }));
    const again = await rg.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'] }));
    assert.deepEqual(again.UserDetailList![0].UserPolicyList!.map((p) => p.PolicyName), ['p']);
  });
});

describe('the policy simulator', () => {
  test('EvalDecisionDetails is sent empty for a same-account simulation that names a resource ARN, and left out for *', async () => {
    const named = await rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::bucket/key'] }));
    assert.deepEqual(named.EvaluationResults![0].EvalDecisionDetails, {});
    assert.equal(named.EvaluationResults![0].ResourceSpecificResults![0].EvalDecisionDetails, undefined);
    assert.equal(named.EvaluationResults![0].MatchedStatements![0].SourcePolicyType, 'IAM Policy');
    const all = await rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc], ActionNames: ['s3:GetObject'], ResourceArns: ['*'] }));
    assert.equal(all.EvaluationResults![0].EvalDecisionDetails, undefined);
    const none = await rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc], ActionNames: ['s3:GetObject'] }));
    assert.equal(none.EvaluationResults![0].EvalDecisionDetails, undefined);
    assert.deepEqual(none.EvaluationResults![0].MissingContextValues, []);
  });
});

describe('instance profiles', () => {
  test('GetInstanceProfile sends Tags empty when the profile has none; CreateInstanceProfile and ListInstanceProfiles leave Tags out', async () => {
    const c = await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
    assert.equal(c.InstanceProfile!.Tags, undefined);
    assert.deepEqual(c.InstanceProfile!.Roles, []);
    assert.deepEqual((await rg.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ip' }))).InstanceProfile!.Tags, []);
    assert.equal((await rg.iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles![0].Tags, undefined);
  });

  test('the role a profile holds is shown without MaxSessionDuration, RoleLastUsed, boundary or tags', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust, MaxSessionDuration: 7200, Tags: [{ Key: 'k', Value: 'v' }] }));
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
    await rg.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'r' }));
    const [role] = (await rg.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ip' }))).InstanceProfile!.Roles!;
    assert.deepEqual(Object.keys(role).sort(), ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Path', 'RoleId', 'RoleName']);
    const [listed] = (await rg.iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles![0].Roles!;
    assert.equal(listed.MaxSessionDuration, undefined);
  });
});

describe('identity providers', () => {
  test('GetOpenIDConnectProvider sends Tags and ClientIDList empty when there are none', async () => {
    const { OpenIDConnectProviderArn } = await rg.iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://oidc.example.test', ThumbprintList: ['a'.repeat(40)] }));
    const g = await rg.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn }));
    assert.deepEqual(g.Tags, []);
    assert.deepEqual(g.ClientIDList, []);
  });

  test('GetSAMLProvider sends Tags and PrivateKeyList empty when there are none', async () => {
    const { SAMLProviderArn } = await rg.iam.send(new CreateSAMLProviderCommand({ Name: 'idp', SAMLMetadataDocument: metadata([signingKey().certificateBase64]) }));
    const g = await rg.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn }));
    assert.deepEqual(g.Tags, []);
    assert.deepEqual(g.PrivateKeyList, []);
    assert.equal(g.AssertionEncryptionMode, 'Allowed');
  });
});
