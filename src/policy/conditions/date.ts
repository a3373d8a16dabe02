// Date* operators: values are ISO 8601 date-times or epoch seconds, compared as instants
// (IAM User Guide, "Date condition operators").

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^-?\d+(\.\d+)?$/;

/** Milliseconds since the epoch for an ISO 8601 or epoch-seconds value; undefined when neither. */
export function parseDateValue(value: string): number | undefined {
  // As IAM reads them: without a `T` or a `-`, a value is epoch seconds.
  if (EPOCH.test(value) && !value.includes('-')) {
    const seconds = Number(value);
    return Number.isFinite(seconds) ? seconds * 1000 : undefined;
  }
  const m = ISO.exec(value);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const month = +mo;
  const day = +d;
  if (month < 1 || month > 12 || day < 1 || day > 31 || +h > 23 || +mi > 59 || +s > 59) return undefined;
  let ms = Date.UTC(+y!, month - 1, day, +h, +mi, +s, frac ? Math.floor(+`0.${frac}` * 1000) : 0);
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (+digits.slice(0, 2) * 60 + +(digits.slice(2) || '0')) * 60_000;
  }
  return ms;
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
