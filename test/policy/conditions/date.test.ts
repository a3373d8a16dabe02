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
