// Action patterns: compiled once, case-insensitive, with `*` and `?` (IAM User Guide, "IAM JSON
// policy elements: Action").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileActionPattern } from '../../../src/policy/index.js';
import { servicesOf } from '../../../src/policy/match/action.js';

test('an action pattern compiles once and matches case-insensitively', () => {
  const matches = compileActionPattern('s3:Get*');
  assert.equal(matches('s3:getobject'), true);
  assert.equal(matches('S3:GETOBJECTACL'), true);
  assert.equal(matches('s3:PutObject'), false);
  assert.equal(compileActionPattern('s3:Get?bject')('s3:GetObject'), true);
  assert.equal(compileActionPattern('*')('anything:AtAll'), true);
  assert.equal(compileActionPattern('iam:PassRole')('IAM:passrole'), true);
  assert.equal(compileActionPattern('*:Get*')('kinesis:GetRecords'), true);
});

test('statements are indexed by the services their actions can name', () => {
  assert.deepEqual([...servicesOf(['s3:Get*', 'KMS:Decrypt'])!], ['s3', 'kms']);
  assert.equal(servicesOf(['*']), undefined);
  assert.equal(servicesOf(['s3*:Get*']), undefined);
});

test('a pattern with a wildcard before its end matches only the actions it spells, in any case', () => {
  const matches = compileActionPattern('s3:*Object');
  assert.equal(matches('s3:GetObject'), true);
  assert.equal(matches('S3:PUTOBJECT'), true);
  assert.equal(matches('s3:ListBucket'), false);
  assert.equal(matches('s3:GetObjectAcl'), false);
  assert.equal(compileActionPattern('s3:Get?bject*')('s3:GetObjectTagging'), true);
  assert.equal(compileActionPattern('s3:Get?bject*')('s3:PutObject'), false);
  assert.equal(compileActionPattern('iam:*User')('iam:CreateRole'), false);
});
