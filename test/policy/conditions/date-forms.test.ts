// The Date* operators on the ISO 8601 forms IAM reads (calendar, ordinal and week dates; reduced
// times; fractions of any time element; offsets to the second) and at their boundaries: each value
// names the instant ISO 8601 gives it, checked against Date.UTC. IAM User Guide, "Date condition
// operators": "You must specify date/time values with one of the W3C implementations of the ISO
// 8601 date formats or in epoch (UNIX) time".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateValue } from '../../../src/policy/conditions/date.js';
import { allowedWhen } from './support.js';

const H = 3_600_000;
const M = 60_000;

test('leap days exist in leap years only: every 4th year, not every 100th, every 400th', () => {
  assert.equal(parseDateValue('2024-02-29'), Date.UTC(2024, 1, 29));
  assert.equal(parseDateValue('2000-02-29'), Date.UTC(2000, 1, 29));
  for (const bad of ['2023-02-29', '1900-02-29', '2100-02-29']) assert.equal(parseDateValue(bad), undefined, bad);
  assert.equal(parseDateValue('2023-02-28'), Date.UTC(2023, 1, 28));
});

test('months have their own lengths; month and day 0 and month 13 do not exist', () => {
  assert.equal(parseDateValue('2026-04-30'), Date.UTC(2026, 3, 30));
  assert.equal(parseDateValue('2026-12-31'), Date.UTC(2026, 11, 31));
  assert.equal(parseDateValue('2026-03-31'), Date.UTC(2026, 2, 31));
  for (const bad of ['2026-04-31', '2026-06-31', '2026-01-00', '2026-00-10', '2026-13', '2026-01-32', '2026-01-', '2026--01'])
    assert.equal(parseDateValue(bad), undefined, bad);
});

test('a reduced date (year and month, or a year before T) names the first day', () => {
  assert.equal(parseDateValue('2026-12'), Date.UTC(2026, 11, 1));
  assert.equal(parseDateValue('2026-03T'), Date.UTC(2026, 2, 1));
  assert.equal(parseDateValue('2026T'), Date.UTC(2026, 0, 1));
  assert.equal(parseDateValue('1969-12-31'), Date.UTC(1969, 11, 31));
  assert.equal(parseDateValue('1600-03-01'), Date.UTC(1600, 2, 1));
});

test('ordinal dates count days from 1 to 365, or 366 in a leap year', () => {
  assert.equal(parseDateValue('2026-001'), Date.UTC(2026, 0, 1));
  assert.equal(parseDateValue('2026-365'), Date.UTC(2026, 11, 31));
  assert.equal(parseDateValue('2024-366'), Date.UTC(2024, 11, 31));
  assert.equal(parseDateValue('2024-060'), Date.UTC(2024, 1, 29));
  for (const bad of ['2026-000', '2026-366', '2024-367']) assert.equal(parseDateValue(bad), undefined, bad);
});

test('week dates: week 1 holds the first Thursday, weeks run Monday (1) to Sunday (7), a year has 52 or 53', () => {
  assert.equal(parseDateValue('2026-W05-3'), Date.UTC(2026, 0, 28));
  assert.equal(parseDateValue('2026-W05'), Date.UTC(2026, 0, 26));
  assert.equal(parseDateValue('2026-W01-7'), Date.UTC(2026, 0, 4));
  assert.equal(parseDateValue('2026-W53-7'), Date.UTC(2027, 0, 3), '2026 begins on a Thursday: 53 weeks');
  assert.equal(parseDateValue('2025-W52-7'), Date.UTC(2025, 11, 28));
  assert.equal(parseDateValue('2024-W01-1'), Date.UTC(2024, 0, 1));
  for (const bad of ['2025-W53', '2026-W00', '2026-W54-1', '2026-W05-0', '2026-W05-8', '2026-W', '2026-W05-'])
    assert.equal(parseDateValue(bad), undefined, bad);
});

test('times: hours to 23, minutes and seconds to 59; a reduced time names its start', () => {
  assert.equal(parseDateValue('2026-01-01T23:59:59Z'), Date.UTC(2026, 0, 1, 23, 59, 59));
  assert.equal(parseDateValue('2026-01-01T10'), Date.UTC(2026, 0, 1, 10));
  assert.equal(parseDateValue('2026-01-01T10:05'), Date.UTC(2026, 0, 1, 10, 5));
  assert.equal(parseDateValue('2026-01-01T00:00:00'), Date.UTC(2026, 0, 1));
  for (const bad of ['2026-01-01T24', '2026-01-01T10:60', '2026-01-01T10:30:60', '2026-01-01T10:', '2026-01-01T10:30:', '2026-01-01Tx'])
    assert.equal(parseDateValue(bad), undefined, bad);
});

test('a fraction may end any time element, with . or , and up to nine digits (truncated to the millisecond)', () => {
  assert.equal(parseDateValue('2026-01-01T10.5'), Date.UTC(2026, 0, 1, 10, 30));
  assert.equal(parseDateValue('2026-01-01T10:30.5'), Date.UTC(2026, 0, 1, 10, 30, 30));
  assert.equal(parseDateValue('2026-01-01T10:30:15,25Z'), Date.UTC(2026, 0, 1, 10, 30, 15, 250));
  assert.equal(parseDateValue('2026-01-01T10:30:15.123456789Z'), Date.UTC(2026, 0, 1, 10, 30, 15, 123));
  assert.equal(parseDateValue('2026-01-01T10:30:15.0009Z'), Date.UTC(2026, 0, 1, 10, 30, 15));
  for (const bad of ['2026-01-01T10:30:15.Z', '2026-01-01T10.', '2026-01-01T10:30,'])
    assert.equal(parseDateValue(bad), undefined, bad);
});

