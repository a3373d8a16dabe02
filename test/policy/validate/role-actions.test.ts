// iam:PassRole (security warnings) and iam:CreateServiceLinkedRole (general warnings) allowed on
// every role: six issue codes each, by how the action and the resources are written (IAM User
// Guide, "IAM policy validation check reference"), each at the resource or NotResource it is about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../../src/policy/index.js';
import { at, doc, found } from './support.js';

const CODES = ['PASS_ROLE', 'CREATE_SLR'].flatMap((p) =>
  ['STAR_IN_RESOURCE', 'STAR_IN_ACTION_AND_RESOURCE', 'STAR_IN_RESOURCE_AND_NOT_ACTION', 'NOT_RESOURCE', 'STAR_IN_ACTION_AND_NOT_RESOURCE', 'NOT_ACTION_AND_NOT_RESOURCE'].map((s) => `${p}_WITH_${s}`));
const roleFindings = (text: string, kind: 'identity' | 'trust' | 'scp' = 'identity') => found(text, kind, CODES);

test('iam:PassRole named with Resource "*" is PASS_ROLE_WITH_STAR_IN_RESOURCE at the "*", in AWS\'s words', () => {
  const text = doc([{ Effect: 'Allow', Action: ['s3:GetObject', 'iam:PassRole'], Resource: '*' }]);
  assert.deepEqual(roleFindings(text), [at('SECURITY_WARNING', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', text, '"*"')]);
  assert.equal(validatePolicy(text, 'identity').find((f) => f.code === 'PASS_ROLE_WITH_STAR_IN_RESOURCE')!.message,
    'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.');
});

test('every role of an account, or of every account, counts as a star; a narrowed role name does not', () => {
  for (const broad of ['arn:aws:iam::111122223333:role/*', 'arn:aws:iam::*:*', 'arn:aws:iam::*:role/*']) {
    const text = doc([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: ['arn:aws:iam::111122223333:role/app', broad] }]);
    assert.deepEqual(roleFindings(text), [at('SECURITY_WARNING', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', text, JSON.stringify(broad))], broad);
  }
  for (const narrow of ['arn:aws:iam::111122223333:role/app', 'arn:aws:iam::*:role/Service*', 'arn:aws:iam::111122223333:role/service-role/*'])
    assert.deepEqual(roleFindings(doc([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: narrow }])), [], narrow);
});

test('wildcard actions, NotAction and NotResource give the other five PassRole codes', () => {
  // Each at the Resource's "*" (the last "*" of the statement) or at NotResource's value.
  const admin = '"arn:aws:iam::111122223333:role/admin"';
  const cases: [object, string, string, number][] = [
    [{ Action: 'iam:*', Resource: '*' }, 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', '"*"', 0],
    [{ Action: '*', Resource: '*' }, 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', '"*"', 1],
    [{ NotAction: 's3:*', Resource: '*' }, 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', '"*"', 0],
    [{ Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/admin' }, 'PASS_ROLE_WITH_NOT_RESOURCE', admin, 0],
    [{ Action: 'iam:Pass*', NotResource: 'arn:aws:iam::111122223333:role/admin' }, 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE', admin, 0],
    [{ NotAction: 's3:*', NotResource: 'arn:aws:iam::111122223333:role/admin' }, 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE', admin, 0],
  ];
  for (const [statement, code, needle, n] of cases) {
    const text = doc([{ Effect: 'Allow', ...statement }]);
    const pass = roleFindings(text).filter((f) => f[1].startsWith('PASS_ROLE'));
    assert.deepEqual(pass, [at('SECURITY_WARNING', code, text, needle, n)], code);
  }
});

test('iam:CreateServiceLinkedRole on every service-linked role is a WARNING with CREATE_SLR codes', () => {
  const named = doc([{ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: 'arn:aws:iam::*:role/aws-service-role/*' }]);
  assert.deepEqual(roleFindings(named), [at('WARNING', 'CREATE_SLR_WITH_STAR_IN_RESOURCE', named, '"arn:aws:iam::*:role/aws-service-role/*"')]);
  const pinned = doc([{ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: 'arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/*' }]);
  assert.deepEqual(roleFindings(pinned), [], 'a role pinned to one service is not every role');
  const admin = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  assert.deepEqual(roleFindings(admin).map((f) => f[1]), ['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE']);
  const notResource = doc([{ Effect: 'Allow', NotAction: 'ec2:*', NotResource: 'arn:aws:s3:::b' }]);
  assert.deepEqual(roleFindings(notResource).map((f) => f[1]), ['PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE', 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE']);
});

test('no warning for a Deny, a NotAction or NotResource that leaves the role out, iam:PassedToService, a trust policy or an SCP', () => {
  assert.deepEqual(roleFindings(doc([{ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }])), []);
  assert.deepEqual(roleFindings(doc([{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }])), []);
  assert.deepEqual(roleFindings(doc([{ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::*:role/*' }])), []);
  assert.deepEqual(roleFindings(doc([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }])), []);
  assert.deepEqual(roleFindings(doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]), 'scp'), []);
  assert.deepEqual(roleFindings(doc([{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }]), 'trust'), []);
});
