// IAM roles through @aws-sdk/client-iam against a started rolegate: malformed input, errors, behaviour.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  CreateRoleCommand, DeleteRoleCommand, GetRoleCommand, ListRolesCommand, UpdateRoleCommand, UpdateRoleDescriptionCommand,
  UpdateAssumeRolePolicyCommand, TagRoleCommand, UntagRoleCommand, ListRoleTagsCommand, PutRolePermissionsBoundaryCommand,
  DeleteRolePermissionsBoundaryCommand, CreateServiceLinkedRoleCommand, AttachRolePolicyCommand, PutRolePolicyCommand,
  DeleteRolePolicyCommand, DetachRolePolicyCommand, DeleteServiceLinkedRoleCommand, GetServiceLinkedRoleDeletionStatusCommand,
  CreateInstanceProfileCommand, AddRoleToInstanceProfileCommand, RemoveRoleFromInstanceProfileCommand, ListRolePoliciesCommand,
  ListAttachedRolePoliciesCommand, CreateUserCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import { startRolegate, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

// A second account rolegate knows (trust policies naming its users and roles are checked) and one it does not.
const KNOWN = '444455556666';
const UNKNOWN = '777788889999';

let server: Rolegate;
let iam: IAMClient;
before(async () => {
  server = await startRolegate({ env: { ROLEGATE_ACCOUNTS: KNOWN } });
  iam = server.iam();
});
after(() => server.stop());
beforeEach(() => server.reset());

describe('CreateRole', () => {
  test('answers the role with AWS ids, ARN with path, dates and the trust policy', async () => {
    const r = await iam.send(new CreateRoleCommand({ RoleName: 'Import', Path: '/service-role/', AssumeRolePolicyDocument: trust, Description: 'd', Tags: [{ Key: 'team', Value: 'growth' }] }));
    assert.match(r.Role!.RoleId!, /^AROA[A-Z2-7]{17}$/);
    assert.equal(r.Role!.Arn, 'arn:aws:iam::111122223333:role/service-role/Import');
    assert.equal(r.Role!.Path, '/service-role/');
    assert.ok(r.Role!.CreateDate instanceof Date);
    assert.equal(decodeURIComponent(r.Role!.AssumeRolePolicyDocument!), trust);
    assert.equal(r.Role!.Description, 'd');
    assert.deepEqual(r.Role!.Tags, [{ Key: 'team', Value: 'growth' }]);
  });

  test('answers only the fields AWS gives on creation: no MaxSessionDuration (even when set) and no RoleLastUsed', async () => {
    const bare = await iam.send(new CreateRoleCommand({ RoleName: 'Bare', AssumeRolePolicyDocument: trust }));
    assert.deepEqual(Object.keys(bare.Role!).sort(), ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Path', 'RoleId', 'RoleName']);
    const full = await iam.send(new CreateRoleCommand({
      RoleName: 'Full', AssumeRolePolicyDocument: trust, Description: 'd', MaxSessionDuration: 7200,
      PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', Tags: [{ Key: 'team', Value: 'growth' }],
    }));
    assert.deepEqual(Object.keys(full.Role!).sort(), ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Description', 'Path', 'PermissionsBoundary', 'RoleId', 'RoleName', 'Tags']);
    assert.deepEqual(full.Role!.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' });
    // The role has them all the same: GetRole shows the duration and the (empty) last use.
    const got = await iam.send(new GetRoleCommand({ RoleName: 'Full' }));
    assert.equal(got.Role!.MaxSessionDuration, 7200);
    assert.deepEqual(got.Role!.RoleLastUsed, {});
  });

  test('with an existing name, in any letter case, answers EntityAlreadyExists (409)', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'Import', AssumeRolePolicyDocument: trust }));
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'IMPORT', AssumeRolePolicyDocument: trust })), 'EntityAlreadyExistsException', 409, 'Role with name IMPORT already exists.');
  });

  test('with a name outside the pattern answers ValidationError in AWS words', async () => {
    await rejectsWith(
      iam.send(new CreateRoleCommand({ RoleName: 'bad name!', AssumeRolePolicyDocument: trust })),
      'ValidationError', 400,
      "1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
  });

  test('with a 65-character name answers ValidationError for the length', async () => {
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'a'.repeat(65), AssumeRolePolicyDocument: trust })), 'ValidationError', 400, /Member must have length less than or equal to 64/);
  });

  test('with a path that does not begin and end with / answers ValidationError', async () => {
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', Path: 'nopath', AssumeRolePolicyDocument: trust })), 'ValidationError', 400, /at 'path' failed to satisfy constraint/);
  });

  test('with MaxSessionDuration over 12 hours answers ValidationError', async () => {
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', MaxSessionDuration: 43201, AssumeRolePolicyDocument: trust })), 'ValidationError', 400, /Member must have value less than or equal to 43200/);
  });

  test('with a trust policy that is not JSON answers MalformedPolicyDocument', async () => {
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: '{"Version":' })), 'MalformedPolicyDocumentException', 400);
  });

  test('with a trust policy over 2,048 characters without white space answers LimitExceeded', async () => {
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: Array.from({ length: 90 }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:root`) }, Action: 'sts:AssumeRole' }] });
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: big })), 'LimitExceededException', 409, 'Cannot exceed quota for ACLSizePerRole: 2048');
  });

  test('with duplicate tag keys answers InvalidInput', async () => {
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust, Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })), 'InvalidInputException', 400);
  });

  test('with a permissions boundary that does not exist answers NoSuchEntity', async () => {
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust, PermissionsBoundary: 'arn:aws:iam::111122223333:policy/none' })), 'NoSuchEntityException', 404);
  });
});

describe('GetRole, ListRoles, UpdateRole', () => {
  test('GetRole of an unknown role answers NoSuchEntity (404)', async () => {
    await rejectsWith(iam.send(new GetRoleCommand({ RoleName: 'nobody' })), 'NoSuchEntityException', 404, 'The role with name nobody cannot be found.');
  });

  test('GetRole finds a role whatever the letter case and shows RoleLastUsed', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'Import', AssumeRolePolicyDocument: trust }));
    const r = await iam.send(new GetRoleCommand({ RoleName: 'import' }));
    assert.equal(r.Role!.RoleName, 'Import');
    assert.deepEqual(r.Role!.RoleLastUsed, {});
  });

  test('ListRoles pages with MaxItems and Marker and filters by PathPrefix', async () => {
    for (const n of ['a', 'b', 'c', 'd', 'e']) await iam.send(new CreateRoleCommand({ RoleName: n, Path: n < 'c' ? '/x/' : '/', AssumeRolePolicyDocument: trust }));
    const first = await iam.send(new ListRolesCommand({ MaxItems: 2 }));
    assert.deepEqual(first.Roles!.map((r) => r.RoleName), ['a', 'b']);
    assert.equal(first.IsTruncated, true);
    const second = await iam.send(new ListRolesCommand({ MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(second.Roles!.map((r) => r.RoleName), ['c', 'd']);
    const third = await iam.send(new ListRolesCommand({ MaxItems: 2, Marker: second.Marker }));
    assert.deepEqual(third.Roles!.map((r) => r.RoleName), ['e']);
    assert.equal(third.IsTruncated, false);
    const prefixed = await iam.send(new ListRolesCommand({ PathPrefix: '/x/' }));
    assert.deepEqual(prefixed.Roles!.map((r) => r.RoleName), ['a', 'b']);
  });

  test('ListRoles with MaxItems 0 answers ValidationError', async () => {
    await rejectsWith(iam.send(new ListRolesCommand({ MaxItems: 0 })), 'ValidationError', 400, /Member must have value greater than or equal to 1/);
  });

  test('UpdateRole, UpdateRoleDescription and UpdateAssumeRolePolicy change what GetRole shows', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await iam.send(new UpdateRoleCommand({ RoleName: 'r', MaxSessionDuration: 7200, Description: 'one' }));
    const d = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'r', Description: 'two' }));
    assert.equal(d.Role!.Description, 'two');
    const newTrust = trust.replace('pinpoint', 'firehose');
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: newTrust }));
    const r = await iam.send(new GetRoleCommand({ RoleName: 'r' }));
    assert.equal(r.Role!.MaxSessionDuration, 7200);
    assert.equal(r.Role!.Description, 'two');
    assert.equal(decodeURIComponent(r.Role!.AssumeRolePolicyDocument!), newTrust);
  });
});

describe('tags and permissions boundaries', () => {
  test('TagRole adds and replaces, UntagRole removes, ListRoleTags pages', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust, Tags: [{ Key: 'a', Value: '1' }] }));
    await iam.send(new TagRoleCommand({ RoleName: 'r', Tags: [{ Key: 'A', Value: '2' }, { Key: 'b', Value: '3' }] }));
    let tags = await iam.send(new ListRoleTagsCommand({ RoleName: 'r' }));
    assert.deepEqual(tags.Tags, [{ Key: 'A', Value: '2' }, { Key: 'b', Value: '3' }]);
    await iam.send(new UntagRoleCommand({ RoleName: 'r', TagKeys: ['b'] }));
    tags = await iam.send(new ListRoleTagsCommand({ RoleName: 'r', MaxItems: 1 }));
    assert.deepEqual(tags.Tags, [{ Key: 'A', Value: '2' }]);
    assert.equal(tags.IsTruncated, false);
  });

  test('a 51st tag answers LimitExceeded', async () => {
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust, Tags: tags }));
    await rejectsWith(iam.send(new TagRoleCommand({ RoleName: 'r', Tags: [{ Key: 'one-more', Value: 'v' }] })), 'LimitExceededException', 409);
  });

  test('PutRolePermissionsBoundary sets an AWS managed policy as boundary and DeleteRolePermissionsBoundary clears it', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    const arn = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r', PermissionsBoundary: arn }));
    let r = await iam.send(new GetRoleCommand({ RoleName: 'r' }));
    assert.deepEqual(r.Role!.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn });
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'r' }));
    r = await iam.send(new GetRoleCommand({ RoleName: 'r' }));
    assert.equal(r.Role!.PermissionsBoundary, undefined);
  });
});

describe('DeleteRole', () => {
  test('answers DeleteConflict (409) while a managed or inline policy remains, then deletes', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }));
    await rejectsWith(iam.send(new DeleteRoleCommand({ RoleName: 'r' })), 'DeleteConflictException', 409, 'Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await rejectsWith(iam.send(new DeleteRoleCommand({ RoleName: 'r' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'p' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r' }));
    await rejectsWith(iam.send(new GetRoleCommand({ RoleName: 'r' })), 'NoSuchEntityException', 404);
  });

  test('of an unknown role answers NoSuchEntity', async () => {
    await rejectsWith(iam.send(new DeleteRoleCommand({ RoleName: 'ghost' })), 'NoSuchEntityException', 404);
  });
});

describe('CreateServiceLinkedRole', () => {
  test('creates the service role under /aws-service-role/ trusted by the service', async () => {
    const r = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }));
    assert.equal(r.Role!.RoleName, 'AWSServiceRoleForAutoScaling');
    assert.equal(r.Role!.Path, '/aws-service-role/autoscaling.amazonaws.com/');
    const doc = JSON.parse(decodeURIComponent(r.Role!.AssumeRolePolicyDocument!));
    assert.deepEqual(doc.Statement[0].Principal, { Service: ['autoscaling.amazonaws.com'] });
    // The fields the AWS CLI's create-service-linked-role example shows, the description left out.
    assert.deepEqual(Object.keys(r.Role!).sort(), ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Path', 'RoleId', 'RoleName']);
    await rejectsWith(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' })), 'InvalidInputException', 400);
  });

  // The names AWS gives: a service's own name, not one derived from its principal (as AWS accounts list them).
  test('names each role as AWS does, suffixed ones included', async () => {
    for (const [service, name] of [
      ['custom-resource.application-autoscaling.amazonaws.com', 'AWSServiceRoleForApplicationAutoScaling_CustomResource'],
      ['ecs.application-autoscaling.amazonaws.com', 'AWSServiceRoleForApplicationAutoScaling_ECSService'],
      ['dynamodb.application-autoscaling.amazonaws.com', 'AWSServiceRoleForApplicationAutoScaling_DynamoDBTable'],
      ['elasticmapreduce.amazonaws.com', 'AWSServiceRoleForEMRCleanup'],
      ['ops.apigateway.amazonaws.com', 'AWSServiceRoleForAPIGateway'],
      ['eks-nodegroup.amazonaws.com', 'AWSServiceRoleForAmazonEKSNodegroup'],
      ['storage-lens.s3.amazonaws.com', 'AWSServiceRoleForS3StorageLens'],
    ]) {
      const r = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: service }));
      assert.equal(r.Role!.RoleName, name, service);
      assert.equal(r.Role!.Arn, `arn:aws:iam::${server.accountId}:role/aws-service-role/${service}/${name}`);
    }
  });
});

describe('service-linked roles are protected', () => {
  const slr = 'AWSServiceRoleForAutoScaling';
  const protectedMessage = `Cannot perform the operation on the protected role '${slr}' - this role is only modifiable by AWS`;
  const inline = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  const s3ReadOnly = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
  beforeEach(() => iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' })));

  const refusals: [string, () => Promise<unknown>][] = [
    ['DeleteRole', () => iam.send(new DeleteRoleCommand({ RoleName: slr }))],
    ['UpdateAssumeRolePolicy', () => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: slr, PolicyDocument: trust }))],
    ['PutRolePolicy', () => iam.send(new PutRolePolicyCommand({ RoleName: slr, PolicyName: 'p', PolicyDocument: inline }))],
    ['DeleteRolePolicy', () => iam.send(new DeleteRolePolicyCommand({ RoleName: slr, PolicyName: 'p' }))],
    ['AttachRolePolicy', () => iam.send(new AttachRolePolicyCommand({ RoleName: slr, PolicyArn: s3ReadOnly }))],
    ['DetachRolePolicy', () => iam.send(new DetachRolePolicyCommand({ RoleName: slr, PolicyArn: s3ReadOnly }))],
    ['PutRolePermissionsBoundary', () => iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: slr, PermissionsBoundary: s3ReadOnly }))],
    ['DeleteRolePermissionsBoundary', () => iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: slr }))],
    ['UpdateRole with MaxSessionDuration', () => iam.send(new UpdateRoleCommand({ RoleName: slr, MaxSessionDuration: 7200 }))],
    ['AddRoleToInstanceProfile', async () => {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
      return iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: slr }));
    }],
    ['RemoveRoleFromInstanceProfile', async () => {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
      return iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: slr }));
    }],
  ];
  for (const [operation, call] of refusals) {
    test(`${operation} answers UnmodifiableEntity (400) naming the protected role`, async () => {
      await rejectsWith(call(), 'UnmodifiableEntityException', 400, protectedMessage);
    });
  }

  test('the name is matched in any letter case and the message names the role as stored', async () => {
    await rejectsWith(iam.send(new DeleteRoleCommand({ RoleName: slr.toLowerCase() })), 'UnmodifiableEntityException', 400, protectedMessage);
  });

  test('nothing was changed by the refused calls', async () => {
    for (const [, call] of refusals) await call().catch(() => undefined);
    const r = await iam.send(new GetRoleCommand({ RoleName: slr }));
    assert.equal(r.Role!.MaxSessionDuration, 3600);
    assert.equal(r.Role!.PermissionsBoundary, undefined);
    assert.deepEqual(JSON.parse(decodeURIComponent(r.Role!.AssumeRolePolicyDocument!)).Statement[0].Principal, { Service: ['autoscaling.amazonaws.com'] });
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: slr }))).PolicyNames, []);
    assert.deepEqual((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: slr }))).AttachedPolicies, []);
  });

  test('its description may still be edited (UpdateRole and UpdateRoleDescription), and it may be tagged', async () => {
    await iam.send(new UpdateRoleCommand({ RoleName: slr, Description: 'one' }));
    const d = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: slr, Description: 'two' }));
    assert.equal(d.Role!.Description, 'two');
    await iam.send(new TagRoleCommand({ RoleName: slr, Tags: [{ Key: 'team', Value: 'ops' }] }));
    assert.deepEqual((await iam.send(new ListRoleTagsCommand({ RoleName: slr }))).Tags, [{ Key: 'team', Value: 'ops' }]);
  });

  test('CreateRole refuses the /aws-service-role/ path with InvalidInput (400)', async () => {
    await rejectsWith(
      iam.send(new CreateRoleCommand({ RoleName: 'Sneaky', Path: '/aws-service-role/autoscaling.amazonaws.com/', AssumeRolePolicyDocument: trust })),
      'InvalidInputException', 400, "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles",
    );
  });

  test('DeleteServiceLinkedRole removes it and answers a task id whose status is SUCCEEDED', async () => {
    const d = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: slr }));
    assert.match(d.DeletionTaskId!, /^task\/aws-service-role\/autoscaling\.amazonaws\.com\/AWSServiceRoleForAutoScaling\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await rejectsWith(iam.send(new GetRoleCommand({ RoleName: slr })), 'NoSuchEntityException', 404);
    const s = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: d.DeletionTaskId! }));
    assert.equal(s.Status, 'SUCCEEDED');
    // The service may link a new role under the same name; the old task still reports its success.
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }));
    assert.equal((await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: d.DeletionTaskId! }))).Status, 'SUCCEEDED');
  });

  test('DeleteServiceLinkedRole of an unknown role or an ordinary role answers NoSuchEntity (404)', async () => {
    await rejectsWith(iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'ghost' })), 'NoSuchEntityException', 404, 'The role with name ghost cannot be found.');
    await iam.send(new CreateRoleCommand({ RoleName: 'Ordinary', AssumeRolePolicyDocument: trust }));
    await rejectsWith(iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'Ordinary' })), 'NoSuchEntityException', 404, 'The service-linked role with name Ordinary cannot be found.');
    await iam.send(new GetRoleCommand({ RoleName: 'Ordinary' }));
  });

  test('GetServiceLinkedRoleDeletionStatus of a malformed id answers InvalidInput (400)', async () => {
    await rejectsWith(iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: 'not-a-task' })), 'InvalidInputException', 400, 'Invalid deletion task id: not-a-task');
  });

  test('GetServiceLinkedRoleDeletionStatus of a task for the role still present answers NoSuchEntity (404)', async () => {
    // The id DeleteServiceLinkedRole would give this role (uuid from account, ARN and role id): no deletion ran.
    const r = (await iam.send(new GetRoleCommand({ RoleName: slr }))).Role!;
    const h = createHash('sha256').update(`111122223333\n${r.Arn}\n${r.RoleId}`).digest('hex');
    const id = `task/aws-service-role/autoscaling.amazonaws.com/${slr}/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    await rejectsWith(iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: id })), 'NoSuchEntityException', 404, `Deletion task ${id} cannot be found.`);
  });
});

