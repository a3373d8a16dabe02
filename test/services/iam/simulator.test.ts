// IAM's policy simulator through @aws-sdk/client-iam: SimulateCustomPolicy, SimulatePrincipalPolicy
// and GetContextKeysFor*Policy on the policy library, in the shapes IAM answers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand, AttachRolePolicyCommand, CreateGroupCommand, CreateRoleCommand, CreateUserCommand,
  GetContextKeysForCustomPolicyCommand, GetContextKeysForPrincipalPolicyCommand, PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand, PutUserPolicyCommand, SimulateCustomPolicyCommand, SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();

const s3ReadOnly = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }] });
const denyBucket = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::secrets/*' }] });
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('SimulateCustomPolicy', () => {
  test('allows what a policy allows and names the matching statement with its position', async () => {
    const r = await rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [s3ReadOnly], ActionNames: ['s3:GetObject', 's3:PutObject'], ResourceArns: ['arn:aws:s3:::bucket/key'] }));
    assert.deepEqual(r.EvaluationResults!.map((e) => [e.EvalActionName, e.EvalResourceName, e.EvalDecision]), [
      ['s3:GetObject', 'arn:aws:s3:::bucket/key', 'allowed'],
      ['s3:PutObject', 'arn:aws:s3:::bucket/key', 'implicitDeny'],
    ]);
    const m = r.EvaluationResults![0].MatchedStatements![0];
    assert.equal(m.SourcePolicyId, 'PolicyInputList.1');
    assert.equal(m.StartPosition!.Line, 1);
    assert.ok(m.EndPosition!.Column! > m.StartPosition!.Column!);
    assert.deepEqual(r.EvaluationResults![1].MatchedStatements, []);
  });

  test('an explicit deny in a second policy wins over the allow', async () => {
    const r = await rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [s3ReadOnly, denyBucket], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::secrets/a', 'arn:aws:s3:::public/a'] }));
    // One result per action: the most restrictive decision on top, each resource's own below (API reference, EvaluationResult).
    assert.deepEqual(r.EvaluationResults!.map((e) => e.EvalDecision), ['explicitDeny']);
    assert.deepEqual(r.EvaluationResults![0].ResourceSpecificResults!.map((e) => e.EvalResourceDecision), ['explicitDeny', 'allowed']);
    assert.equal(r.EvaluationResults![0].MatchedStatements!.some((s) => s.SourcePolicyId === 'PolicyInputList.2'), true);
  });

  test('a condition key missing from ContextEntries is reported in MissingContextValues; given, it decides', async () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] });
    const missing = await rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc], ActionNames: ['s3:GetObject'] }));
    assert.equal(missing.EvaluationResults![0].EvalDecision, 'implicitDeny');
    assert.deepEqual(missing.EvaluationResults![0].MissingContextValues, ['aws:SourceIp']);
    const given = await rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc], ActionNames: ['s3:GetObject'], ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.1.2.3'] }] }));
    assert.equal(given.EvaluationResults![0].EvalDecision, 'allowed');
  });

  test('Date values in the ISO 8601 forms IAM reads compare as instants, epoch seconds included', async () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: {
      DateGreaterThanEquals: { 'aws:CurrentTime': ['2026-W05-3T10:00+01:00'] }, DateLessThan: { 'aws:EpochTime': 1769680800 } } }] });
    const at = async (time: string, epoch: string) => (await rg.iam.send(new SimulateCustomPolicyCommand({
      PolicyInputList: [doc], ActionNames: ['s3:GetObject'],
      ContextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyType: 'date', ContextKeyValues: [time] }, { ContextKeyName: 'aws:EpochTime', ContextKeyType: 'numeric', ContextKeyValues: [epoch] }],
    }))).EvaluationResults![0].EvalDecision;
    // 2026-W05-3 is Wednesday 28 January 2026; 10:00+01:00 is 09:00Z; 1769680800 is 2026-01-29T10:00:00Z.
    assert.equal(await at('2026-01-28T09:00:00Z', '1769590800'), 'allowed');
    assert.equal(await at('2026-01-28T08:59:59.999Z', '1769590799'), 'implicitDeny');
    assert.equal(await at('2026-01-29T10:00:00Z', '1769680800'), 'implicitDeny');
  });

  test('a permissions boundary limits what the identity policy allows', async () => {
    const boundary = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] });
    const r = await rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [s3ReadOnly], PermissionsBoundaryPolicyInputList: [boundary], ActionNames: ['s3:GetObject', 's3:ListBucket'] }));
    assert.deepEqual(r.EvaluationResults!.map((e) => [e.EvalDecision, e.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary]), [['implicitDeny', false], ['allowed', true]]);
  });

  test('a resource policy alone allows a same-account caller', async () => {
    const bucketPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    const r = await rg.iam.send(new SimulateCustomPolicyCommand({
      PolicyInputList: [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] })],
      ResourcePolicy: bucketPolicy, CallerArn: 'arn:aws:iam::111122223333:user/alice', ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::b/k'],
    }));
    assert.equal(r.EvaluationResults![0].EvalDecision, 'allowed');
  });

  test("AWS's documented example: the statement's start and end positions as the CLI example prints them", async () => {
    const r = await rg.iam.send(new SimulateCustomPolicyCommand({
      PolicyInputList: ['{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}'],
      ActionNames: ['dynamodb:CreateBackup'],
      ContextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2019-04-25T11:00:00Z'], ContextKeyType: 'date' }],
    }));
    assert.deepEqual(r.EvaluationResults, [{
      EvalActionName: 'dynamodb:CreateBackup', EvalResourceName: '*', EvalDecision: 'allowed',
      // The CLI example's positions; SourcePolicyType as IAM's responses carry it ("IAM Policy").
      MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 167 } }],
      MissingContextValues: [],
    }]);
  });

  test('pages results with MaxItems and Marker', async () => {
    const first = await rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [s3ReadOnly], ActionNames: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'], MaxItems: 2 }));
    assert.equal(first.EvaluationResults!.length, 2);
    assert.equal(first.IsTruncated, true);
    const rest = await rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [s3ReadOnly], ActionNames: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'], MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(rest.EvaluationResults!.map((e) => e.EvalActionName), ['s3:PutObject']);
  });

  test('wildcard action names, a non-user CallerArn, or a resource policy without CallerArn answer InvalidInput', async () => {
    await rejectsWith(rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [s3ReadOnly], ActionNames: ['s3:Get*'] })), 'InvalidInputException', 400);
    await rejectsWith(rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [s3ReadOnly], ActionNames: ['s3:GetObject'], CallerArn: 'arn:aws:iam::111122223333:role/r' })), 'InvalidInputException', 400);
    const bucketPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
    await rejectsWith(rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [s3ReadOnly], ActionNames: ['s3:GetObject'], ResourcePolicy: bucketPolicy })), 'InvalidInputException', 400, /CallerArn/);
  });

  test('a matched resource policy is reported as SourcePolicyId "ResourcePolicy", SourcePolicyType "Resource Policy"', async () => {
    const r = await rg.iam.send(new SimulateCustomPolicyCommand({
      PolicyInputList: [s3ReadOnly], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::secrets/a'], CallerArn: 'arn:aws:iam::111122223333:user/alice',
      ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secrets/*' }] }),
    }));
    const matched = r.EvaluationResults![0].ResourceSpecificResults![0].MatchedStatements!;
    assert.deepEqual(matched.map((m) => [m.SourcePolicyId, m.SourcePolicyType]), [['ResourcePolicy', 'Resource Policy']]);
    assert.equal(r.EvaluationResults![0].EvalDecision, 'explicitDeny');
  });

  test('more than one permissions boundary answers InvalidInput: the simulator takes one', async () => {
    const b = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    await rejectsWith(rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [s3ReadOnly], PermissionsBoundaryPolicyInputList: [b, b], ActionNames: ['s3:GetObject'] })),
      'InvalidInputException', 400, /only one permissions boundary/);
  });

  test('a malformed input policy answers InvalidInput', async () => {
    await rejectsWith(rg.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{"Version":'], ActionNames: ['s3:GetObject'] })), 'InvalidInputException', 400, /PolicyInputList\.1/);
  });
});

describe('SimulatePrincipalPolicy', () => {
  test("a user's own and its group's inline policies both count, reported as IAM reports them (OWNERTYPE_OWNER_POLICY, \"IAM Policy\")", async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'alice' }));
    await rg.iam.send(new PutGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'read', PolicyDocument: s3ReadOnly }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'deny-secrets', PolicyDocument: denyBucket }));
    const r = await rg.iam.send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: 'arn:aws:iam::111122223333:user/alice', ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::public/a', 'arn:aws:s3:::secrets/a'],
    }));
    const perResource = r.EvaluationResults![0].ResourceSpecificResults!;
    assert.deepEqual(perResource.map((e) => e.EvalResourceDecision), ['allowed', 'explicitDeny']);
    assert.deepEqual(perResource[0].MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]), [['group_readers_read', 'IAM Policy']]);
    assert.deepEqual(perResource[1].MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]), [['user_alice_deny-secrets', 'IAM Policy']]);
    assert.equal(r.EvaluationResults![0].EvalDecision, 'explicitDeny');
  });

  test("a role's AWS managed policy allows, and its permissions boundary narrows", async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'PinpointSegmentImport', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'PinpointSegmentImport', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    const arn = 'arn:aws:iam::111122223333:role/PinpointSegmentImport';
    let r = await rg.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject', 's3:PutObject', 'kinesis:PutRecords'] }));
    assert.deepEqual(r.EvaluationResults!.map((e) => e.EvalDecision), ['allowed', 'implicitDeny', 'implicitDeny']);
    assert.deepEqual(r.EvaluationResults![0].MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]), [['AmazonS3ReadOnlyAccess', 'IAM Policy']]);
    await rg.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'PinpointSegmentImport', PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonKinesisFullAccess' }));
    r = await rg.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject'] }));
    assert.equal(r.EvaluationResults![0].EvalDecision, 'implicitDeny');
    assert.equal(r.EvaluationResults![0].PermissionsBoundaryDecisionDetail!.AllowedByPermissionsBoundary, false);
  });

  test('an unknown principal answers NoSuchEntity; a non-IAM ARN answers InvalidInput', async () => {
    await rejectsWith(rg.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::111122223333:user/nobody', ActionNames: ['s3:GetObject'] })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:s3:::a-bucket-of-mine', ActionNames: ['s3:GetObject'] })), 'InvalidInputException', 400);
  });
});

describe('GetContextKeysFor*Policy', () => {
  const conditional = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] }, Bool: { 'aws:SecureTransport': 'true' } } }],
  });

  test('GetContextKeysForCustomPolicy lists condition keys and variables once each', async () => {
    const r = await rg.iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [conditional, conditional] }));
    assert.deepEqual([...r.ContextKeyNames!].sort(), ['aws:SecureTransport', 'aws:username', 's3:prefix']);
  });

  test('GetContextKeysForPrincipalPolicy includes the principal own policies', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'p', PolicyDocument: conditional }));
    const r = await rg.iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::111122223333:user/bob' }));
    assert.deepEqual([...r.ContextKeyNames!].sort(), ['aws:SecureTransport', 'aws:username', 's3:prefix']);
  });
});
