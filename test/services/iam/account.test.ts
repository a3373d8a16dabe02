// Account-wide reports through @aws-sdk/client-iam: GetAccountSummary and GetAccountAuthorizationDetails.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand, AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand,
  CreateGroupCommand, CreateInstanceProfileCommand, CreateOpenIDConnectProviderCommand, CreatePolicyCommand, CreatePolicyVersionCommand,
  CreateRoleCommand, CreateUserCommand, GetAccountAuthorizationDetailsCommand, GetAccountSummaryCommand, PutGroupPolicyCommand,
  PutRolePolicyCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

const rg = useRolegate();

describe('GetAccountSummary', () => {
  test('a fresh account answers zero counts beside AWS\'s quotas', async () => {
    const m = (await rg.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    assert.equal(m.Users, 0);
    assert.equal(m.Roles, 0);
    assert.equal(m.UsersQuota, 5000);
    assert.equal(m.GroupsQuota, 300);
    assert.equal(m.RolesQuota, 1000);
    assert.equal(m.PoliciesQuota, 1500);
    assert.equal(m.InstanceProfilesQuota, 1000);
    assert.equal(m.AccessKeysPerUserQuota, 2);
    assert.equal(m.GroupsPerUserQuota, 10);
    assert.equal(m.AttachedPoliciesPerRoleQuota, 10);
    assert.equal(m.VersionsPerPolicyQuota, 5);
    assert.equal(m.PolicySizeQuota, 6144);
    assert.equal(m.AssumeRolePolicySizeQuota, 2048);
    assert.equal(m.UserPolicySizeQuota, 2048);
    assert.equal(m.GroupPolicySizeQuota, 5120);
    assert.equal(m.RolePolicySizeQuota, 10240);
    assert.equal(m.AccountMFAEnabled, 0);
    assert.equal(m.AccountAccessKeysPresent, 1, 'the configured root key');
    assert.equal(m.GlobalEndpointTokenVersion, 1);
  });

  test('counts users, groups, roles, policies, instance profiles, providers and attachments', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: doc('s3:*') }));
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
    await rg.iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://accounts.google.com', ThumbprintList: ['a'.repeat(40)] }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: S3_READ }));
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: S3_READ }));
    const m = (await rg.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    assert.deepEqual(
      [m.Users, m.Groups, m.Roles, m.Policies, m.InstanceProfiles, m.Providers, m.PolicyVersionsInUse],
      [1, 1, 1, 1, 1, 1, 2],
    );
  });
});

describe('GetAccountAuthorizationDetails', () => {
  async function seed() {
    const p = await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'Local', PolicyDocument: doc('s3:GetObject') }));
    await rg.iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Policy!.Arn, PolicyDocument: doc('s3:PutObject'), SetAsDefault: true }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'k', Value: 'v' }] }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'u-inline', PolicyDocument: doc('s3:ListBucket') }));
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: p.Policy!.Arn }));
    await rg.iam.send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'g-inline', PolicyDocument: doc('sqs:*') }));
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: S3_READ }));
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'r-inline', PolicyDocument: doc('sns:*') }));
    await rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-ip' }));
    await rg.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-ip', RoleName: 'web' }));
    return p.Policy!.Arn!;
  }

  test('answers users, groups, roles and policies with their relations; documents URL-encoded', async () => {
    const local = await seed();
    const r = await rg.iam.send(new GetAccountAuthorizationDetailsCommand({}));
    assert.equal(r.IsTruncated, false);

    const u = r.UserDetailList!.find((x) => x.UserName === 'alice')!;
    assert.deepEqual(u.GroupList, ['devs']);
    assert.deepEqual(u.UserPolicyList!.map((p) => [p.PolicyName, decodeURIComponent(p.PolicyDocument!)]), [['u-inline', doc('s3:ListBucket')]]);
    assert.deepEqual(u.AttachedManagedPolicies, [{ PolicyName: 'Local', PolicyArn: local }]);
    assert.deepEqual(u.Tags, [{ Key: 'k', Value: 'v' }]);

    const g = r.GroupDetailList!.find((x) => x.GroupName === 'devs')!;
    assert.deepEqual(g.GroupPolicyList!.map((p) => p.PolicyName), ['g-inline']);
    assert.deepEqual(g.AttachedManagedPolicies, [{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: S3_READ }]);

    const role = r.RoleDetailList!.find((x) => x.RoleName === 'web')!;
    assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument!), trust);
    assert.deepEqual(role.InstanceProfileList!.map((p) => p.InstanceProfileName), ['web-ip']);
    assert.deepEqual(role.RolePolicyList!.map((p) => p.PolicyName), ['r-inline']);

    const lp = r.Policies!.find((p) => p.Arn === local)!;
    assert.equal(lp.DefaultVersionId, 'v2');
    assert.equal(lp.AttachmentCount, 1);
    assert.deepEqual(lp.PolicyVersionList!.map((v) => [v.VersionId, v.IsDefaultVersion]).sort(), [['v1', false], ['v2', true]]);
    assert.equal(decodeURIComponent(lp.PolicyVersionList!.find((v) => v.VersionId === 'v2')!.Document!), doc('s3:PutObject'));
    // AWS managed policies appear when something uses them, not the whole catalog.
    assert.deepEqual(r.Policies!.filter((p) => p.Arn!.startsWith('arn:aws:iam::aws:')).map((p) => p.Arn), [S3_READ]);
  });

  test('Filter narrows the answer to the kinds asked for', async () => {
    await seed();
    const r = await rg.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role', 'AWSManagedPolicy'] }));
    assert.deepEqual(r.UserDetailList, []);
    assert.deepEqual(r.GroupDetailList, []);
    assert.deepEqual(r.RoleDetailList!.map((x) => x.RoleName), ['web']);
    assert.deepEqual(r.Policies!.map((p) => p.Arn), [S3_READ]);
  });

  test('pages with MaxItems and Marker across kinds', async () => {
    await seed();
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const r = await rg.iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1, Marker: marker }));
      seen.push(...r.UserDetailList!.map((x) => `user:${x.UserName}`), ...r.GroupDetailList!.map((x) => `group:${x.GroupName}`),
        ...r.RoleDetailList!.map((x) => `role:${x.RoleName}`), ...r.Policies!.map((x) => `policy:${x.PolicyName}`));
      marker = r.IsTruncated ? r.Marker : undefined;
    } while (marker);
    assert.deepEqual(seen, ['user:alice', 'group:devs', 'role:web', 'policy:Local', 'policy:AmazonS3ReadOnlyAccess']);
  });

  test('a Filter value outside the enum answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Users' as 'User'] })), 'ValidationError', 400);
  });
});
