// IAM roles through @aws-sdk/client-iam against a started rolegate: malformed input, errors, behaviour.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRoleCommand, DeleteRoleCommand, GetRoleCommand, ListRolesCommand, UpdateRoleCommand, UpdateRoleDescriptionCommand,
  UpdateAssumeRolePolicyCommand, TagRoleCommand, UntagRoleCommand, ListRoleTagsCommand, PutRolePermissionsBoundaryCommand,
  DeleteRolePermissionsBoundaryCommand, CreateServiceLinkedRoleCommand, AttachRolePolicyCommand, PutRolePolicyCommand,
  DeleteRolePolicyCommand, DetachRolePolicyCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import { startRolegate, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

let server: Rolegate;
let iam: IAMClient;
before(async () => {
  server = await startRolegate();
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
    assert.equal(r.Role!.MaxSessionDuration, 3600);
    assert.deepEqual(r.Role!.Tags, [{ Key: 'team', Value: 'growth' }]);
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
    assert.deepEqual(r.Role!.PermissionsBoundary, { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn });
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
    await rejectsWith(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' })), 'InvalidInputException', 400);
  });
});
