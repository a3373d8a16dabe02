// Positions of `policy validate` findings: a finding about one action, resource or principal points
// at that value (the opening quote), not at its statement or the list's `[`, grammar errors included;
// findings come in document order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../../src/policy/index.js';

/** The line and column of the n-th occurrence (0-based) of `needle` in `text`. */
function posOf(text: string, needle: string, n = 0): { line: number; column: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not in the document`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
const where = (f: { code: string; line: number; column: number }) => [f.code, f.line, f.column];

test('unknown actions and invalid ARNs point at the value inside the list, in document order', () => {
  const text = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Resource: ['arn:aws:s3:::ok', 'arn:aws:kinesis:us-east-1:12:stream/x'], Action: ['s3:GetObject', 's3:GetObjekt', 'iam:CreateUsr'] },
      { Effect: 'Deny', NotAction: 'nosuch:Thing', Resource: '*' },
    ],
  }, null, 2);
  assert.deepEqual(validatePolicy(text, 'identity').map(where), [
    ['INVALID_ARN', ...Object.values(posOf(text, '"arn:aws:kinesis:us-east-1:12:stream/x"'))],
    ['UNKNOWN_ACTION', ...Object.values(posOf(text, '"s3:GetObjekt"'))],
    ['UNKNOWN_ACTION', ...Object.values(posOf(text, '"iam:CreateUsr"'))],
    ['UNKNOWN_SERVICE', ...Object.values(posOf(text, '"nosuch:Thing"'))],
  ]);
});

test('a key written twice: the value the grammar keeps is the one pointed at, the one it drops is a DUPLICATE_KEY', () => {
  const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*",\n"Action":"s3:GetObjekt",\n"Action":["s3:GetObject","s3:GetObjekt"]}]}';
  assert.deepEqual(validatePolicy(text, 'identity').map(where), [
    ['DUPLICATE_KEY', ...Object.values(posOf(text, '"Action"'))],
    ['UNKNOWN_ACTION', ...Object.values(posOf(text, '"s3:GetObjekt"', 1))],
  ]);
  assert.deepEqual(posOf(text, '"s3:GetObjekt"', 1), { line: 3, column: 26 });
});

test('the confused-deputy warning points at the service principal', () => {
  const text = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root', Service: ['pinpoint.amazonaws.com'] }, Action: 'sts:AssumeRole' }],
  }, null, 2);
  assert.deepEqual(validatePolicy(text, 'trust').map(where), [['MISSING_SOURCE_CONDITION', ...Object.values(posOf(text, '"pinpoint.amazonaws.com"'))]]);
});

test('grammar errors about one value of a list point at that value', () => {
  const identity = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3 x:Get'], Resource: ['arn:aws:s3:::ok', 'bucket'] }] }, null, 2);
  assert.deepEqual(validatePolicy(identity, 'identity').map((f) => [f.message, f.line, f.column]), [
    ['Vendor s3 x is not valid', ...Object.values(posOf(identity, '"s3 x:Get"'))],
    ['Resource bucket must be in ARN format or "*".', ...Object.values(posOf(identity, '"bucket"'))],
  ]);
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: ['111122223333', 'arn:aws:iam::111122223333:nobody'] }, Action: ['sts:AssumeRole', 's3:GetObject'] }],
  }, null, 2);
  assert.deepEqual(validatePolicy(trust, 'trust').map((f) => [f.message, f.line, f.column]), [
    ['Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:nobody"', ...Object.values(posOf(trust, '"arn:aws:iam::111122223333:nobody"'))],
    ['AssumeRole policy may only specify STS AssumeRole actions.', ...Object.values(posOf(trust, '"s3:GetObject"'))],
  ]);
});

test('a grammar error about an element as a whole keeps its place', () => {
  const text = '{"Version":"2012-10-17",\n "Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}';
  const f = validatePolicy(text, 'identity');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.code, 'MALFORMED_POLICY');
});
