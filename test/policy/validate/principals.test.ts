// Who trust and resource policies let in: Allow with NotPrincipal (Access Analyzer's
// ALLOW_WITH_NOT_PRINCIPAL) and Allow to "*" with no condition (rolegate's ALLOW_WITH_STAR_PRINCIPAL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../../src/policy/index.js';
import { at, doc, found } from './support.js';

const CODES = ['ALLOW_WITH_NOT_PRINCIPAL', 'ALLOW_WITH_STAR_PRINCIPAL'];

test('Allow with NotPrincipal is a security warning at NotPrincipal; Deny with NotPrincipal is not', () => {
  const text = doc([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/mallory' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]);
  assert.deepEqual(found(text, 'resource', CODES), [at('SECURITY_WARNING', 'ALLOW_WITH_NOT_PRINCIPAL', text, '{\n        "AWS"')]);
  assert.equal(validatePolicy(text, 'resource').find((f) => f.code === 'ALLOW_WITH_NOT_PRINCIPAL')!.message,
    'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.');
  assert.deepEqual(found(text.replace('"Allow"', '"Deny"'), 'resource', CODES), []);
});

test('a trust policy that lets "*" assume the role without a condition is a security warning at the "*"', () => {
  const text = doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]);
  assert.deepEqual(found(text, 'trust', CODES), [at('SECURITY_WARNING', 'ALLOW_WITH_STAR_PRINCIPAL', text, '"*"')]);
  assert.match(validatePolicy(text, 'trust')[0]!.message, /^The trust policy lets any principal \("\*"\) assume the role without a condition: anyone in any AWS account/);
  const guarded = doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }]);
  assert.deepEqual(found(guarded, 'trust', CODES), []);
});

test('a resource policy allowing "Principal": "*" without a condition is a security warning; naming an account is not', () => {
  const text = doc([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]);
  assert.deepEqual(found(text, 'resource', CODES), [at('SECURITY_WARNING', 'ALLOW_WITH_STAR_PRINCIPAL', text, '"*"')]);
  assert.match(validatePolicy(text, 'resource')[0]!.message, /anonymous callers included/);
  assert.deepEqual(found(doc([{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]), 'resource', CODES), []);
  assert.deepEqual(found(doc([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }]), 'resource', CODES), []);
});
