// Numeric operators: integers and decimals compared as numbers; a value that is not a number
// matches nothing (IAM User Guide, "Numeric condition operators"). IAM does not refuse a value
// that is not a number, nor one beyond 64 bits, when a policy is written; values compare exactly as
// decimals, so digits past a double's precision (9223372036854775807 against …806) still count.
import type { ValueTest } from './test-type.js';

export type NumericOperator =
  | 'NumericEquals' | 'NumericNotEquals' | 'NumericLessThan' | 'NumericLessThanEquals' | 'NumericGreaterThan' | 'NumericGreaterThanEquals';

const NUMBER = /^\s*([-+]?)(\d+\.?\d*|\.\d+)(?:[eE]([-+]?\d+))?\s*$/;

export function parseNumber(value: string): number | undefined {
  return NUMBER.test(value) ? Number(value) : undefined;
}

/** A decimal as sign, significant digits (no leading or trailing zeros) and the power of ten of the first digit. */
interface Decimal {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: number;
}

export function parseDecimal(value: string): Decimal | undefined {
  const m = NUMBER.exec(value);
  if (!m) return undefined;
  const [, sign, mantissa, exp] = m;
  const dot = mantissa!.indexOf('.');
  const whole = dot < 0 ? mantissa! : mantissa!.slice(0, dot);
  const all = whole + (dot < 0 ? '' : mantissa!.slice(dot + 1));
  const lead = all.search(/[1-9]/);
  if (lead < 0) return { negative: false, digits: '', exponent: 0 };
  const exponent = whole.length - lead - 1 + (exp ? Number(exp) : 0);
  return { negative: sign === '-', digits: all.slice(lead).replace(/0+$/, ''), exponent };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const sa = a.digits === '' ? 0 : a.negative ? -1 : 1;
  const sb = b.digits === '' ? 0 : b.negative ? -1 : 1;
  if (sa !== sb || sa === 0) return Math.sign(sa - sb);
  let magnitude: number;
  if (a.exponent !== b.exponent) magnitude = a.exponent > b.exponent ? 1 : -1;
  else {
    const n = Math.max(a.digits.length, b.digits.length);
    const x = a.digits.padEnd(n, '0');
    const y = b.digits.padEnd(n, '0');
    magnitude = x === y ? 0 : x > y ? 1 : -1;
  }
  return sa * magnitude;
}

export function compileNumericTest(operator: NumericOperator, values: readonly string[]): ValueTest {
  const policy = values.map(parseDecimal).filter((n): n is Decimal => n !== undefined);
  const cmp = comparison(operator);
  return (r) => {
    const n = parseDecimal(r);
    if (n === undefined) return false;
    for (let i = 0; i < policy.length; i++) if (cmp(compareDecimals(n, policy[i]!))) return true;
    return false;
  };
}

/** Whether the request value's order against a policy value (-1, 0, 1) satisfies the operator. */
function comparison(operator: NumericOperator): (order: number) => boolean {
  switch (operator) {
    case 'NumericEquals':
    case 'NumericNotEquals':
      return (o) => o === 0;
    case 'NumericLessThan':
      return (o) => o < 0;
    case 'NumericLessThanEquals':
      return (o) => o <= 0;
    case 'NumericGreaterThan':
      return (o) => o > 0;
    case 'NumericGreaterThanEquals':
      return (o) => o >= 0;
  }
}
