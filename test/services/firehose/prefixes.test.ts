// Firehose's custom S3 prefixes: the guide's semantic rules and examples (Developer Guide,
// "Understand custom prefixes for Amazon S3 objects"), Java DateTimeFormatter patterns, and the
// object key's suffix.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPrefixes, evaluatePrefix, parsePrefix } from '../../../src/services/firehose/prefixes.js';
import { compilePattern, formatParts, wallClock } from '../../../src/services/firehose/datetime-format.js';
import { objectKey } from '../../../src/services/firehose/keys.js';
import { describedDestination } from '../../../src/services/firehose/destination.js';

const AUG_27_2018 = Date.UTC(2018, 7, 27, 10, 30, 0);
const random = () => '5abf82daaa5';
const evaluated = (prefix: string | undefined, at = AUG_27_2018, zone?: string) => evaluatePrefix(parsePrefix(prefix, 'Prefix'), { at, zone, random });
const refused = (prefix: string | undefined, errorOutputPrefix: string | undefined, constraint: RegExp) =>
  assert.throws(() => checkPrefixes(prefix, errorOutputPrefix), (e: Error) => {
    assert.equal(e.name, 'InvalidArgumentException');
    assert.match(e.message, /^Ths supplied prefix\(es\) do not satisfy the following constraint: /);
    assert.match(e.message, constraint);
    return true;
  });

describe('evaluating prefixes', () => {
  test('no prefix is the default YYYY/MM/dd/HH/ of the oldest record, in UTC', () => {
    assert.equal(evaluated(undefined), '2018/08/27/10/');
    assert.equal(evaluated(''), '2018/08/27/10/');
  });

  test('a prefix without a timestamp expression gets !{timestamp:yyyy/MM/dd/HH/} appended', () => {
    assert.equal(evaluated('logs/'), 'logs/2018/08/27/10/');
    assert.equal(evaluated('rand=!{firehose:random-string}/'), 'rand=5abf82daaa5/2018/08/27/10/');
  });

  test("the guide's examples evaluate as it shows", () => {
    assert.equal(evaluated('myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}'), 'myFirehose/DeliveredYear=2018/anyMonth/rand=5abf82daaa5');
    assert.equal(
      evaluated('myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/', Date.UTC(2018, 6, 6, 23)),
      'myPrefix/year=2018/month=07/day=06/hour=23/',
    );
    const error = parsePrefix("myErrorPrefix/!{timestamp:'year='yyyy'/month='MM'/day='dd'/hour='HH}/!{firehose:error-output-type}", 'ErrorOutputPrefix');
    assert.equal(evaluatePrefix(error, { at: Date.UTC(2018, 6, 6, 23), random }), 'myErrorPrefix/year=2018/month=07/day=06/hour=23/processing-failed');
  });

  test('every timestamp of a prefix is the same instant, and CustomTimeZone moves the wall clock', () => {
    assert.equal(evaluated('!{timestamp:HH}/!{timestamp:mm}/', Date.UTC(2018, 0, 1, 23, 59, 59, 999)), '23/59/');
    assert.equal(evaluated('!{timestamp:yyyy-MM-dd HH}/', Date.UTC(2018, 11, 31, 16), 'Asia/Tokyo'), '2019-01-01 01/');
  });

  test('a new random string for every !{firehose:random-string}', () => {
    let n = 0;
    const out = evaluatePrefix(parsePrefix('!{firehose:random-string}/!{firehose:random-string}/', 'Prefix'), { at: AUG_27_2018, random: () => `r${n++}` });
    assert.equal(out, 'r0/r1/2018/08/27/10/');
  });
});

describe('Java DateTimeFormatter patterns', () => {
  const at = wallClock(Date.UTC(2018, 8, 5, 7, 4, 9, 12));
  const f = (p: string) => formatParts(compilePattern(p), at);

  test('numbers, names and quoted text format as Java formats them', () => {
    assert.equal(f('yyyy-MM-dd HH:mm:ss.SSS'), '2018-09-05 07:04:09.012');
    assert.equal(f('yy/M/d H:m:s'), '18/9/5 7:4:9');
    assert.equal(f('MMM MMMM EEE EEEE a hh'), 'Sep September Wed Wednesday AM 07');
    assert.equal(f("'year='yyyy'/'"), 'year=2018/');
    assert.equal(f("'o''clock' h"), "o'clock 7");
    assert.equal(f('DDD QQQ uuuu'), '248 Q3 2018');
    assert.equal(f('Z XXX'), '+0000 Z');
  });

  test('unknown letters and too many letters are refused with Java’s words', () => {
    assert.throws(() => compilePattern('yyyy-bb'), /Unknown pattern letter: b/);
    assert.throws(() => compilePattern('HHH'), /Too many pattern letters: H/);
    assert.throws(() => compilePattern("'open"), /incomplete string literal/);
    assert.throws(() => compilePattern('yyyy#'), /reserved character/);
  });
});

