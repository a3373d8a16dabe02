// Managed policies through @aws-sdk/client-iam: versions, attachments, quotas, listing and tags.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateGroupCommand, CreatePolicyCommand, CreatePolicyVersionCommand,
  CreateRoleCommand, CreateUserCommand, DeletePolicyCommand, DeletePolicyVersionCommand, DetachGroupPolicyCommand, DetachRolePolicyCommand,
  DetachUserPolicyCommand, ListAttachedGroupPoliciesCommand, ListAttachedUserPoliciesCommand, GetPolicyCommand, GetPolicyVersionCommand, ListAttachedRolePoliciesCommand,
  ListEntitiesForPolicyCommand, ListPoliciesCommand, ListPolicyTagsCommand, ListPolicyVersionsCommand, SetDefaultPolicyVersionCommand,
  TagPolicyCommand, UntagPolicyCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

const rg = useRolegate();

describe('CreatePolicy and GetPolicy', () => {
  test('create a policy: ANPA id, ARN with path, v1 default, then GetPolicy counts attachments', async () => {
    const c = await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'Read', Path: '/app/', PolicyDocument: doc('s3:GetObject'), Description: 'reads' }));
    assert.match(c.Policy!.PolicyId!, /^ANPA[A-Z2-7]{17}$/);
    assert.equal(c.Policy!.Arn, 'arn:aws:iam::111122223333:policy/app/Read');
    assert.equal(c.Policy!.DefaultVersionId, 'v1');
    assert.equal(c.Policy!.AttachmentCount, 0);
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: c.Policy!.Arn }));
    const g = await rg.iam.send(new GetPolicyCommand({ PolicyArn: c.Policy!.Arn }));
    assert.equal(g.Policy!.AttachmentCount, 1);
    assert.equal(g.Policy!.Description, 'reads');
  });

  test('a duplicate name answers EntityAlreadyExists (409)', async () => {
    await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'Read', PolicyDocument: doc('s3:GetObject') }));
    await rejectsWith(rg.iam.send(new CreatePolicyCommand({ PolicyName: 'read', PolicyDocument: doc('s3:GetObject') })), 'EntityAlreadyExistsException', 409);
  });

  test('a document with a Principal answers MalformedPolicyDocument', async () => {
    const bad = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] });
    await rejectsWith(rg.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: bad })), 'MalformedPolicyDocumentException', 400, 'Policy document should not specify a principal.');
  });

  test('a document over 6,144 characters without white space answers LimitExceeded', async () => {
    const actions = Array.from({ length: 400 }, (_, i) => `s3:GetObjectNumber${i}`);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
    await rejectsWith(rg.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: big })), 'LimitExceededException', 409, 'Cannot exceed quota for PolicySize: 6144');
  });

  test('GetPolicy of an AWS managed policy answers its AWS ARN and version', async () => {
    const g = await rg.iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    assert.equal(g.Policy!.PolicyName, 'AmazonS3ReadOnlyAccess');
    assert.match(g.Policy!.DefaultVersionId!, /^v\d+$/);
    const v = await rg.iam.send(new GetPolicyVersionCommand({ PolicyArn: g.Policy!.Arn, VersionId: g.Policy!.DefaultVersionId }));
    const text = JSON.parse(decodeURIComponent(v.PolicyVersion!.Document!));
    assert.ok(JSON.stringify(text).includes('s3:Get*'));
  });

  test('GetPolicy of an unknown ARN answers NoSuchEntity', async () => {
    await rejectsWith(rg.iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::111122223333:policy/none' })), 'NoSuchEntityException', 404);
  });
});

describe('policy versions', () => {
  test('at most 5 versions; the default cannot be deleted; SetDefaultPolicyVersion switches', async () => {
    const { Policy } = await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: doc('s3:GetObject') }));
    const arn = Policy!.Arn!;
    for (let i = 2; i <= 5; i++) {
      const v = await rg.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(`s3:Get${i}`), SetAsDefault: i === 3 }));
      assert.equal(v.PolicyVersion!.VersionId, `v${i}`);
    }
    await rejectsWith(rg.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:Get6') })), 'LimitExceededException', 409, /up to 5 versions/);
    const listed = await rg.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    assert.deepEqual(listed.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion]), [['v5', false], ['v4', false], ['v3', true], ['v2', false], ['v1', false]]);
    await rejectsWith(rg.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' })), 'DeleteConflictException', 409, 'Cannot delete the default version of a policy.');
    await rg.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    const v6 = await rg.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:Get6') }));
    assert.equal(v6.PolicyVersion!.VersionId, 'v6', 'version ids are never reused');
    await rg.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v6' }));
    assert.equal((await rg.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId, 'v6');
    await rejectsWith(rg.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' })), 'NoSuchEntityException', 404);
  });

  test('DeletePolicy answers DeleteConflict while attached or while other versions remain', async () => {
    const { Policy } = await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: doc('s3:GetObject') }));
    const arn = Policy!.Arn!;
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    await rejectsWith(rg.iam.send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflictException', 409);
    await rg.iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    await rg.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:PutObject') }));
    await rejectsWith(rg.iam.send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflictException', 409);
    await rg.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    await rg.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    await rejectsWith(rg.iam.send(new GetPolicyCommand({ PolicyArn: arn })), 'NoSuchEntityException', 404);
  });
});

