// ARN patterns for Resource/NotResource and the Arn* operators: compared per colon-separated
// segment, case-sensitively. The resource part (after the fifth colon) may itself contain colons and
// slashes, and `*` there matches anything; a pattern with fewer segments whose last segment ends
// in `*` extends over the rest (IAM User Guide, "IAM JSON policy elements: Resource").
import { ESCAPE, hasWildcard, wildcardMatch } from './wildcard.js';

const COLON = 58;

/** Offsets of the first five colons of `s` (fewer when it has fewer), written into `out`; returns the count. */
function colons(s: string, out: Int32Array): number {
  let n = 0;
  for (let i = 0; i < s.length && n < 5; i++) if (s.charCodeAt(i) === COLON) out[n++] = i;
  return n;
}

const pColons = new Int32Array(5);
const tColons = new Int32Array(5);

/** Does `arn` match the (possibly wildcarded, possibly escaped) ARN `pattern`? */
export function matchesArnPattern(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const pc = colons(pattern, pColons);
  const tc = colons(arn, tColons);
  let pStart = 0;
  let tStart = 0;
  for (let seg = 0; seg < pc; seg++) {
    if (seg >= tc) return false;
    const pEnd = pColons[seg]!;
    const tEnd = tColons[seg]!;
    if (!wildcardMatch(pattern, pStart, pEnd, arn, tStart, tEnd)) return false;
    pStart = pEnd + 1;
    tStart = tEnd + 1;
  }
  // The last pattern segment: the resource part of a full pattern, or the tail of a short one,
  // which extends over the remaining segments only when it ends with an unescaped `*`.
  const pEnd = pattern.length;
  if (pc === 5) return tc === 5 && wildcardMatch(pattern, pStart, pEnd, arn, tStart, arn.length);
  const endsWithStar = pEnd > pStart && pattern.charCodeAt(pEnd - 1) === 42 && (pEnd - 2 < pStart || pattern.charCodeAt(pEnd - 2) !== 0);
  if (!endsWithStar && tc !== pc) return false;
  return wildcardMatch(pattern, pStart, pEnd, arn, tStart, arn.length);
}

/** An ARN pattern compiled once: exact text, a literal prefix then a wildcard, or per segment. */
export type ArnMatcher = (arn: string) => boolean;

export function compileArnPattern(pattern: string): ArnMatcher {
  if (pattern === '*') return () => true;
  if (!hasWildcard(pattern)) {
    const literal = pattern.includes(ESCAPE) ? pattern.replace(/\u0000(.)/gs, '$1') : pattern;
    return (arn) => arn === literal;
  }
  const cut = nthColon(pattern, 5);
  if (cut >= 0 && !hasWildcard(pattern.slice(0, cut))) {
    // The common case (`arn:aws:s3:::bucket/*`): the first five segments are literal.
    const prefix = pattern.slice(0, cut + 1);
    const rest = pattern.slice(cut + 1);
    if (rest === '*') return (arn) => arn.startsWith(prefix);
    return (arn) => arn.startsWith(prefix) && wildcardMatch(rest, 0, rest.length, arn, prefix.length, arn.length);
  }
  return (arn) => matchesArnPattern(pattern, arn);
}

function nthColon(s: string, n: number): number {
  let seen = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === COLON && ++seen === n) return i;
  return -1;
}
