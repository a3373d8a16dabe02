// Helpers for the policy check tests: documents in, findings out, and where a needle stands.
import { validatePolicy, type Finding, type PolicyKind } from '../../../src/policy/index.js';

/** A pretty-printed document of the statements, as people write policies. */
export const doc = (statements: object[], top: object = { Version: '2012-10-17' }) => JSON.stringify({ ...top, Statement: statements }, null, 2);

/** The 1-based line and column of the `n`th occurrence of `needle` in `text`. */
export function posOf(text: string, needle: string, n = 0): { line: number; column: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${needle} (${n}) not in the text`);
  }
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** The findings of the given codes (or all), as [findingType, code, line, column]. */
export function found(text: string, kind: PolicyKind, codes?: readonly string[]): [Finding['findingType'], string, number, number][] {
  return validatePolicy(text, kind).filter((f) => !codes || codes.includes(f.code)).map((f) => [f.findingType, f.code, f.line, f.column]);
}

/** [findingType, code, line, column] for a finding expected at `needle`. */
export const at = (type: Finding['findingType'], code: string, text: string, needle: string, n = 0): [Finding['findingType'], string, number, number] => {
  const p = posOf(text, needle, n);
  return [type, code, p.line, p.column];
};
