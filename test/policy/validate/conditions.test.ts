// Condition checks: keys the Service Authorization Reference does not define, ForAllValues on a
// single-valued key, wildcards without Like, Null with a qualifier, an empty Condition, and
// aws:ResourceTag with actions that do not support it — each at the key or value it is about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../../src/policy/index.js';
import { at, doc, found } from './support.js';

const withCondition = (condition: object, statement: object = {}) =>
  doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: condition, ...statement }]);
const messages = (text: string) => validatePolicy(text, 'identity').map((f) => f.message);

test('an aws: key, a service key or a service that the reference does not define is an error at the key', () => {
  const text = withCondition({ StringEquals: { 'aws:SourceVpcId': 'vpc-1', 's3:Prefixes': 'home/', 'nosuch:Key': 'x' } });
  assert.deepEqual(found(text, 'identity'), [
    at('ERROR', 'INVALID_GLOBAL_CONDITION_KEY', text, '"aws:SourceVpcId"'),
    at('ERROR', 'INVALID_SERVICE_CONDITION_KEY', text, '"s3:Prefixes"'),
    at('ERROR', 'INVALID_SERVICE', text, '"nosuch:Key"'),
  ]);
  assert.deepEqual(messages(text), [
    'The condition key aws:SourceVpcId does not exist. Use a valid condition key.',
    'The condition key s3:Prefixes does not exist in the service s3. Use a valid condition key.',
    'The service nosuch does not exist. Use a valid service name.',
  ]);
});

test('defined keys in any case, tag keys, and web identity provider keys are not findings', () => {
  const text = withCondition({
    StringEquals: { 'AWS:sourcevpc': 'vpc-1', 's3:prefix': 'home/', 'aws:PrincipalTag/team': 'a', 'aws:ResourceTag/env': 'prod', 's3:ExistingObjectTag/owner': 'me' },
    StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*', 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:*' },
    IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
  });
  assert.deepEqual(found(text, 'identity'), []);
  const trust = doc([{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x', 'saml:aud': 'https://signin.aws.amazon.com/saml' } } }]);
  assert.deepEqual(found(trust, 'trust'), []);
});

test('ForAllValues on a single-valued key is a security warning; on a multivalued key it is not', () => {
  const text = withCondition({ 'ForAllValues:StringEquals': { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] } });
  assert.deepEqual(found(text, 'identity'), [at('SECURITY_WARNING', 'FORALLVALUES_WITH_SINGLE_VALUED_KEY', text, '"aws:SourceVpc"')]);
  assert.deepEqual(messages(text), ['Using ForAllValues qualifier with the single-valued condition key aws:SourceVpc can be overly permissive. We recommend that you remove ForAllValues:.']);
  assert.deepEqual(found(withCondition({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }), 'identity'), []);
});

test('a * or ? with an exact String operator is a warning at the value; Like operators and ${*} are not', () => {
  const text = withCondition({ StringEquals: { 'aws:PrincipalTag/job': ['admin', 'admin-*'] } });
  assert.deepEqual(found(text, 'identity'), [at('WARNING', 'WILDCARD_WITHOUT_LIKE_OPERATOR', text, '"admin-*"')]);
  assert.deepEqual(messages(text), ['Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.']);
  assert.deepEqual(found(withCondition({ StringLike: { 'aws:PrincipalTag/job': 'admin-*' } }), 'identity'), []);
  assert.deepEqual(found(withCondition({ StringEquals: { 'aws:PrincipalTag/job': 'star-${*}' } }), 'identity'), []);
});

test('Null with a qualifier and an empty Condition are suggestions', () => {
  const text = withCondition({ 'ForAnyValue:Null': { 'aws:TagKeys': 'true' } });
  assert.deepEqual(found(text, 'identity'), [at('SUGGESTION', 'NULL_WITH_QUALIFIER', text, '"aws:TagKeys"')]);
  const empty = withCondition({});
  assert.deepEqual(found(empty, 'identity'), [at('SUGGESTION', 'EMPTY_OBJECT_CONDITION', empty, '"Condition"')]);
  assert.deepEqual(messages(empty), ['This condition block is empty and it does not affect the policy. Specify conditions.']);
});

test('aws:ResourceTag with actions that do not support it: a suggestion for Allow, a security warning for Deny, naming the services', () => {
  const statement = (effect: string, condition: object) =>
    doc([{ Effect: effect, Action: ['kinesis:PutRecord', 'sts:GetCallerIdentity', 'lambda:Invoke*'], Resource: '*', Condition: condition }]);
  const allow = statement('Allow', { StringEquals: { 'aws:ResourceTag/env': 'prod' } });
  assert.deepEqual(found(allow, 'identity'), [at('SUGGESTION', 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', allow, '"aws:ResourceTag/env"')]);
  assert.deepEqual(messages(allow), ['Using the effect Allow with the tag condition key aws:ResourceTag/env and actions for services with the following prefixes does not affect the policy: sts. Actions for the listed service are not allowed by this statement. We recommend that you move these actions to a different statement without this condition key.']);
  const deny = statement('Deny', { StringEquals: { 'aws:ResourceTag/env': 'prod' } });
  assert.deepEqual(found(deny, 'identity'), [at('SECURITY_WARNING', 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', deny, '"aws:ResourceTag/env"')]);
  assert.match(messages(deny)[0]!, /^Using the effect Deny with the tag condition key aws:ResourceTag\/env and actions for services with the following prefixes can be overly permissive: sts\. /);
  assert.deepEqual(found(statement('Deny', { StringEqualsIfExists: { 'aws:ResourceTag/env': 'prod' } }), 'identity'), [], 'IfExists holds without the key');
  assert.deepEqual(found(statement('Deny', { StringNotEquals: { 'aws:ResourceTag/env': 'prod' } }), 'identity'), [], 'a negated operator holds without the key');
});
