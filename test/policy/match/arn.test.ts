// ARN patterns as the Resource element page describes them: per colon-separated segment,
// case-sensitive, the resource part free to contain colons, a trailing `*` on a short ARN
// extending over the rest. The compiled forms must agree with the general matcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileArnPattern, matchesArnPattern } from '../../../src/policy/match/arn.js';
import { ESCAPE } from '../../../src/policy/match/wildcard.js';
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
  // A * in a middle segment stays in its segment even when the resource part holds more colons.
  ['arn:aws:sns:*:111122223333:t', 'arn:aws:sns:us-east-1:444455556666:111122223333:t', false],
  ['arn:aws:sns:*:111122223333:t', 'arn:aws:sns:us-east-1:111122223333:t', true],
  // An ARN with fewer segments than the pattern does not match it.
  ['arn:aws:s3:*:*:x', 'arn:aws:s3', false],
  ['arn:*:*:*:*:*', 'arn:aws', false],
  // A short pattern ending in a wildcard other than * does not extend over the remaining segments.
  ['arn:aws:s3:a?', 'arn:aws:s3:ab', true],
  ['arn:aws:s3:a?', 'arn:aws:s3:a:', false],
  ['arn:aws:s?:x', 'arn:aws:s3:x', true],
  // A trailing * after other characters extends too.
  ['arn:aws:s3:ab*', 'arn:aws:s3:abc:d:e', true],
  // A literal * (from ${*}) is no wildcard: it neither extends over segments nor matches other text.
  [`arn:aws:s3:x${ESCAPE}*`, 'arn:aws:s3:x*', true],
  [`arn:aws:s3:x${ESCAPE}*`, 'arn:aws:s3:x*:y', false],
  [`arn:aws:s3:${ESCAPE}*`, 'arn:aws:s3:*:x', false],
  [`arn:aws:s3:${ESCAPE}*`, 'arn:aws:s3:*', true],
  [`arn:aws:s3:::b${ESCAPE}*`, 'arn:aws:s3:::b*', true],
  [`arn:aws:s3:::b${ESCAPE}*`, 'arn:aws:s3:::bc', false],
  // A trailing * extends the pattern's last segment only; a * in a middle segment still stops at its colon.
  ['arn:aws:sns:*:111122223333:*', 'arn:aws:sns:us-east-1:444455556666:111122223333:t', false],
  ['arn:aws:sns:*:111122223333:*', 'arn:aws:sns:us-east-1:111122223333:t:x', true],
  // A short pattern whose last segment ends in a literal * does not extend even with a * before it.
  [`arn:aws:s3:a*${ESCAPE}*`, 'arn:aws:s3:a:b*', false],
  [`arn:aws:s3:a*${ESCAPE}*`, 'arn:aws:s3:ab*', true],
];

for (const [pattern, arn, expected] of cases) {
  test(`ARN pattern ${pattern.replaceAll(ESCAPE, '\\0')} ${expected ? 'matches' : 'does not match'} ${arn}`, () => {
    assert.equal(matchesArnPattern(pattern, arn), expected);
    assert.equal(compileArnPattern(pattern)(arn), expected, 'the compiled form agrees');
    const set = compileResourceSet([pattern], true);
    assert.equal(matchesResourceSet(set, arn, arnPrefix(arn), { get: () => undefined, missing() {}, unresolvedCount: 0 }), expected, 'the Resource element form agrees');
  });
}

test('an ARN with fewer segments than a short pattern never matches, whatever was matched before', () => {
  assert.equal(matchesArnPattern('arn:aws:*:*', 'arn:aws:s3:x'), true);
  assert.equal(matchesArnPattern('arn:aws:*:*', 'arn:aws'), false);
  assert.equal(matchesArnPattern('arn:aws:*:*:*:*', 'arn:aws:s3:r:a:x'), true);
  assert.equal(matchesArnPattern('arn:aws:*:*:*:*', 'arn:aws:s3'), false);
});
