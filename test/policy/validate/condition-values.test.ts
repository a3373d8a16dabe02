// Condition values and operator types: empty lists, values that do not fit their operator, IP ranges
// with host bits or only private addresses for aws:SourceIp, and operators of another type than the
// key's; a tag key without its tag; variables under a Version that does not read them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../../src/policy/index.js';
import { at, doc, found } from './support.js';

const withCondition = (condition: object, top?: object) =>
  doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: condition }], top);
const messages = (text: string) => validatePolicy(text, 'identity').map((f) => f.message);

test('an empty value list is a suggestion whose code and words follow the qualifier', () => {
  const cases: [string, string][] = [
    ['StringEquals', 'EMPTY_ARRAY_CONDITION'], ['ForAllValues:StringEquals', 'EMPTY_ARRAY_CONDITION_FORALLVALUES'],
    ['ForAnyValue:StringEquals', 'EMPTY_ARRAY_CONDITION_FORANYVALUE'], ['StringEqualsIfExists', 'EMPTY_ARRAY_CONDITION_IFEXISTS'],
  ];
  for (const [operator, code] of cases) {
    const text = withCondition({ [operator]: { 'aws:TagKeys': [] } });
    assert.deepEqual(found(text, 'identity'), [at('SUGGESTION', code, text, '"aws:TagKeys"')], operator);
  }
  assert.deepEqual(messages(withCondition({ StringEquals: { 'aws:TagKeys': [] } })), ['There are no values for the condition key and it does not affect the policy. Specify conditions.']);
});

test('Bool, Numeric and IP values that are not are warnings at the value; two Booleans are an error', () => {
  const bool = withCondition({ Bool: { 'aws:SecureTransport': 'yes' } });
  assert.deepEqual(found(bool, 'identity'), [at('WARNING', 'TYPE_MISMATCH_BOOLEAN', bool, '"yes"')]);
  assert.deepEqual(messages(bool), ['Add a valid Boolean value (true or false) for the condition operator.']);
  const both = withCondition({ Bool: { 'aws:SecureTransport': ['true', 'false'] } });
  assert.deepEqual(found(both, 'identity'), [at('ERROR', 'INVALID_CONDITION_MULTIPLE_BOOLEAN', both, '"aws:SecureTransport"')]);
  const number = withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600', 'an hour'] } });
  assert.deepEqual(found(number, 'identity'), [at('WARNING', 'TYPE_MISMATCH_NUMBER', number, '"an hour"')]);
  const ip = withCondition({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '203.0.113.300'] } });
  assert.deepEqual(found(ip, 'identity'), [at('WARNING', 'TYPE_MISMATCH_IP_RANGE', ip, '"203.0.113.300"')]);
  assert.deepEqual(found(withCondition({ Bool: { 'aws:SecureTransport': '${aws:ViaAWSService}' } }), 'identity'), [], 'a variable is known only at request time');
});

test('host bits after the mask are a suggestion with the range to write; aws:SourceIp with private ranges is an error or a suggestion', () => {
  const host = withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.7/24' } });
  assert.deepEqual(found(host, 'identity'), [at('SUGGESTION', 'IMPROVE_IP_RANGE', host, '"203.0.113.7/24"')]);
  assert.deepEqual(messages(host), ['The non-zero bits in the IP address after the masked bits are ignored. Replace 203.0.113.7/24 with 203.0.113.0/24.']);
  const only = withCondition({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } });
  assert.deepEqual(found(only, 'identity'), [at('ERROR', 'PRIVATE_IP_ADDRESS', only, '"aws:SourceIp"')]);
  assert.match(messages(only)[0]!, /^aws:SourceIp works only for public IP address ranges\. /);
  assert.deepEqual(found(withCondition({ NotIpAddress: { 'aws:SourceIp': '172.16.0.0/12' } }), 'identity').map((f) => [f[0], f[1]]), [['ERROR', 'PRIVATE_NOT_IP_ADDRESS']]);
  assert.deepEqual(found(withCondition({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }), 'identity').map((f) => [f[0], f[1]]), [['SUGGESTION', 'PRIVATE_IP_ADDRESS_SUBSET']]);
  assert.deepEqual(found(withCondition({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }), 'identity').map((f) => [f[0], f[1]]), [['SUGGESTION', 'PRIVATE_NOT_IP_ADDRESS_SUBSET']]);
  assert.deepEqual(found(withCondition({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' } }), 'identity'), [], 'aws:VpcSourceIp is for private ranges');
});

test('an operator of another type than the key\'s is TYPE_MISMATCH; Date keys take Numeric operators too', () => {
  const text = withCondition({ NumericEquals: { 'aws:SourceIp': '1' }, DateGreaterThan: { 'aws:MultiFactorAuthAge': '2020-01-01T00:00:00Z' } });
  assert.deepEqual(found(text, 'identity'), [
    at('WARNING', 'TYPE_MISMATCH', text, '"aws:SourceIp"'),
    at('WARNING', 'TYPE_MISMATCH', text, '"aws:MultiFactorAuthAge"'),
  ]);
  assert.deepEqual(messages(text), [
    'Use the operator type IPAddress instead of operator NumericEquals for the condition key aws:SourceIp.',
    'Use the operator type Numeric instead of operator DateGreaterThan for the condition key aws:MultiFactorAuthAge.',
  ]);
  assert.deepEqual(found(withCondition({ NumericLessThan: { 'aws:EpochTime': '1700000000' }, Bool: { 'aws:SecureTransport': 'true' } }), 'identity'), []);
});

test('a tag key without its tag is MISSING_TAG_KEY_IN_CONDITION', () => {
  const text = withCondition({ StringEquals: { 'aws:ResourceTag': 'prod', 'iam:ResourceTag/': 'x' } });
  assert.deepEqual(found(text, 'identity'), [
    at('ERROR', 'MISSING_TAG_KEY_IN_CONDITION', text, '"aws:ResourceTag"'),
    at('ERROR', 'MISSING_TAG_KEY_IN_CONDITION', text, '"iam:ResourceTag/"'),
  ]);
  assert.equal(messages(text)[0], 'The condition key must include a tag key to control access based on tags. Use the format aws:ResourceTag/tag-key and specify a key name for tag-key.');
});

test('a policy variable under Version 2008-10-17, or no Version, is VARIABLE_UNSUPPORTED_IN_VERSION at the value', () => {
  const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' };
  const old = doc([statement], { Version: '2008-10-17' });
  assert.deepEqual(found(old, 'identity'), [at('ERROR', 'VARIABLE_UNSUPPORTED_IN_VERSION', old, '"arn:aws:s3:::home/${aws:username}/*"')]);
  assert.deepEqual(messages(old), ['To include variables in your policy, use the policy version 2012-10-17 or later.']);
  const none = doc([statement], {});
  assert.deepEqual(found(none, 'identity').map((f) => f[1]), ['MISSING_VERSION', 'VARIABLE_UNSUPPORTED_IN_VERSION']);
  assert.deepEqual(found(doc([statement]), 'identity'), []);
});