describe('trust policy principals', () => {
  const trusting = (...aws: string[]) => JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: aws.length === 1 ? aws[0] : aws }, Action: 'sts:AssumeRole' }],
  });
  const invalid = (arn: string) => `Invalid principal in policy: "AWS":"${arn}"`;

  test('CreateRole naming an IAM user or role that does not exist answers MalformedPolicyDocument (400)', async () => {
    for (const arn of ['arn:aws:iam::111122223333:user/nobody', 'arn:aws:iam::111122223333:role/nothing']) {
      await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trusting(arn) })), 'MalformedPolicyDocumentException', 400, invalid(arn));
    }
    await rejectsWith(iam.send(new GetRoleCommand({ RoleName: 'r' })), 'NoSuchEntityException', 404);
  });

  test('trust policies get their own messages: not JSON, an unknown field, an identity-style document, no principals', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: trusting('arn:aws:iam::111122223333:root') }));
    await rejectsWith(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'kept', PolicyDocument: 'not valid json' })), 'MalformedPolicyDocumentException', 400, 'This policy contains invalid Json');
    const unknown = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole', Comment: 'x' }] });
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: unknown })), 'MalformedPolicyDocumentException', 400, 'Unknown field Comment');
    const identityLike = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: identityLike })), 'MalformedPolicyDocumentException', 400, 'Has prohibited field Resource');
    const empty = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [] }, Action: 'sts:AssumeRole' }] });
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: empty })), 'MalformedPolicyDocumentException', 400,
      'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!');
    await rejectsWith(iam.send(new GetRoleCommand({ RoleName: 'r' })), 'NoSuchEntityException', 404);
  });

  test('the first missing principal in document order is the one named', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const doc = trusting('arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/bob', 'arn:aws:iam::111122223333:role/gone');
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: doc })), 'MalformedPolicyDocumentException', 400, invalid('arn:aws:iam::111122223333:user/bob'));
  });

  test('a role cannot trust itself by ARN when it is created (it does not exist yet)', async () => {
    const self = 'arn:aws:iam::111122223333:role/Self';
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'Self', AssumeRolePolicyDocument: trusting(self) })), 'MalformedPolicyDocumentException', 400, invalid(self));
    await iam.send(new CreateRoleCommand({ RoleName: 'Self', AssumeRolePolicyDocument: trust }));
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'Self', PolicyDocument: trusting(self) }));
  });

  test('existing users and roles are accepted; the ARN must carry their path and the name as stored', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/team/' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'Deployer', AssumeRolePolicyDocument: trust }));
    const ok = trusting('arn:aws:iam::111122223333:user/team/alice', 'arn:aws:iam::111122223333:role/Deployer');
    const r = await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: ok }));
    assert.equal(decodeURIComponent(r.Role!.AssumeRolePolicyDocument!), ok);
    for (const arn of ['arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/team/Alice', 'arn:aws:iam::111122223333:role/deployer']) {
      await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: trusting(arn) })), 'MalformedPolicyDocumentException', 400, invalid(arn));
    }
  });

  test('users and roles of another account rolegate has are checked there; unknown accounts are taken on trust', async () => {
    const known = `arn:aws:iam::${KNOWN}:role/Nobody`;
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trusting(known) })), 'MalformedPolicyDocumentException', 400, invalid(known));
    const elsewhere = trusting(`arn:aws:iam::${UNKNOWN}:user/someone`, `arn:aws:iam::${UNKNOWN}:role/Something`, `arn:aws:iam::${KNOWN}:root`);
    const r = await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: elsewhere }));
    assert.equal(decodeURIComponent(r.Role!.AssumeRolePolicyDocument!), elsewhere);
  });

  test('UpdateAssumeRolePolicy refuses a missing principal and keeps the trust policy it had', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    const arn = 'arn:aws:iam::111122223333:user/nobody';
    await rejectsWith(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: trusting(arn) })), 'MalformedPolicyDocumentException', 400, invalid(arn));
    const got = await iam.send(new GetRoleCommand({ RoleName: 'r' }));
    assert.equal(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!), trust);
  });

  test('a bare account id is saved as the account root ARN; the rest of the document stays as written', async () => {
    const written = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Sid": "Accounts", "Effect": "Allow",\n      "Principal": { "AWS": [ "111122223333", "arn:aws:iam::777788889999:root", "444455556666" ] },\n      "Action": "sts:AssumeRole" },\n    { "Effect": "Allow", "Principal": {"AWS": "777788889999"}, "Action": "sts:TagSession" }\n  ]\n}';
    const saved = written
      .replace('"111122223333"', '"arn:aws:iam::111122223333:root"')
      .replace('"444455556666"', '"arn:aws:iam::444455556666:root"')
      .replace('{"AWS": "777788889999"}', '{"AWS": "arn:aws:iam::777788889999:root"}');
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: written }));
    assert.equal(decodeURIComponent(created.Role!.AssumeRolePolicyDocument!), saved);
    assert.equal(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: 'r' }))).Role!.AssumeRolePolicyDocument!), saved);
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: trusting('111122223333') }));
    assert.equal(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: 'r' }))).Role!.AssumeRolePolicyDocument!), trusting('arn:aws:iam::111122223333:root'));
  });
});
