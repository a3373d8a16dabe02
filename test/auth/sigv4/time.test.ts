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