describe('attachments', () => {
  test('an 11th managed policy on a role answers LimitExceeded', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    for (let i = 0; i < 10; i++) {
      const { Policy } = await rg.iam.send(new CreatePolicyCommand({ PolicyName: `p${i}`, PolicyDocument: doc('s3:GetObject') }));
      await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: Policy!.Arn }));
    }
    await rejectsWith(
      rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' })),
      'LimitExceededException', 409, 'Cannot exceed quota for PoliciesPerRole: 10',
    );
    const listed = await rg.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r' }));
    assert.equal(listed.AttachedPolicies!.length, 10);
  });

  test('an 11th managed policy on a user answers LimitExceeded; a detach makes room, attaching one already there is not counted', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const arns: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { Policy } = await rg.iam.send(new CreatePolicyCommand({ PolicyName: `p${i}`, PolicyDocument: doc('s3:GetObject') }));
      arns.push(Policy!.Arn!);
      await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: Policy!.Arn }));
    }
    const eleventh = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
    await rejectsWith(rg.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: eleventh })), 'LimitExceededException', 409, 'Cannot exceed quota for PoliciesPerUser: 10');
    const listed = await rg.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }));
    assert.deepEqual(listed.AttachedPolicies!.map((p) => p.PolicyArn).sort(), [...arns].sort());
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: arns[3] }));
    await rg.iam.send(new DetachUserPolicyCommand({ UserName: 'alice', PolicyArn: arns[0] }));
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: eleventh }));
    assert.equal((await rg.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }))).AttachedPolicies!.length, 10);
  });

  test('an 11th managed policy on a group answers LimitExceeded; a detach makes room, attaching one already there is not counted', async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    const arns: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { Policy } = await rg.iam.send(new CreatePolicyCommand({ PolicyName: `p${i}`, PolicyDocument: doc('s3:GetObject') }));
      arns.push(Policy!.Arn!);
      await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: Policy!.Arn }));
    }
    const eleventh = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
    await rejectsWith(rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: eleventh })), 'LimitExceededException', 409, 'Cannot exceed quota for PoliciesPerGroup: 10');
    const listed = await rg.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'devs' }));
    assert.deepEqual(listed.AttachedPolicies!.map((p) => p.PolicyArn).sort(), [...arns].sort());
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: arns[3] }));
    await rg.iam.send(new DetachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: arns[0] }));
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: eleventh }));
    assert.equal((await rg.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'devs' }))).AttachedPolicies!.length, 10);
  });

  test("the quota is per entity: a user's and a group's policies do not count toward each other", async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'ops' }));
    for (let i = 0; i < 10; i++) {
      const { Policy } = await rg.iam.send(new CreatePolicyCommand({ PolicyName: `q${i}`, PolicyDocument: doc('s3:GetObject') }));
      await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: Policy!.Arn }));
      await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'ops', PolicyArn: Policy!.Arn }));
    }
    assert.equal((await rg.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'bob' }))).AttachedPolicies!.length, 10);
    assert.equal((await rg.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'ops' }))).AttachedPolicies!.length, 10);
  });

  test('attaching a policy that does not exist answers NoSuchEntity; detaching one not attached too', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rejectsWith(rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy' })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' })), 'NoSuchEntityException', 404);
  });

  test('ListEntitiesForPolicy names the roles that attach a policy', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    const e = await rg.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    assert.deepEqual(e.PolicyRoles!.map((r) => r.RoleName), ['r']);
    assert.deepEqual(e.PolicyUsers, []);
  });
});

describe('ListPolicies and policy tags', () => {
  test('Scope=AWS lists the AWS managed catalog; Scope=Local only the account; OnlyAttached filters', async () => {
    const names: string[] = [];
    let Marker: string | undefined;
    do {
      const aws = await rg.iam.send(new ListPoliciesCommand({ Scope: 'AWS', MaxItems: 1000, Marker }));
      names.push(...aws.Policies!.map((p) => p.PolicyName!));
      Marker = aws.Marker;
    } while (Marker);
    for (const n of ['AmazonS3ReadOnlyAccess', 'AmazonS3FullAccess', 'AmazonKinesisFullAccess', 'AdministratorAccess', 'IAMReadOnlyAccess']) assert.ok(names.includes(n), n);
    await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'mine', PolicyDocument: doc('s3:GetObject') }));
    const local = await rg.iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    assert.deepEqual(local.Policies!.map((p) => p.PolicyName), ['mine']);
    const attached = await rg.iam.send(new ListPoliciesCommand({ OnlyAttached: true }));
    assert.deepEqual(attached.Policies, []);
  });

  test('TagPolicy, ListPolicyTags, UntagPolicy', async () => {
    const { Policy } = await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: doc('s3:GetObject') }));
    await rg.iam.send(new TagPolicyCommand({ PolicyArn: Policy!.Arn, Tags: [{ Key: 'k', Value: 'v' }] }));
    assert.deepEqual((await rg.iam.send(new ListPolicyTagsCommand({ PolicyArn: Policy!.Arn }))).Tags, [{ Key: 'k', Value: 'v' }]);
    await rg.iam.send(new UntagPolicyCommand({ PolicyArn: Policy!.Arn, TagKeys: ['k'] }));
    assert.deepEqual((await rg.iam.send(new ListPolicyTagsCommand({ PolicyArn: Policy!.Arn }))).Tags, []);
  });
});
