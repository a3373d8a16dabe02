// Keys written twice: every occurrence but the last is an ERROR at its own line and column (IAM
// and JSON.parse keep one value and drop the other silently, so the grammar still accepts the
// document: CreatePolicy answers as before); condition keys repeated in another case are Access
// Analyzer's DUPLICATE_KEYS_WITH_DIFFERENT_CASE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy, validatePolicy } from '../../../src/policy/index.js';
import { at, found } from './support.js';

const text = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Version": "2012-10-17",',
  '  "Statement": [{',
  '    "Effect": "Deny",',
  '    "Effect": "Allow",',
  '    "Action": "s3:GetObject",',
  '    "Resource": "arn:aws:s3:::b/*",',
  '    "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1", "aws:SourceVpc": "vpc-2"}}',
  '  }]',
  '}',
].join('\n');

test('each key an object names again is an error at the occurrence that is dropped, naming where the kept one is', () => {
  assert.deepEqual(found(text, 'identity'), [
    at('ERROR', 'DUPLICATE_KEY', text, '"Version"'),
    at('ERROR', 'DUPLICATE_KEY', text, '"Effect"'),
    at('ERROR', 'DUPLICATE_KEY', text, '"aws:SourceVpc"'),
  ]);
  const [version, effect] = validatePolicy(text, 'identity');
  assert.equal(version!.message, 'The key "Version" appears again at line 3, column 3 of the same object: only one of its values takes effect. Remove the duplicate key.');
  assert.equal(effect!.severity, 'error');
  assert.match(effect!.message, /^The key "Effect" appears again at line 6, column 5 /);
});

test('IAM accepts a document with duplicate keys, so the grammar does: only policy validate reports them', () => {
  const parsed = parsePolicy(text, 'identity');
  assert.ok(parsed.ok);
  assert.equal(parsed.policy.statements[0]!.effect, 'Allow', 'the last value is the one kept');
});

test('duplicates are found in a document that is malformed for other reasons too', () => {
  const bad = '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Action": "s3:PutObject"}}';
  // In document order: the statement without a Resource (at its brace), then the dropped Action.
  assert.deepEqual(found(bad, 'identity'), [at('ERROR', 'MALFORMED_POLICY', bad, '{"Effect"'), at('ERROR', 'DUPLICATE_KEY', bad, '"Action"')]);
});

test('a condition key written again in another case in the same operator is DUPLICATE_KEYS_WITH_DIFFERENT_CASE', () => {
  const cased = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*',
      Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1', 'AWS:SOURCEVPC': 'vpc-2' }, StringLike: { 'aws:sourcevpc': 'vpc-*' } },
    }],
  }, null, 2);
  assert.deepEqual(found(cased, 'identity'), [at('ERROR', 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE', cased, '"AWS:SOURCEVPC"')]);
  assert.equal(validatePolicy(cased, 'identity')[0]!.message,
    'The condition key appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.');
});
