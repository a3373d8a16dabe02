// Date values for the Date* operators: ISO 8601 forms and epoch seconds, as instants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateValue } from '../../../src/policy/conditions/date.js';

test('ISO 8601 dates, date-times, offsets and fractions parse to the same instant as Date.UTC', () => {
  assert.equal(parseDateValue('2025-01-01'), Date.UTC(2025, 0, 1));
  assert.equal(parseDateValue('2025-01-01T12:30:00Z'), Date.UTC(2025, 0, 1, 12, 30));
  assert.equal(parseDateValue('2025-01-01t12:30:00z'), Date.UTC(2025, 0, 1, 12, 30));
  assert.equal(parseDateValue('2025-01-01T12:30:00+02:00'), Date.UTC(2025, 0, 1, 10, 30));
  assert.equal(parseDateValue('2025-01-01T12:30:00.250Z'), Date.UTC(2025, 0, 1, 12, 30, 0, 250));
});

test('epoch seconds parse; words and impossible dates do not', () => {
  assert.equal(parseDateValue('1735689600'), Date.UTC(2025, 0, 1));
  for (const bad of ['yesterday', '2025-13-01', '2025-01-01T25:00:00Z', '']) assert.equal(parseDateValue(bad), undefined, bad);
});

test('what IAM was seen to accept: one-digit hours, two-digit offsets, a year before a bare T, signed years', () => {
  assert.equal(parseDateValue('2016-12-13t2:00:00.593194+23'), Date.UTC(2016, 11, 12, 3, 0, 0, 593));
  assert.equal(parseDateValue('01T'), new Date('0001-01-01T00:00:00Z').getTime());
  assert.ok(parseDateValue('-292275054')! < new Date('-271821-04-20T00:00:00Z').getTime());
  assert.equal(parseDateValue('2026-01-01T00:00:00-0130'), Date.UTC(2026, 0, 1, 1, 30));
  assert.equal(parseDateValue('2026-01-01T10:30'), Date.UTC(2026, 0, 1, 10, 30));
  assert.equal(parseDateValue('2026-01-01TZ'), Date.UTC(2026, 0, 1));
});

test('ordinal and week dates name the same days as calendar dates', () => {
  assert.equal(parseDateValue('2026-032'), Date.UTC(2026, 1, 1));
  assert.equal(parseDateValue('2026-W01-1'), Date.UTC(2025, 11, 29));
  assert.equal(parseDateValue('2020-W53-7'), Date.UTC(2021, 0, 3));
});

test('what IAM refuses: one-digit offsets, ten-digit fractions, impossible days, epochs with fractions or beyond 64 bits', () => {
  for (const bad of ['2016-12-13t2:00:00.593194+1', '2016-12-13t2:00:00.1999999999+10:59', '234-13', '2026-02-30', '2026-01-01Z',
    '1767225600.5', '9223372036854775808', '1e9', '2026-W54']) assert.equal(parseDateValue(bad), undefined, bad);
  assert.equal(parseDateValue('9223372036854775807'), 9223372036854775807 * 1000);
});
