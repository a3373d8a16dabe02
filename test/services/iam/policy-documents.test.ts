// Policy documents as IAM checks them on every policy-accepting operation: grammar per kind, with
// AWS's MalformedPolicyDocument messages, and sizes counted without white space.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAssumeRolePolicyCommand,
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

test('UpdateAssumeRolePolicy with a condition operator that names no key answers MalformedPolicyDocument', async () => {
  await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust({ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
  await rejectsWith(
    rg.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: trust({ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: {} } }) })),
    'MalformedPolicyDocumentException', 400,
  );
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
