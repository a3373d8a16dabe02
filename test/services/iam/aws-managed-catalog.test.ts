// The whole AWS managed policy catalog through @aws-sdk/client-iam against the started server: any AWS
// managed policy is found by ARN with its version history, listed and paged as IAM lists it, attachable
// to roles, users and groups and usable as a permissions boundary, and decides requests once attached.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand,
  CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, DeletePolicyCommand, DeletePolicyVersionCommand, DetachRolePolicyCommand,
  GetAccountAuthorizationDetailsCommand, GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand,
  ListEntitiesForPolicyCommand, ListPoliciesCommand, ListPolicyVersionsCommand, PutRolePermissionsBoundaryCommand, PutUserPolicyCommand,
  type ListPoliciesCommandInput, type Policy,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { TEST_ACCOUNT, useRolegate, type Credentials } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();

const AWS = 'arn:aws:iam::aws:policy';
const READ_ONLY = `${AWS}/ReadOnlyAccess`;
const S3_READ = `${AWS}/AmazonS3ReadOnlyAccess`;
const SQS_FULL = `${AWS}/AmazonSQSFullAccess`;
const EKS_NODEGROUP = `${AWS}/aws-service-role/AWSServiceRoleForAmazonEKSNodegroup`;
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: TEST_ACCOUNT }, Action: 'sts:AssumeRole' }] });
const allow = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

/** The committed catalog index, read as data: what the server should serve. */
const catalog = JSON.parse(readFileSync(new URL('../../../src/directory/aws-managed-policies.json', import.meta.url), 'utf8')) as {
  policies: { name: string; path: string; id: string; createDate: string; updateDate: string; defaultVersionId: string; versions: [string, string, number][] }[];
};
const entry = (name: string) => catalog.policies.find((p) => p.name === name)!;
const decode = (document: string | undefined) => JSON.parse(decodeURIComponent(document!));

async function listAll(iam: IAMClient, input: ListPoliciesCommandInput): Promise<{ policies: Policy[]; pages: number }> {
  const policies: Policy[] = [];
  let Marker: string | undefined;
  let pages = 0;
  do {
    const page = await iam.send(new ListPoliciesCommand({ ...input, Marker }));
    pages++;
    policies.push(...page.Policies!);
    assert.equal(page.IsTruncated, page.Marker !== undefined);
    Marker = page.Marker;
  } while (Marker);
  return { policies, pages };
}