describe('the semantic rules, checked when a stream is made or updated', () => {
  test('ErrorOutputPrefix cannot be null or empty when Prefix contains expressions (AWS words it so)', () => {
    refused('!{timestamp:yyyy/MM/dd}', undefined, /ErrorOutputPrefix cannot be null or empty when Prefix contains expressions$/);
    refused('!{timestamp:yyyy/MM/dd}', '', /ErrorOutputPrefix cannot be null or empty/);
    checkPrefixes('!{timestamp:yyyy/MM/dd}', 'errors/!{firehose:error-output-type}/');
    checkPrefixes('plain/', undefined);
  });

  test('Prefix cannot contain !{firehose:error-output-type}', () => {
    refused('x/!{firehose:error-output-type}/', 'e/!{firehose:error-output-type}', /Prefix cannot contain !\{firehose:error-output-type\}/);
  });

  test('an ErrorOutputPrefix with expressions must include !{firehose:error-output-type}', () => {
    refused('a/', 'errors/!{timestamp:yyyy}/', /at least one !\{firehose:error-output-type\}/);
    checkPrefixes('a/', 'errors/');
  });

  test('!{ only starts a !{namespace:value} expression, of a namespace and value Firehose knows', () => {
    refused('a/!{timestamp', undefined, /The sequence !\{ can only appear/);
    refused('a/!{nothing}/', undefined, /The sequence !\{ can only appear/);
    refused('a/!{moon:phase}/', 'e/!{firehose:error-output-type}', /moon is not a valid namespace/);
    refused('a/!{firehose:uuid}/', 'e/!{firehose:error-output-type}', /uuid is not a valid value of the firehose namespace/);
    refused('a/!{partitionKeyFromQuery:id}/', 'e/!{firehose:error-output-type}', /dynamic partitioning/);
    refused('a/!{timestamp:yyyy-bb}/', 'e/!{firehose:error-output-type}', /Unknown pattern letter: b/);
  });

  test('neither prefix may be longer than 512 characters once evaluated', () => {
    checkPrefixes('p'.repeat(498), undefined);
    refused('p'.repeat(499), undefined, /greater than 512 characters/);
    refused('a/!{timestamp:yyyy}', `e/!{firehose:error-output-type}/${'!{timestamp:MMMM}'.repeat(60)}`, /greater than 512/);
  });
});

describe('object keys', () => {
  test('<prefix><stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid>, with .gz for GZIP and FileExtension when set', () => {
    const d = describedDestination({ RoleARN: 'arn:aws:iam::111122223333:role/r', BucketARN: 'arn:aws:s3:::b', CompressionFormat: 'GZIP' });
    const parts = { streamName: 'events', versionId: 3, oldestArrival: Date.UTC(2026, 0, 2, 3, 4, 5), uuid: '0b6f3c1e-0000-4000-8000-000000000000', random };
    assert.equal(objectKey(d, parts), '2026/01/02/03/events-3-2026-01-02-03-04-05-0b6f3c1e-0000-4000-8000-000000000000.gz');
    const plain = describedDestination({ RoleARN: 'arn:aws:iam::111122223333:role/r', BucketARN: 'arn:aws:s3:::b', Prefix: 'in/!{timestamp:yyyy}/', ErrorOutputPrefix: 'err/!{firehose:error-output-type}/', FileExtension: '.json' });
    assert.equal(objectKey(plain, parts), 'in/2026/events-3-2026-01-02-03-04-05-0b6f3c1e-0000-4000-8000-000000000000.json');
    const tokyo = describedDestination({ RoleARN: 'arn:aws:iam::111122223333:role/r', BucketARN: 'arn:aws:s3:::b', CustomTimeZone: 'Asia/Tokyo' });
    assert.equal(objectKey(tokyo, parts), '2026/01/02/12/events-3-2026-01-02-12-04-05-0b6f3c1e-0000-4000-8000-000000000000');
  });
});
