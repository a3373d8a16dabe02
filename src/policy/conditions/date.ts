// Date* operators: values are ISO 8601 date-times or epoch seconds, compared as instants
// (IAM User Guide, "Date condition operators": "You must specify date/time values with one of the
// W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time").
//
// IAM reads a value with a `T` or a `-` in it as ISO 8601 and any other as epoch seconds, a whole
// number of at most 2^63 - 1; one that reads as neither fails "legacy parsing". Its ISO 8601 reader
// is lenient the way a general ISO parser is (what IAM was seen to accept and refuse, as recorded in
// moto's IAM policy tests): one-digit fields ("2016-12-13t2:00:00"), `t`/`z` in either case, a
// year alone before the `T` ("01T"), signed years from -292275054 to 292278993, fractions of up to
// nine digits, offsets of two-digit hours ("+23", "+01:00", "+0100"), and besides calendar dates
// ordinal ("2026-032") and week ("2026-W05-3") dates. Impossible dates (2026-02-30) are refused.

const MAX_EPOCH = 9223372036854775807n;
const MIN_YEAR = -292275054;
const MAX_YEAR = 292278993;
const DAY = 86_400_000;

/** Milliseconds since the epoch for an ISO 8601 or epoch-seconds value; undefined when neither. */
export function parseDateValue(value: string): number | undefined {
  if (!/[Tt-]/.test(value)) {
    if (!/^\+?\d+$/.test(value)) return undefined;
    const seconds = BigInt(value);
    return seconds > MAX_EPOCH ? undefined : Number(seconds) * 1000;
  }
  return parseIso(value);
}

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1-12). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDays = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!);

/** ISO weekday 1 (Monday) … 7 (Sunday) of a day count from the epoch (1970-01-01 was a Thursday). */
const weekday = (days: number) => ((((days + 3) % 7) + 7) % 7) + 1;

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  peek(): string | undefined {
    return this.s[this.i];
  }
  is(...chars: string[]): boolean {
    const c = this.s[this.i];
    return c !== undefined && chars.includes(c);
  }
  /** A run of `min`…`max` digits, or undefined (nothing consumed) when fewer than `min`. */
  digits(min: number, max: number): { value: number; length: number } | undefined {
    let j = this.i;
    while (j < this.s.length && j - this.i < max && this.s.charCodeAt(j) >= 48 && this.s.charCodeAt(j) <= 57) j++;
    if (j - this.i < min) return undefined;
    const text = this.s.slice(this.i, j);
    this.i = j;
    return { value: Number(text), length: text.length };
  }
  /** How many digits follow, without consuming them. */
  digitRun(): number {
    let j = this.i;
    while (j < this.s.length && this.s.charCodeAt(j) >= 48 && this.s.charCodeAt(j) <= 57) j++;
    return j - this.i;
  }
}

function parseIso(value: string): number | undefined {
  const c = new Cursor(value);
  let days = 0;
  if (!c.is('T', 't')) {
    const d = dateElement(c);
    if (d === undefined) return undefined;
    days = d;
    if (c.i === value.length) return days * DAY;
    if (!c.is('T', 't')) return undefined;
    c.i++;
    if (c.i === value.length) return days * DAY;
    // After the `T`: a time, an offset, or both.
    if (c.is('Z', 'z', '+', '-')) {
      const offset = offsetElement(c);
      return offset === undefined || c.i !== value.length ? undefined : days * DAY - offset;
    }
  } else {
    c.i++;
  }
  const time = timeElement(c);
  if (time === undefined) return undefined;
  let offset = 0;
  if (c.i < value.length) {
    const o = offsetElement(c);
    if (o === undefined) return undefined;
    offset = o;
  }
  return c.i === value.length ? days * DAY + time - offset : undefined;
}

/** yyyy ['-' MM ['-' dd]] | yyyy '-' DDD | yyyy '-W' ww ['-' e]: the day count from the epoch. */
function dateElement(c: Cursor): number | undefined {
  let sign = 1;
  if (c.is('-', '+')) {
    sign = c.peek() === '-' ? -1 : 1;
    c.i++;
  }
  const y = c.digits(1, 9);
  if (!y) return undefined;
  const year = sign * y.value;
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  if (!c.is('-')) return daysFromCivil(year, 1, 1);
  c.i++;
  if (c.is('W', 'w')) {
    c.i++;
    const w = c.digits(1, 2);
    if (!w) return undefined;
    let dow = 1;
    if (c.is('-')) {
      c.i++;
      const e = c.digits(1, 1);
      if (!e) return undefined;
      dow = e.value;
    }
    // Week 1 is the week with the year's first Thursday; weeks run Monday to Sunday.
    const jan4 = daysFromCivil(year, 1, 4);
    const week1Monday = jan4 - (weekday(jan4) - 1);
    const nextWeek1Monday = daysFromCivil(year + 1, 1, 4) - (weekday(daysFromCivil(year + 1, 1, 4)) - 1);
    const weeks = (nextWeek1Monday - week1Monday) / 7;
    if (w.value < 1 || w.value > weeks || dow < 1 || dow > 7) return undefined;
    return week1Monday + (w.value - 1) * 7 + (dow - 1);
  }
  if (c.digitRun() === 3) {
    const doy = c.digits(3, 3)!.value;
    if (doy < 1 || doy > (isLeap(year) ? 366 : 365)) return undefined;
    return daysFromCivil(year, 1, 1) + doy - 1;
  }
  const m = c.digits(1, 2);
  if (!m || m.value < 1 || m.value > 12) return undefined;
  let day = 1;
  if (c.is('-')) {
    c.i++;
    const d = c.digits(1, 2);
    if (!d) return undefined;
    day = d.value;
  }
  if (day < 1 || day > monthDays(year, m.value)) return undefined;
  return daysFromCivil(year, m.value, day);
}

