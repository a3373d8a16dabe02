// grantsServiceAccess and servicesGranted: which service namespaces a policy's Allow statements
// grant some action of, judged against the Service Authorization Reference's action lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grantsServiceAccess, parsePolicy, servicesGranted, type ParsedPolicy } from '../../src/policy/index.js';

const policy = (...statements: object[]): ParsedPolicy => {
  const r = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity');
  assert.ok(r.ok);
  return r.policy;
};

test('an Allow naming one action, a prefix pattern or a ? pattern grants its service only, in any case', () => {
  const p = policy({ Effect: 'Allow', Action: ['s3:GetObject', 'ec2:Describe*', 'kinesis:?utRecord'], Resource: '*' });
  for (const ns of ['s3', 'S3', 'ec2', 'kinesis']) assert.equal(grantsServiceAccess(p, ns), true, ns);
  for (const ns of ['iam', 'sts', 'firehose']) assert.equal(grantsServiceAccess(p, ns), false, ns);
});

test('a pattern that names no action of the service grants nothing; a Deny grants nothing', () => {
  assert.equal(grantsServiceAccess(policy({ Effect: 'Allow', Action: 's3:Frob*', Resource: '*' }), 's3'), false);
  assert.equal(grantsServiceAccess(policy({ Effect: 'Deny', Action: 's3:*', Resource: '*' }), 's3'), false);
});

test('NotAction grants every service it leaves an action of; "*" grants every namespace, known or not', () => {
  const notIam = policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
  assert.equal(grantsServiceAccess(notIam, 'iam'), false);
  assert.equal(grantsServiceAccess(notIam, 's3'), true);
  assert.equal(grantsServiceAccess(notIam, 'not-a-service'), true);
  const notGet = policy({ Effect: 'Allow', NotAction: 's3:Get*', Resource: '*' });
  assert.equal(grantsServiceAccess(notGet, 's3'), true, 's3:PutObject is left');
  const all = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
  assert.equal(grantsServiceAccess(all, 'not-a-service'), true);
  assert.ok(servicesGranted(all).length > 300);
});

test('servicesGranted lists the granted known namespaces, sorted', () => {
  assert.deepEqual(servicesGranted(policy({ Effect: 'Allow', Action: ['sts:AssumeRole', 's3:Get*', 'firehose:PutRecord'], Resource: '*' })), ['firehose', 's3', 'sts']);
});
