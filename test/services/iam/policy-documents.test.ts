// Policy documents as IAM checks them on every policy-accepting operation: grammar per kind, with
// AWS's MalformedPolicyDocument messages, and sizes counted without white space.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, GetRoleCommand, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();

const trust = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

test('the seed Kinesis permissions policy, with its region and account-id placeholders, is accepted as AWS accepts it', async () => {
  await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust({ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: { Action: ['kinesis:PutRecords', 'kinesis:DescribeStream'], Effect: 'Allow', Resource: ['arn:aws:kinesis:region:account-id:stream/stream-name'] } });
  await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'p', PolicyDocument: doc }));
});

test('a trust policy with an empty Service principal answers MalformedPolicyDocument "Invalid principal in policy"', async () => {
  await rejectsWith(
    rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust({ Effect: 'Allow', Principal: { Service: '' }, Action: 'sts:AssumeRole' }) })),
    'MalformedPolicyDocumentException', 400, 'Invalid principal in policy: "SERVICE":""',
  );
});

test('a trust policy without Principal answers "Missing required field Principal"', async () => {
  await rejectsWith(
    rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust({ Effect: 'Allow', Action: 'sts:AssumeRole' }) })),
    'MalformedPolicyDocumentException', 400, 'Missing required field Principal',
  );
});

test('UpdateAssumeRolePolicy accepts a condition operator block that names no key, as IAM does; it tests nothing', async () => {
  await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust({ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
  const doc = trust({ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: {} } });
  await rg.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: doc }));
  const role = await rg.iam.send(new GetRoleCommand({ RoleName: 'r' }));
  assert.deepEqual(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).Statement[0].Condition, { StringEquals: {} });
});

test('UpdateAssumeRolePolicy with an operator IAM does not know, naming a key, answers "Syntax errors in policy."', async () => {
  await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust({ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
  await rejectsWith(
    rg.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: trust({ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEqualz: { 'aws:SourceAccount': '111122223333' } } }) })),
    'MalformedPolicyDocumentException', 400, 'Syntax errors in policy.',
  );
});

test('an S3 access point ARN with its Region is accepted; an S3 bucket ARN with a Region is refused in IAM\'s words', async () => {
  await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
  const doc = (resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] });
  await rg.iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'ap', PolicyDocument: doc('arn:aws:s3:us-west-2:123456789012:accesspoint/ap/object/*') }));
  await rejectsWith(
    rg.iam.send(new CreatePolicyCommand({ PolicyName: 'b', PolicyDocument: doc('arn:aws:s3:us-east-1::example_bucket') })),
    'MalformedPolicyDocumentException', 400, 'Resource arn:aws:s3:us-east-1::example_bucket can not contain region information.',
  );
});

test('a Date condition value IAM cannot read fails legacy parsing; the forms it reads are accepted', async () => {
  const doc = (value: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': value } } }] });
  for (const [i, ok] of ['2026-01-01', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00+01:00', '2026-01-01T00:00:00.123Z', '1767225600'].entries())
    await rg.iam.send(new CreatePolicyCommand({ PolicyName: `ok${i}`, PolicyDocument: doc(ok) }));
  for (const bad of ['2026-02-30', '1767225600.5', '2016-12-13t2:00:00.593194+1'])
    await rejectsWith(rg.iam.send(new CreatePolicyCommand({ PolicyName: 'bad', PolicyDocument: doc(bad) })), 'MalformedPolicyDocumentException', 400, 'The policy failed legacy parsing');
});

test('a managed policy must say Version 2012-10-17', async () => {
  const doc = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  await rejectsWith(rg.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: doc })), 'MalformedPolicyDocumentException', 400, 'Policy document must be version 2012-10-17 or greater.');
});

test('an identity policy action without a vendor answers MalformedPolicyDocument', async () => {
  await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'GetObject', Resource: '*' }] });
  await rejectsWith(rg.iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'p', PolicyDocument: doc })), 'MalformedPolicyDocumentException', 400, 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
});

test('inline policies of a user may total 2,048 characters without white space, not more', async () => {
  await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
  const sized = (n: number) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: n }, (_, i) => `s3:GetObjectVersion${i}`), Resource: '*' }] });
  await rg.iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'a', PolicyDocument: sized(40) }));
  await rejectsWith(rg.iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'b', PolicyDocument: sized(40) })), 'LimitExceededException', 409, 'Maximum policy size of 2048 bytes exceeded for user u');
  // Replacing the same policy counts its new size, not both.
  await rg.iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'a', PolicyDocument: sized(60) }));
  const spaced = JSON.stringify(JSON.parse(sized(60)), null, 8);
  assert.ok(spaced.length > 2048, 'white space does not count');
  await rg.iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'a', PolicyDocument: spaced }));
});