/** A decimal fraction (`.` or `,`, one to nine digits) of `unit` milliseconds, truncated to a millisecond. */
function fraction(c: Cursor, unit: number): number | undefined {
  if (!c.is('.', ',')) return 0;
  c.i++;
  const f = c.digits(1, 9);
  if (!f) return undefined;
  return Math.floor((f.value / 10 ** f.length) * unit);
}

/** HH [':' mm [':' ss [fraction]] | fraction] | fraction]: milliseconds into the day. */
function timeElement(c: Cursor): number | undefined {
  const h = c.digits(1, 2);
  if (!h || h.value > 23) return undefined;
  let ms = h.value * 3_600_000;
  if (!c.is(':')) {
    const f = fraction(c, 3_600_000);
    return f === undefined ? undefined : ms + f;
  }
  c.i++;
  const m = c.digits(1, 2);
  if (!m || m.value > 59) return undefined;
  ms += m.value * 60_000;
  if (!c.is(':')) {
    const f = fraction(c, 60_000);
    return f === undefined ? undefined : ms + f;
  }
  c.i++;
  const s = c.digits(1, 2);
  if (!s || s.value > 59) return undefined;
  const f = fraction(c, 1000);
  return f === undefined ? undefined : ms + s.value * 1000 + f;
}

/** 'Z' | ('+' | '-') HH [[':'] mm [[':'] ss ['.' SSS]]]: the offset from UTC in milliseconds. */
function offsetElement(c: Cursor): number | undefined {
  if (c.is('Z', 'z')) {
    c.i++;
    return 0;
  }
  if (!c.is('+', '-')) return undefined;
  const sign = c.peek() === '-' ? -1 : 1;
  c.i++;
  const h = c.digits(2, 2);
  if (!h || h.value > 23) return undefined;
  let ms = h.value * 3_600_000;
  const separated = c.is(':');
  if (separated) c.i++;
  else if (c.digitRun() === 0) return sign * ms;
  const m = c.digits(2, 2);
  if (!m || m.value > 59) return undefined;
  ms += m.value * 60_000;
  if (separated ? !c.is(':') : c.digitRun() === 0) return sign * ms;
  if (separated) c.i++;
  const s = c.digits(2, 2);
  if (!s || s.value > 59) return undefined;
  ms += s.value * 1000;
  if (c.is('.', ',')) {
    c.i++;
    const f = c.digits(3, 3);
    if (!f) return undefined;
    ms += f.value;
  }
  return sign * ms;
}

export type DateOperator =
  | 'DateEquals' | 'DateNotEquals' | 'DateLessThan' | 'DateLessThanEquals' | 'DateGreaterThan' | 'DateGreaterThanEquals';

/** The positive comparison of a Date operator (DateNotEquals compares as DateEquals, then negates). */
export function compileDateTest(operator: DateOperator): (request: number, policy: number) => boolean {
  switch (operator) {
    case 'DateEquals':
    case 'DateNotEquals':
      return (r, p) => r === p;
    case 'DateLessThan':
      return (r, p) => r < p;
    case 'DateLessThanEquals':
      return (r, p) => r <= p;
    case 'DateGreaterThan':
      return (r, p) => r > p;
    case 'DateGreaterThanEquals':
      return (r, p) => r >= p;
  }
}

/** The positive test of a Date operator over its policy values. */
export function compileDateFamilyTest(operator: DateOperator, values: readonly string[]): import('./test-type.js').ValueTest {
  const policy = values.map(parseDateValue).filter((n): n is number => n !== undefined);
  const cmp = compileDateTest(operator);
  return (r) => {
    const t = parseDateValue(r);
    if (t === undefined) return false;
    for (let i = 0; i < policy.length; i++) if (cmp(t, policy[i]!)) return true;
    return false;
  };
}
