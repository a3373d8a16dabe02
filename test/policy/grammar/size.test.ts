// Policy size as IAM counts it against quotas: white space is not counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policySize, policySizeLimits } from '../../../src/policy/index.js';

test('white space does not count toward a policy\'s size', () => {
  assert.equal(policySize('{ "a" :\n\t"b c" }\r\n'), 10);
  assert.equal(policySize('{"a":"bc"}'), 10);
});

test('the documented quotas are exported for callers to enforce', () => {
  assert.equal(policySizeLimits.managed, 6144);
  assert.equal(policySizeLimits.inlineRole, 10240);
  assert.equal(policySizeLimits.trust, 2048);
  assert.equal(policySizeLimits.session, 2048);
});
