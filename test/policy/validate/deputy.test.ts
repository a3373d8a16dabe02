// The confused-deputy warning (IAM User Guide, "The confused deputy problem"): which conditions guard
// a service principal in a trust or resource-based policy, sts:ExternalId for the services whose
// documented trust policies use it (Amazon Data Firehose, Amazon Cognito user pools), and wording by
// policy kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../../src/policy/index.js';

const trust = (service: string | string[], condition?: object) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });
const warnings = (text: string, kind: 'trust' | 'resource' = 'trust') =>
  validatePolicy(text, kind).filter((f) => f.code === 'MISSING_SOURCE_CONDITION').map((f) => f.message);

test('sts:ExternalId guards Firehose and Cognito user pool roles, as their documented trust policies do', () => {
  assert.deepEqual(warnings(trust('firehose.amazonaws.com', { StringEquals: { 'sts:ExternalId': '111122223333' } })), []);
  assert.deepEqual(warnings(trust('cognito-idp.amazonaws.com', { StringEquals: { 'sts:ExternalId': 'b0e7c2b4' } })), []);
  const [pinpoint] = warnings(trust('pinpoint.amazonaws.com', { StringEquals: { 'sts:ExternalId': '111122223333' } }));
  assert.match(pinpoint!, /without a condition on aws:SourceAccount or aws:SourceArn \(sts:ExternalId guards only services documented to pass one/);
  const [firehose] = warnings(trust('firehose.amazonaws.com'));
  assert.match(firehose!, /without a condition on aws:SourceAccount, aws:SourceArn or sts:ExternalId:/);
});

test('a guard that matches any value, or holds when the key is absent, is no guard', () => {
  const cases: [object, RegExp][] = [
    [{ StringLike: { 'aws:SourceArn': '*' } }, /\(StringLike on aws:SourceArn matches any value\)/],
    [{ ArnLike: { 'aws:SourceArn': ['arn:aws:mobiletargeting:*:111122223333:apps/*', '*'] } }, /ArnLike on aws:SourceArn matches any value/],
    [{ StringLike: { 'aws:SourceAccount': '????????????' } }, /matches any value/],
    [{ StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } }, /\(StringEqualsIfExists on aws:SourceAccount holds when the key is absent\)/],
    [{ ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:mobiletargeting:us-east-1:111122223333:apps/a' } }, /holds when the key is absent/],
    [{ 'ForAllValues:StringEquals': { 'aws:SourceAccount': '111122223333' } }, /holds when the key is absent/],
    [{ StringNotEquals: { 'aws:SourceAccount': '444455556666' } }, /StringNotEquals on aws:SourceAccount does not limit it to named values/],
    [{ Null: { 'aws:SourceArn': 'false' } }, /Null on aws:SourceArn does not limit it/],
  ];
  for (const [condition, why] of cases) {
    const w = warnings(trust('pinpoint.amazonaws.com', condition));
    assert.equal(w.length, 1, JSON.stringify(condition));
    assert.match(w[0]!, why);
  }
  assert.deepEqual(warnings(trust('firehose.amazonaws.com', { StringLike: { 'sts:ExternalId': '*' } })).length, 1);
});

test('conditions that name the source guard, alone or beside weak ones', () => {
  for (const condition of [
    { StringEquals: { 'aws:SourceAccount': '111122223333' } },
    { StringLike: { 'aws:SourceAccount': '1111222233*' } },
    { ArnEquals: { 'aws:SourceArn': 'arn:aws:mobiletargeting:us-east-1:111122223333:apps/a' } },
    { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } },
    { StringLike: { 'aws:SourceArn': '*' }, StringEquals: { 'aws:SourceAccount': '111122223333' } },
  ])
    assert.deepEqual(warnings(trust('pinpoint.amazonaws.com', condition)), [], JSON.stringify(condition));
});

test('the message says trust policy or resource-based policy, once per unguarded service principal', () => {
  const [t] = warnings(trust('pinpoint.amazonaws.com'));
  assert.match(t!, /^The trust policy lets the service principal pinpoint\.amazonaws\.com assume the role without a condition on aws:SourceAccount or aws:SourceArn: .*\(confused deputy\)\.$/);
  const bucket = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: ['logging.s3.amazonaws.com', 'cloudtrail.amazonaws.com'] }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/*' }],
  });
  const r = warnings(bucket, 'resource');
  assert.equal(r.length, 2);
  assert.match(r[0]!, /^The resource-based policy allows the service principal logging\.s3\.amazonaws\.com without a condition on aws:SourceAccount or aws:SourceArn: .*act on this resource/);
  assert.match(r[1]!, /cloudtrail\.amazonaws\.com/);
  assert.deepEqual(warnings(bucket.replace('"Effect":"Allow"', '"Effect":"Deny"'), 'resource'), [], 'a Deny grants nothing');
});