/** A session of the role, assumed by a user allowed sts:AssumeRole (root accounts may not assume roles). */
async function assume(roleName: string): Promise<Credentials> {
  await rg.iam.send(new CreateUserCommand({ UserName: 'assumer' }));
  await rg.iam.send(new PutUserPolicyCommand({ UserName: 'assumer', PolicyName: 'assume', PolicyDocument: allow('sts:AssumeRole') }));
  const { AccessKey: k } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'assumer' }));
  const assumer = { accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! };
  const { Credentials: c } = await rg.server.sts(assumer).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/${roleName}`, RoleSessionName: 'catalog' }));
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
}

describe('GetPolicy, GetPolicyVersion and ListPolicyVersions of any AWS managed policy', () => {
  test('ReadOnlyAccess: AWS ARN, an ANPA id, its dates and default version, attachable, used nowhere yet', async () => {
    const { Policy: p } = await rg.iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }));
    const e = entry('ReadOnlyAccess');
    assert.equal(p!.PolicyName, 'ReadOnlyAccess');
    assert.equal(p!.Arn, READ_ONLY);
    assert.equal(p!.Path, '/');
    assert.match(p!.PolicyId!, /^ANPA[A-Z2-7]{17}$/);
    assert.equal(p!.PolicyId, e.id);
    assert.equal(p!.DefaultVersionId, e.defaultVersionId);
    assert.ok(Number(p!.DefaultVersionId!.slice(1)) > 100, p!.DefaultVersionId);
    assert.equal(p!.CreateDate!.toISOString(), '2015-02-06T18:39:48.000Z');
    assert.equal(p!.UpdateDate!.toISOString(), new Date(e.updateDate).toISOString());
    assert.equal(p!.IsAttachable, true);
    assert.equal(p!.AttachmentCount, 0);
    assert.equal(p!.PermissionsBoundaryUsageCount, 0);
  });

  test('AmazonSQSFullAccess, AmazonDynamoDBReadOnlyAccess, CloudWatchReadOnlyAccess and a service-linked role policy are found; their documents are AWS\'s', async () => {
    const sqs = await rg.iam.send(new GetPolicyCommand({ PolicyArn: SQS_FULL }));
    assert.equal(sqs.Policy!.PolicyName, 'AmazonSQSFullAccess');
    const v = await rg.iam.send(new GetPolicyVersionCommand({ PolicyArn: SQS_FULL, VersionId: sqs.Policy!.DefaultVersionId }));
    assert.deepEqual(decode(v.PolicyVersion!.Document), { Version: '2012-10-17', Statement: [{ Action: ['sqs:*'], Effect: 'Allow', Resource: '*' }] });
    assert.equal(v.PolicyVersion!.IsDefaultVersion, true);
    for (const name of ['AmazonDynamoDBReadOnlyAccess', 'CloudWatchReadOnlyAccess']) {
      const g = await rg.iam.send(new GetPolicyCommand({ PolicyArn: `${AWS}/${name}` }));
      assert.equal(g.Policy!.DefaultVersionId, entry(name).defaultVersionId, name);
    }
    const slr = await rg.iam.send(new GetPolicyCommand({ PolicyArn: EKS_NODEGROUP }));
    assert.equal(slr.Policy!.Path, '/aws-service-role/');
    await rejectsWith(rg.iam.send(new GetPolicyCommand({ PolicyArn: `${AWS}/AWSServiceRoleForAmazonEKSNodegroup` })), 'NoSuchEntityException', 404,
      `Policy ${AWS}/AWSServiceRoleForAmazonEKSNodegroup does not exist or is not attachable.`);
  });

  test('every recorded version answers its own document and date: v1 of AmazonS3ReadOnlyAccess', async () => {
    const v1 = await rg.iam.send(new GetPolicyVersionCommand({ PolicyArn: S3_READ, VersionId: 'v1' }));
    assert.deepEqual(decode(v1.PolicyVersion!.Document), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }] });
    assert.equal(v1.PolicyVersion!.IsDefaultVersion, false);
    assert.equal(v1.PolicyVersion!.CreateDate!.toISOString(), '2015-02-06T18:40:59.000Z');
    const v3 = await rg.iam.send(new GetPolicyVersionCommand({ PolicyArn: S3_READ, VersionId: 'v3' }));
    assert.equal(v3.PolicyVersion!.IsDefaultVersion, true);
    assert.ok(decode(v3.PolicyVersion!.Document).Statement[0].Action.includes('s3-object-lambda:Get*'));
    assert.equal(v3.PolicyVersion!.CreateDate!.toISOString(), '2023-08-10T21:31:39.000Z');
    // An old version of a large policy: the document is pretty-printed JSON as AWS sends it.
    const ro1 = await rg.iam.send(new GetPolicyVersionCommand({ PolicyArn: READ_ONLY, VersionId: 'v1' }));
    assert.ok(decodeURIComponent(ro1.PolicyVersion!.Document!).startsWith('{\n    "Version": "2012-10-17",\n    "Statement": ['));
    await rejectsWith(rg.iam.send(new GetPolicyVersionCommand({ PolicyArn: S3_READ, VersionId: 'v4' })), 'NoSuchEntityException', 404,
      `Policy ${S3_READ} version v4 does not exist or is not attachable.`);
  });

  test('ListPolicyVersions lists every recorded version newest first, the default flagged, in pages', async () => {
    const e = entry('ReadOnlyAccess');
    const ids: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await rg.iam.send(new ListPolicyVersionsCommand({ PolicyArn: READ_ONLY, MaxItems: 50, Marker }));
      assert.ok(page.Versions!.length <= 50);
      for (const v of page.Versions!) {
        ids.push(v.VersionId!);
        assert.equal(v.IsDefaultVersion, v.VersionId === e.defaultVersionId);
        assert.equal(v.Document, undefined, 'ListPolicyVersions sends no documents');
      }
      Marker = page.Marker;
    } while (Marker);
    assert.deepEqual(ids, e.versions.map(([id]) => id).reverse());
    assert.equal(ids[0], e.defaultVersionId);
  });

  test('AWS managed policies stay AWS\'s: deleting one or one of its versions is refused', async () => {
    await rejectsWith(rg.iam.send(new DeletePolicyCommand({ PolicyArn: SQS_FULL })), 'AccessDenied', 403);
    await rejectsWith(rg.iam.send(new DeletePolicyVersionCommand({ PolicyArn: S3_READ, VersionId: 'v1' })), 'AccessDenied', 403);
    assert.equal((await rg.iam.send(new GetPolicyVersionCommand({ PolicyArn: S3_READ, VersionId: 'v1' }))).PolicyVersion!.VersionId, 'v1');
  });
});

describe('ListPolicies over the whole catalog', () => {
  test('Scope=AWS pages 100 at a time by default and lists every policy of the catalog once, by name', async () => {
    const first = await rg.iam.send(new ListPoliciesCommand({ Scope: 'AWS' }));
    assert.equal(first.Policies!.length, 100);
    assert.equal(first.IsTruncated, true);
    const { policies, pages } = await listAll(rg.iam, { Scope: 'AWS', MaxItems: 1000 });
    assert.equal(pages, Math.ceil(catalog.policies.length / 1000));
    assert.equal(policies.length, catalog.policies.length);
    assert.ok(policies.length > 1500);
    assert.deepEqual(policies.map((p) => p.PolicyName), catalog.policies.map((p) => p.name));
    const ro = policies.find((p) => p.PolicyName === 'ReadOnlyAccess')!;
    assert.equal(ro.Arn, READ_ONLY);
    assert.equal(ro.AttachmentCount, 0);
    const s3 = policies.find((p) => p.PolicyName === 'AmazonS3ReadOnlyAccess')!;
    assert.equal(s3.Description, undefined, 'ListPolicies sends no descriptions');
    assert.equal((await rg.iam.send(new GetPolicyCommand({ PolicyArn: S3_READ }))).Policy!.Description, 'Provides read only access to all buckets via the AWS Management Console.');
  });

  test('PathPrefix keeps AWS\'s paths: /aws-service-role/ lists the service-linked role policies, /job-function/ the job functions', async () => {
    const slr = (await listAll(rg.iam, { Scope: 'AWS', PathPrefix: '/aws-service-role/', MaxItems: 1000 })).policies;
    assert.equal(slr.length, catalog.policies.filter((p) => p.path === '/aws-service-role/').length);
    assert.ok(slr.length > 300 && slr.every((p) => p.Path === '/aws-service-role/' && p.Arn === `${AWS}/aws-service-role/${p.PolicyName}`));
    assert.ok(slr.some((p) => p.Arn === EKS_NODEGROUP));
    const jobs = (await listAll(rg.iam, { Scope: 'AWS', PathPrefix: '/job-function/' })).policies.map((p) => p.PolicyName);
    assert.ok(jobs.includes('ViewOnlyAccess') && jobs.includes('DatabaseAdministrator'));
    assert.deepEqual((await rg.iam.send(new ListPoliciesCommand({ Scope: 'AWS', PathPrefix: '/no-such-path/' }))).Policies, []);
  });

  test('Scope=All lists AWS\'s catalog then the account\'s own; Scope=Local only the account\'s', async () => {
    await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'mine', PolicyDocument: allow('s3:GetObject'), Description: 'reads objects' }));
    const all = (await listAll(rg.iam, { MaxItems: 500 })).policies;
    assert.equal(all.at(-1)!.Description, undefined, 'nor for the account\'s own');
    assert.equal(all.length, catalog.policies.length + 1);
    assert.equal(all.at(-1)!.Arn, `arn:aws:iam::${TEST_ACCOUNT}:policy/mine`);
    assert.deepEqual((await rg.iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies!.map((p) => p.PolicyName), ['mine']);
  });

  test('OnlyAttached and PolicyUsageFilter list what the account uses, with per-account counts', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'bounded', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: READ_ONLY }));
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: READ_ONLY }));
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: SQS_FULL }));
    await rg.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'bounded', PermissionsBoundary: S3_READ }));
    const names = async (input: ListPoliciesCommandInput) => (await listAll(rg.iam, input)).policies.map((p) => [p.PolicyName, p.AttachmentCount, p.PermissionsBoundaryUsageCount]);
    assert.deepEqual(await names({ Scope: 'AWS', OnlyAttached: true }), [['AmazonS3ReadOnlyAccess', 0, 1], ['AmazonSQSFullAccess', 1, 0], ['ReadOnlyAccess', 2, 0]]);
    assert.deepEqual(await names({ OnlyAttached: true, PolicyUsageFilter: 'PermissionsPolicy' }), [['AmazonSQSFullAccess', 1, 0], ['ReadOnlyAccess', 2, 0]]);
    assert.deepEqual(await names({ OnlyAttached: true, PolicyUsageFilter: 'PermissionsBoundary' }), [['AmazonS3ReadOnlyAccess', 0, 1]]);
    assert.deepEqual(await names({ Scope: 'Local', OnlyAttached: true }), []);
    assert.deepEqual(await names({ OnlyAttached: true, MaxItems: 1 }), [['AmazonS3ReadOnlyAccess', 0, 1], ['AmazonSQSFullAccess', 1, 0], ['ReadOnlyAccess', 2, 0]], 'paged one at a time');
    const g = await rg.iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }));
    assert.equal(g.Policy!.AttachmentCount, 2);
  });

  test('attachment counts are per account: another account sees the catalog unused', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: READ_ONLY }));
    await rg.iam.send(new DetachRolePolicyCommand({ RoleName: 'reader', PolicyArn: READ_ONLY }));
    assert.equal((await rg.iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }))).Policy!.AttachmentCount, 0);
    assert.deepEqual((await rg.iam.send(new ListPoliciesCommand({ OnlyAttached: true }))).Policies, []);
  });
});

describe('attaching catalog policies', () => {
  test('roles, users and groups attach any AWS managed policy; ListEntitiesForPolicy and ListAttachedRolePolicies show them with their paths', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    for (const arn of [SQS_FULL, `${AWS}/job-function/ViewOnlyAccess`, `${AWS}/service-role/AWSLambdaBasicExecutionRole`]) await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: SQS_FULL }));
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: SQS_FULL }));
    const attached = await rg.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r' }));
    assert.deepEqual(new Set(attached.AttachedPolicies!.map((a) => `${a.PolicyName} ${a.PolicyArn}`)), new Set([
      `AmazonSQSFullAccess ${SQS_FULL}`, `ViewOnlyAccess ${AWS}/job-function/ViewOnlyAccess`, `AWSLambdaBasicExecutionRole ${AWS}/service-role/AWSLambdaBasicExecutionRole`,
    ]));
    const jobs = await rg.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r', PathPrefix: '/job-function/' }));
    assert.deepEqual(jobs.AttachedPolicies!.map((a) => a.PolicyName), ['ViewOnlyAccess']);
    const e = await rg.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: SQS_FULL }));
    assert.deepEqual(e.PolicyRoles!.map((x) => x.RoleName), ['r']);
    assert.deepEqual(e.PolicyUsers!.map((x) => x.UserName), ['u']);
    assert.deepEqual(e.PolicyGroups!.map((x) => x.GroupName), ['g']);
    assert.equal((await rg.iam.send(new GetPolicyCommand({ PolicyArn: SQS_FULL }))).Policy!.AttachmentCount, 3);
  });

  test('a service role policy (/aws-service-role/) is not attachable to a customer role, user or group: PolicyNotAttachable', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await rejectsWith(rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: EKS_NODEGROUP })), 'PolicyNotAttachableException', 400, 'Cannot attach a Service Role Policy to a Customer Role.');
    await rejectsWith(rg.iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: EKS_NODEGROUP })), 'PolicyNotAttachableException', 400, 'Cannot attach a Service Role Policy to a Customer User.');
    await rejectsWith(rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: EKS_NODEGROUP })), 'PolicyNotAttachableException', 400, 'Cannot attach a Service Role Policy to a Customer Group.');
    assert.deepEqual((await rg.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r' }))).AttachedPolicies, []);
    assert.equal((await rg.iam.send(new GetPolicyCommand({ PolicyArn: EKS_NODEGROUP }))).Policy!.AttachmentCount, 0);
    await rejectsWith(rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'nobody', PolicyArn: EKS_NODEGROUP })), 'NoSuchEntityException', 404, 'The role with name nobody cannot be found.');
  });

  test('GetAccountAuthorizationDetails lists the AWS managed policies in use, each with every recorded version; LocalManagedPolicy only the account\'s', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: S3_READ }));
    await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'mine', PolicyDocument: allow('s3:GetObject') }));
    const aws = await rg.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['AWSManagedPolicy'] }));
    assert.deepEqual(aws.Policies!.map((p) => p.Arn), [S3_READ]);
    const [s3] = aws.Policies!;
    assert.equal(s3!.AttachmentCount, 1);
    assert.deepEqual(s3!.PolicyVersionList!.map((v) => [v.VersionId, v.IsDefaultVersion]), [['v3', true], ['v2', false], ['v1', false]]);
    assert.deepEqual(decode(s3!.PolicyVersionList![2]!.Document).Statement[0].Action, ['s3:Get*', 's3:List*']);
    const local = await rg.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }));
    assert.deepEqual(local.Policies!.map((p) => p.PolicyName), ['mine']);
    const role = await rg.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    assert.deepEqual(role.RoleDetailList![0]!.AttachedManagedPolicies, [{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: S3_READ }]);
  });

  test('a policy the catalog lacks answers NoSuchEntity, as attaching and as a boundary', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await rejectsWith(rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: `${AWS}/AmazonSQSFullAccez` })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: `${AWS}/service-role/AmazonSQSFullAccess` })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r', PermissionsBoundary: `${AWS}/readonlyaccess` })), 'NoSuchEntityException', 404);
  });
});

describe('the policy engine with catalog policies', () => {
  test('a role with ReadOnlyAccess may GetRole and ListBuckets but not CreateRole', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: READ_ONLY }));
    const session = await assume('reader');
    const iam = rg.server.iam(session);
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'reader' }))).Role!.RoleName, 'reader');
    await rg.server.s3(session).send(new ListBucketsCommand({}));
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: trust })), 'AccessDenied', 403,
      `User: arn:aws:sts::${TEST_ACCOUNT}:assumed-role/reader/catalog is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${TEST_ACCOUNT}:role/other because no identity-based policy allows the iam:CreateRole action`);
  });

  test('a user in a group with AmazonSQSFullAccess gets nothing of IAM; a catalog boundary narrows AdministratorAccess', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'g', UserName: 'u' }));
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: SQS_FULL }));
    const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'u' }));
    const user = rg.server.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await rejectsWith(user.send(new GetRoleCommand({ RoleName: 'u' })), 'AccessDenied', 403);

    await rg.iam.send(new CreateRoleCommand({ RoleName: 'admin', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'admin', PolicyArn: `${AWS}/AdministratorAccess` }));
    await rg.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'admin', PermissionsBoundary: S3_READ }));
    const session = await assume('admin');
    await rg.server.s3(session).send(new ListBucketsCommand({}));
    await rejectsWith(rg.server.iam(session).send(new GetRoleCommand({ RoleName: 'admin' })), 'AccessDenied', 403,
      `User: arn:aws:sts::${TEST_ACCOUNT}:assumed-role/admin/catalog is not authorized to perform: iam:GetRole on resource: arn:aws:iam::${TEST_ACCOUNT}:role/admin because no permissions boundary allows the iam:GetRole action`);
  });
});
