// String operators: StringEquals, StringEqualsIgnoreCase, StringLike and their negations compile to
// one positive test; policy variables are allowed in their values.
import type { ValueTest } from './test-type.js';
import { compileTemplate, resolveTemplate, type Template } from '../match/variables.js';
import { hasWildcard, matchesWildcard, unescape } from '../match/wildcard.js';

export type StringOperator =
  | 'StringEquals' | 'StringNotEquals' | 'StringEqualsIgnoreCase' | 'StringNotEqualsIgnoreCase' | 'StringLike' | 'StringNotLike';

export function compileStringTest(operator: StringOperator, values: readonly string[], substitute: boolean): ValueTest {
  const like = operator === 'StringLike' || operator === 'StringNotLike';
  const ignoreCase = operator === 'StringEqualsIgnoreCase' || operator === 'StringNotEqualsIgnoreCase';
  const exact = new Set<string>();
  const globs: string[] = [];
  const templates: Template[] = [];
  for (const v of values) {
    const t = compileTemplate(v, substitute, like);
    if (t) templates.push(t);
    else if (like && hasWildcard(v)) globs.push(v);
    else exact.add(ignoreCase ? v.toLowerCase() : like ? unescape(v) : v);
  }
  if (templates.length === 0 && globs.length === 0) {
    return ignoreCase ? (r) => exact.has(r.toLowerCase()) : (r) => exact.has(r);
  }
  return (r, source) => {
    if (exact.has(ignoreCase ? r.toLowerCase() : r)) return true;
    for (let i = 0; i < globs.length; i++) if (matchesWildcard(globs[i]!, r)) return true;
    for (let i = 0; i < templates.length; i++) {
      const v = resolveTemplate(templates[i]!, source);
      if (v === undefined) continue;
      if (like ? matchesWildcard(v, r) : ignoreCase ? v.toLowerCase() === r.toLowerCase() : v === r) return true;
    }
    return false;
  };
}
