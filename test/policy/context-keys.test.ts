// GetContextKeysFor*Policy: the condition keys and variable keys a policy refers to, each once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getContextKeys, parsePolicy } from '../../src/policy/index.js';

const parse = (doc: object, kind: 'identity' | 'trust' = 'identity') => {
  const r = parsePolicy(JSON.stringify(doc), kind);
  assert.ok(r.ok);
  return r.policy;
};

test('context keys of a policy: condition keys, then variables, each once whatever their case', () => {
  const p = parse({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*', Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } } },
      { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'AWS:SecureTransport': 'x', 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
    ],
  });
  assert.deepEqual(getContextKeys(p), ['aws:username', 's3:prefix', 'aws:SecureTransport', 'aws:ResourceTag/team', 'aws:PrincipalTag/team']);
});

test('variables in a 2008-10-17 policy are not context keys', () => {
  const p = parse({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' }] });
  assert.deepEqual(getContextKeys(p), []);
});

test('context keys of several policies are merged (GetContextKeysForPrincipalPolicy)', () => {
  const a = parse({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }] }, 'trust');
  const b = parse({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:sourceaccount': '1', 'sts:ExternalId': 'x' } } }] });
  assert.deepEqual(getContextKeys([a, b]), ['aws:SourceAccount', 'sts:ExternalId']);
});
