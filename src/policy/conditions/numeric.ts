// Numeric operators: integers and decimals compared as numbers; a value that is not a number
// matches nothing (IAM User Guide, "Numeric condition operators").
import type { ValueTest } from './test-type.js';

export type NumericOperator =
  | 'NumericEquals' | 'NumericNotEquals' | 'NumericLessThan' | 'NumericLessThanEquals' | 'NumericGreaterThan' | 'NumericGreaterThanEquals';

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

export function parseNumber(value: string): number | undefined {
  return NUMBER.test(value) ? Number(value) : undefined;
}

export function compileNumericTest(operator: NumericOperator, values: readonly string[]): ValueTest {
  const policy = values.map(parseNumber).filter((n): n is number => n !== undefined);
  const cmp = comparison(operator);
  return (r) => {
    const n = parseNumber(r);
    if (n === undefined) return false;
    for (let i = 0; i < policy.length; i++) if (cmp(n, policy[i]!)) return true;
    return false;
  };
}

function comparison(operator: NumericOperator): (r: number, p: number) => boolean {
  switch (operator) {
    case 'NumericEquals':
    case 'NumericNotEquals':
      return (r, p) => r === p;
    case 'NumericLessThan':
      return (r, p) => r < p;
    case 'NumericLessThanEquals':
      return (r, p) => r <= p;
    case 'NumericGreaterThan':
      return (r, p) => r > p;
    case 'NumericGreaterThanEquals':
      return (r, p) => r >= p;
  }
}
