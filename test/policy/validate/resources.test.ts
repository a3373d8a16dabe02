// Resource ARNs against the Service Authorization Reference's ARN formats, and actions none of whose
// resource types a statement's resources can be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../../src/policy/index.js';
import { patternsOverlap } from '../../../src/policy/validate/resources.js';
import { at, doc, found } from './support.js';

const allow = (action: string | string[], resource: string | string[]) => doc([{ Effect: 'Allow', Action: action, Resource: resource }]);
const messages = (text: string) => validatePolicy(text, 'identity').map((f) => f.message);

test('a resource type written as two ARN formats counts as both', () => {
  const stages = allow('apigateway:SetWebACL', 'arn:aws:apigateway:us-east-1::/restapis/a1b2/stages/prod');
  assert.deepEqual(found(stages, 'identity'), []);
});

test('two patterns overlap when one text could match both', () => {
  assert.ok(patternsOverlap('stream/*', 'stream/*'));
  assert.ok(patternsOverlap('stream/ev*', '*/events'));
  assert.ok(patternsOverlap('b?/k', 'bx/*'));
  assert.ok(!patternsOverlap('streams/x', 'stream/*'));
  assert.ok(!patternsOverlap('bucket', '*/*'));
  assert.ok(!patternsOverlap('a*b', 'a*c'));
});

test('an ARN whose resource part fits none of its service\'s resource types is INVALID_ARN_RESOURCE at the ARN', () => {
  const text = allow('kinesis:PutRecord', ['arn:aws:kinesis:us-east-1:111122223333:stream/events', 'arn:aws:kinesis:us-east-1:111122223333:streams/events']);
  assert.deepEqual(found(text, 'identity', ['INVALID_ARN_RESOURCE']), [at('ERROR', 'INVALID_ARN_RESOURCE', text, '"arn:aws:kinesis:us-east-1:111122223333:streams/events"')]);
  assert.ok(messages(text).includes('Resource ARN does not match the expected ARN format. Update the resource portion of the ARN.'));
  assert.deepEqual(found(allow('s3:GetObject', ['arn:aws:s3:::b/*', 'arn:aws:s3:::${aws:username}/*']), 'identity'), []);
});

test('a Region or account where the service\'s ARNs have none, and no Region where they need one, are errors', () => {
  const account = allow('s3:ListBucket', 'arn:aws:s3::111122223333:b');
  assert.deepEqual(found(account, 'identity'), [at('ERROR', 'ARN_ACCOUNT_NOT_ALLOWED', account, '"arn:aws:s3::111122223333:b"')]);
  assert.deepEqual(messages(account), ['The service s3 does not support specifying an account ID in the resource ARN.']);
  const region = allow('cloudfront:GetDistribution', 'arn:aws:cloudfront:us-east-1:111122223333:distribution/E1');
  assert.deepEqual(found(region, 'identity'), [at('ERROR', 'ARN_REGION_NOT_ALLOWED', region, '"arn:aws:cloudfront:us-east-1:111122223333:distribution/E1"')]);
  assert.deepEqual(messages(region), ['The service cloudfront does not support specifying a Region in the resource ARN.']);
  const missing = allow('kinesis:PutRecord', 'arn:aws:kinesis::111122223333:stream/events');
  assert.deepEqual(found(missing, 'identity'), [at('ERROR', 'MISSING_ARN_REGION', missing, '"arn:aws:kinesis::111122223333:stream/events"')]);
  assert.deepEqual(messages(missing), ['Add a Region to the kinesis resource ARN.']);
  assert.deepEqual(found(allow('kinesis:PutRecord', 'arn:aws:kinesis:*:*:stream/events'), 'identity'), []);
});

test('an action none of whose resource types the statement names is a warning at the action', () => {
  const objects = doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::imports' }]);
  assert.deepEqual(found(objects, 'identity'), [at('WARNING', 'ACTION_WITHOUT_MATCHING_RESOURCE', objects, '"s3:GetObject"')]);
  assert.match(messages(objects)[0]!, /^None of the statement's resources is of a resource type the Service Authorization Reference gives for the action s3:GetObject \(.*arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}.*\), so this statement grants it nothing\.$/);
  const bucket = doc([{ Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::imports' }]);
  assert.deepEqual(found(bucket, 'identity'), [at('WARNING', 'ACTION_WITHOUT_MATCHING_RESOURCE', bucket, '"s3:DeleteObject"')]);
  assert.match(messages(bucket)[0]!, /so this statement denies it nothing\.$/);
  assert.deepEqual(found(allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::imports', 'arn:aws:s3:::imports/*']), 'identity'), []);
  assert.deepEqual(found(allow(['s3:Get*', 's3:ListAllMyBuckets'], 'arn:aws:s3:::imports'), 'identity'), [], 'wildcards, and actions without resource types, are left alone');
  assert.deepEqual(found(allow('s3:GetObject', ['arn:aws:s3:::imports', '*']), 'identity', ['ACTION_WITHOUT_MATCHING_RESOURCE']), []);
});
