// policy validate's findings: grammar errors with positions, unknown service or action, invalid ARN,
// the confused-deputy warning for a service principal without source conditions (IAM User Guide,
// "The confused deputy problem"), a missing Version and an empty Sid. The other checks have a test
// file each, beside the file that makes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../../src/policy/index.js';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

test('a malformed document is one error finding with IAM\'s message and position', () => {
  const f = validatePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}', 'identity');
  assert.deepEqual(f, [{ findingType: 'ERROR', severity: 'error', code: 'MALFORMED_POLICY', message: 'Policy document should not specify a principal.', line: 1, column: 55 }]);
});

test('an unknown service prefix and an unknown action are errors', () => {
  const f = validatePolicy(doc({ Effect: 'Allow', Action: ['s3:GetObject', 'nosuchservice:Get', 'kinesis:PutRecordz', 'kinesis:Put*', 'sts:AssumeRole'], Resource: '*' }), 'identity');
  assert.deepEqual(f.map((x) => x.code), ['UNKNOWN_SERVICE', 'UNKNOWN_ACTION']);
});

test('an ARN with a malformed account segment is an invalid ARN', () => {
  const f = validatePolicy(doc({ Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: ['arn:aws:kinesis:us-east-1:12:stream/x', 'arn:aws:kinesis:us-east-1:111122223333:stream/x'] }), 'identity');
  assert.deepEqual(f.map((x) => [x.code, x.message]), [['INVALID_ARN', 'Resource arn:aws:kinesis:us-east-1:12:stream/x is not a valid ARN.']]);
});

test('a service principal trusted without aws:SourceAccount or aws:SourceArn is a confused-deputy warning', () => {
  const trust = (condition?: object) => doc({ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });
  const f = validatePolicy(trust(), 'trust');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'warning');
  assert.equal(f[0]!.findingType, 'SECURITY_WARNING');
  assert.equal(f[0]!.code, 'MISSING_SOURCE_CONDITION');
  assert.deepEqual(validatePolicy(trust({ StringEquals: { 'AWS:SourceAccount': '111122223333' } }), 'trust'), []);
  assert.deepEqual(validatePolicy(trust({ ArnLike: { 'aws:SourceArn': 'arn:aws:mobiletargeting:*:111122223333:apps/*' } }), 'trust'), []);
});

test('a document without Version is a MISSING_VERSION warning at its brace; an empty Sid is a suggestion at the Sid', () => {
  const text = '\n  {"Statement": [{"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}';
  assert.deepEqual(validatePolicy(text, 'identity').map((f) => [f.findingType, f.severity, f.code, f.message, f.line, f.column]), [
    ['WARNING', 'warning', 'MISSING_VERSION', 'We recommend that you specify the Version element to help you with debugging permission issues.', 2, 3],
    ['SUGGESTION', 'warning', 'EMPTY_SID_VALUE', 'Add a value to the empty string in the Sid element.', 2, 26],
  ]);
  assert.deepEqual(validatePolicy(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'identity'), []);
});