test('offsets: Z, ±hh, ±hh:mm, ±hhmm, ±hh:mm:ss, ±hhmmss, ±hh:mm:ss.sss — local time minus the offset is UTC', () => {
  const base = Date.UTC(2026, 0, 1, 12);
  assert.equal(parseDateValue('2026-01-01T12:00:00+05'), base - 5 * H);
  assert.equal(parseDateValue('2026-01-01T12:00:00-05:30'), base + 5 * H + 30 * M);
  assert.equal(parseDateValue('2026-01-01T12:00:00+0530'), base - 5 * H - 30 * M);
  assert.equal(parseDateValue('2026-01-01T12:00:00+05:30:15'), base - 5 * H - 30 * M - 15_000);
  assert.equal(parseDateValue('2026-01-01T12:00:00+053015'), base - 5 * H - 30 * M - 15_000);
  assert.equal(parseDateValue('2026-01-01T12:00:00+05:30:15.500'), base - 5 * H - 30 * M - 15_500);
  assert.equal(parseDateValue('2026-01-01T12:00:00-23:59'), base + 23 * H + 59 * M);
  assert.equal(parseDateValue('2026-01-01T+01:00'), Date.UTC(2026, 0, 1) - H, 'an offset alone after T');
  assert.equal(parseDateValue('2026-01-01T-01'), Date.UTC(2026, 0, 1) + H);
  for (const bad of ['2026-01-01T12:00:00+24', '2026-01-01T12:00:00+05:60', '2026-01-01T12:00:00+05:30:60', '2026-01-01T12:00:00+05:30:15.5',
    '2026-01-01T12:00:00Zx', '2026-01-01T12:00:00+05:30x', '2026-01-01T12:00:00x', '2026-01-01T+01:00x', '2026-01-01T12:00:00+5:30', '2026-01-01T12:00:00+05:3'])
    assert.equal(parseDateValue(bad), undefined, bad);
});

test('signed years and their bounds; epoch seconds from 0 to 2^63 - 1', () => {
  assert.equal(parseDateValue('-0001-01-01'), new Date('-000001-01-01T00:00:00Z').getTime());
  assert.equal(parseDateValue('+2026-01-01'), Date.UTC(2026, 0, 1));
  assert.notEqual(parseDateValue('292278993-01-01'), undefined);
  assert.notEqual(parseDateValue('-292275054-01-01'), undefined);
  for (const bad of ['292278994-01-01', '-292275055-01-01', '-', 'T', '2026-01-01T12:00:00.5x']) assert.equal(parseDateValue(bad), undefined, bad);
  assert.equal(parseDateValue('0'), 0);
  assert.equal(parseDateValue('1735689600'), Date.UTC(2025, 0, 1));
});

const at = (op: string, policy: string, request: string) => allowedWhen({ [op]: { 'aws:CurrentTime': policy } }, { 'aws:CurrentTime': request });

test('each Date operator at, before and after its bound', () => {
  const bound = '2026-06-01T00:00:00Z';
  const before = '2026-05-31T23:59:59Z';
  const after = '2026-06-01T00:00:01Z';
  const table: [string, boolean, boolean, boolean][] = [
    // operator, before, at, after
    ['DateEquals', false, true, false],
    ['DateNotEquals', true, false, true],
    ['DateLessThan', true, false, false],
    ['DateLessThanEquals', true, true, false],
    ['DateGreaterThan', false, false, true],
    ['DateGreaterThanEquals', false, true, true],
  ];
  for (const [op, b, a, f] of table) {
    assert.equal(at(op, bound, before), b, `${op} before`);
    assert.equal(at(op, bound, bound), a, `${op} at`);
    assert.equal(at(op, bound, after), f, `${op} after`);
  }
});

test('a request value that is no date matches no Date operator; several policy values are ORed', () => {
  assert.equal(at('DateLessThan', '2026-06-01T00:00:00Z', 'yesterday'), false);
  assert.equal(at('DateGreaterThan', '2026-06-01T00:00:00Z', 'yesterday'), false);
  assert.equal(allowedWhen({ DateEquals: { 'aws:CurrentTime': ['2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z'] } }, { 'aws:CurrentTime': '2026-06-01T00:00:00Z' }), true);
});

test('more edges: ordinal days with a 9, April in a leap year, a lowercase z after T, offsets with seconds 59 and a comma fraction', () => {
  assert.equal(parseDateValue('2026-009'), Date.UTC(2026, 0, 9));
  assert.equal(parseDateValue('2026-199'), Date.UTC(2026, 6, 18));
  assert.equal(parseDateValue('2024-04-30'), Date.UTC(2024, 3, 30));
  assert.equal(parseDateValue('2024-04-31'), undefined);
  assert.equal(parseDateValue('2026-01-01Tz'), Date.UTC(2026, 0, 1));
  assert.equal(parseDateValue('2026-01-01T12:00:00+05:30:59'), Date.UTC(2026, 0, 1, 12) - (5 * H + 30 * M + 59_000));
  assert.equal(parseDateValue('2026-01-01T12:00:00+05:30:15,500'), Date.UTC(2026, 0, 1, 12) - (5 * H + 30 * M + 15_500));
  for (const bad of ['2026-01-01T+', '2026-01-01T10:00:00x05']) assert.equal(parseDateValue(bad), undefined, bad);
});
