// SigV4 timestamps in ISO-8601 basic format, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAmzDate, formatAmzDate } from '../../../src/auth/sigv4/index.js';

test('a basic-format timestamp reads as its UTC time and formats back', () => {
  const ms = parseAmzDate('20150830T123600Z');
  assert.equal(ms, Date.UTC(2015, 7, 30, 12, 36, 0));
  assert.equal(formatAmzDate(ms), '20150830T123600Z');
  assert.equal(formatAmzDate(ms + 999), '20150830T123600Z');
});

test('timestamps that are not basic-format UTC or not real dates read as NaN', () => {
  for (const bad of ['2015-08-30T12:36:00Z', '20150830T123600', '20150830 123600Z', '20150230T123600Z', '20151330T000000Z', '20150830T246000Z', 'abcdefghTijklmnZ', '']) {
    assert.ok(Number.isNaN(parseAmzDate(bad)), bad);
  }
});

test('each field is held to its range: month 01-12, hour to 23, minute to 59; every digit 0-9 reads', () => {
  for (const bad of ['20150030T000000Z', '20150830T126000Z', '20150830T123661Z', '2015083/T123600Z', '2015083:T123600Z', '20150830X123600Z', '20150830T123600z', '20150830T12360:Z']) {
    assert.ok(Number.isNaN(parseAmzDate(bad)), bad);
  }
  const good: [string, number][] = [
    ['20151231T235959Z', Date.UTC(2015, 11, 31, 23, 59, 59)],
    ['20150101T000000Z', Date.UTC(2015, 0, 1, 0, 0, 0)],
    ['20190909T090909Z', Date.UTC(2019, 8, 9, 9, 9, 9)],
    ['20240229T120000Z', Date.UTC(2024, 1, 29, 12, 0, 0)],
  ];
  for (const [text, ms] of good) assert.equal(parseAmzDate(text), ms, text);
  assert.ok(Number.isNaN(parseAmzDate('20230229T120000Z')), 'no 29 February in 2023');
});

test('the same timestamp read twice, or after another, reads the same', () => {
  assert.equal(parseAmzDate('20150830T123600Z'), Date.UTC(2015, 7, 30, 12, 36, 0));
  assert.ok(Number.isNaN(parseAmzDate('20150830T123600')));
  assert.ok(Number.isNaN(parseAmzDate('20150830T123600')));
  assert.equal(parseAmzDate('20150830T123601Z'), Date.UTC(2015, 7, 30, 12, 36, 1));
  assert.equal(parseAmzDate('20150830T123601Z'), Date.UTC(2015, 7, 30, 12, 36, 1));
});

test('a timestamp with anything after its Z reads as NaN', () => {
  for (const bad of ['20150830T123600Z0', '20150830T123600ZZ', '20150830T123600Z ']) assert.ok(Number.isNaN(parseAmzDate(bad)), bad);
});
