// The grammar fences: every document of the accepted corpus parses, every one of the rejected
// corpus fails with IAM's MalformedPolicyDocument message word for word (MinIO's corpus tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy, type PolicyKind } from '../../../src/policy/index.js';

interface Case {
  name: string;
  source: string;
  /** The sentence of the source the case rests on. */
  says?: string;
  kind: PolicyKind;
  document: string;
  managed?: boolean;
  message?: string;
  line?: number;
  column?: number;
}
const corpus = (file: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/policy/grammar', file), 'utf8')) as Case[];

for (const c of corpus('accepted.json')) {
  test(`${c.kind} policy accepted: ${c.name}`, () => {
    const r = parsePolicy(c.document, c.kind, { managed: c.managed ?? false });
    assert.deepEqual(r.errors, []);
    assert.equal(r.ok, true);
  });
}

for (const c of corpus('rejected.json')) {
  test(`${c.kind} policy rejected: ${c.name} answers "${c.message}"`, () => {
    const r = parsePolicy(c.document, c.kind, { managed: c.managed ?? false });
    assert.equal(r.ok, false);
    assert.equal(r.errors[0]!.message, c.message);
    if (c.line !== undefined) assert.deepEqual({ line: r.errors[0]!.line, column: r.errors[0]!.column }, { line: c.line, column: c.column });
  });
}

test('a parsed statement keeps the line and column where it starts and ends', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},\n    {\n      "Sid": "Two", "Effect": "Deny", "Action": "iam:*", "Resource": "*"\n    }\n  ]\n}';
  const r = parsePolicy(text, 'identity');
  assert.ok(r.ok);
  assert.deepEqual(r.policy.statements.map((s) => [s.start, s.end]), [
    [{ line: 4, column: 5 }, { line: 4, column: 59 }],
    [{ line: 5, column: 5 }, { line: 7, column: 6 }],
  ]);
  assert.equal(r.policy.statements[1]!.sid, 'Two');
});

test('the same document parses to the same hash; a different one to another', () => {
  const a = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}', 'identity');
  const b = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}', 'identity');
  const c = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}}', 'identity');
  assert.ok(a.ok && b.ok && c.ok);
  assert.equal(a.policy.hash, b.policy.hash);
  assert.notEqual(a.policy.hash, c.policy.hash);
});

test('condition values that are JSON numbers and booleans become text', () => {
  const r = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true}}}}', 'identity');
  assert.ok(r.ok);
  assert.deepEqual(r.policy.statements[0]!.conditions.map((c) => c.values), [['10'], ['true']]);
});

test('saved in a partition, a resource ARN of another partition is refused; its own is accepted', () => {
  const doc = (resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] });
  const refused = parsePolicy(doc('arn:aws:s3:::b/*'), 'identity', { partition: 'aws-cn' });
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.equal(refused.errors[0].message, 'Partition "aws" is not valid for resource "arn:aws:s3:::b/*".');
  const other = parsePolicy(doc('arn:aws-cn:s3:::b/*'), 'identity', { partition: 'aws' });
  assert.equal(other.ok, false);
  assert.equal(parsePolicy(doc('arn:aws-cn:s3:::b/*'), 'identity', { partition: 'aws-cn' }).ok, true);
  // Without a partition (rolegate policy validate, the library), any of AWS's partitions is accepted.
  assert.equal(parsePolicy(doc('arn:aws-us-gov:s3:::b/*'), 'identity').ok, true);
});
