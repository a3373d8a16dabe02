// Access Analyzer's redundancy suggestions, on the examples of AWS's policy check reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../../src/policy/index.js';
import { at, doc, found } from './support.js';

test('an action a wildcard of the same list already grants is REDUNDANT_ACTION; a partly new pattern is not', () => {
  const text = doc([{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:GetCredentialReport', 'iam:*CredentialReport', 'iam:List*'], Resource: '*' }]);
  assert.deepEqual(found(text, 'identity'), [
    at('SUGGESTION', 'REDUNDANT_ACTION', text, '"iam:GetCredentialReport"'),
    at('SUGGESTION', 'REDUNDANT_ACTION', text, '"iam:List*"', 1),
  ]);
  assert.equal(validatePolicy(text, 'identity')[0]!.message,
    'The action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: iam:GetCredentialReport.');
  assert.deepEqual(found(doc([{ Effect: 'Allow', Action: ['s3:*', 's3:GetObjekt'], Resource: '*' }]), 'identity', ['REDUNDANT_ACTION']), [], 'an unknown action is UNKNOWN_ACTION only');
});

test('resources a wildcard of the same list covers are REDUNDANT_RESOURCE', () => {
  const text = doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ['arn:aws:iam::111122223333:role/jane-admin', 'arn:aws:iam::111122223333:role/jane-s3only', 'arn:aws:iam::111122223333:role/jane*'] }]);
  assert.deepEqual(found(text, 'identity'), [
    at('SUGGESTION', 'REDUNDANT_RESOURCE', text, '"arn:aws:iam::111122223333:role/jane-admin"'),
    at('SUGGESTION', 'REDUNDANT_RESOURCE', text, '"arn:aws:iam::111122223333:role/jane-s3only"'),
  ]);
  assert.equal(validatePolicy(text, 'identity')[0]!.message, 'The resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*)');
});

test('a statement that repeats another, whatever its Sid, is REDUNDANT_STATEMENT at the repeat', () => {
  const text = doc([
    { Sid: 'One', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' },
    { Sid: 'Other', Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::b/*' },
    { Sid: 'Two', Effect: 'Allow', Action: ['S3:PutObject', 's3:GetObject'], Resource: 'arn:aws:s3:::b/*' },
  ]);
  assert.deepEqual(found(text, 'identity'), [at('SUGGESTION', 'REDUNDANT_STATEMENT', text, '{\n      "Sid": "Two"')]);
  assert.equal(validatePolicy(text, 'identity')[0]!.message, 'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.');
});
