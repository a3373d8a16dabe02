// ARN patterns as the Resource element page describes them: per colon-separated segment,
// case-sensitive, the resource part free to contain colons, a trailing `*` on a short ARN
// extending over the rest. The compiled forms must agree with the general matcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileArnPattern, matchesArnPattern } from '../../../src/policy/match/arn.js';
import { arnPrefix, compileResourceSet, matchesResourceSet } from '../../../src/policy/match/resource.js';

const cases: [string, string, boolean][] = [
  ['*', 'arn:aws:s3:::b', true],
  ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/a/b:c', true],
  ['arn:aws:s3:::b/*', 'arn:aws:s3:::bb/a', false],
  ['arn:aws:s3:::b', 'arn:aws:s3:::b/x', false],
  ['arn:aws:s3:::B/*', 'arn:aws:s3:::b/x', false],
  ['arn:aws:iam::*:role/r', 'arn:aws:iam::111122223333:role/r', true],
  ['arn:aws:iam::*:role/r', 'arn:aws:iam::111122223333:role/rr', false],
  ['arn:aws:kinesis:*', 'arn:aws:kinesis:us-east-1:1:stream/s', true],
  ['arn:aws:kinesis:us-east-1', 'arn:aws:kinesis:us-east-1:1:stream/s', false],
  ['arn:aws:kinesis:us-*:1:stream/s', 'arn:aws:kinesis:us-east-1:1:stream/s', true],
  ['arn:aws:kinesis:*:stream/s', 'arn:aws:kinesis:us-east-1:1:stream/s', false],
  ['arn:aws:kinesis:us-east-1*:stream/s', 'arn:aws:kinesis:us-east-1:1:stream/s', false],
  ['arn:aws:logs:*:*:log-group:/a/*', 'arn:aws:logs:us-east-1:1:log-group:/a/b:log-stream:x', true],
  ['arn:aws:sns:us-east-1:1:t?pic', 'arn:aws:sns:us-east-1:1:topic', true],
  ['arn:aws:sns:us-east-1:1:t?pic', 'arn:aws:sns:us-east-1:1:tpic', false],
  ['arn:aws:s3:::*', 'arn:aws:s3:::anything/at/all', true],
  ['arn:aws:s3:::*', 's3:::x', false],
];

for (const [pattern, arn, expected] of cases) {
  test(`ARN pattern ${pattern} ${expected ? 'matches' : 'does not match'} ${arn}`, () => {
    assert.equal(matchesArnPattern(pattern, arn), expected);
    assert.equal(compileArnPattern(pattern)(arn), expected, 'the compiled form agrees');
    const set = compileResourceSet([pattern], true);
    assert.equal(matchesResourceSet(set, arn, arnPrefix(arn), { get: () => undefined, missing() {} }), expected, 'the Resource element form agrees');
  });
}
