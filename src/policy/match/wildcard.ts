// The wildcard matcher for `*` and `?`: greedy with one backtrack point, so time is at most
// pattern × text and never exponential (MinIO PR #261). It compares; it never builds a regex.

/** In a compiled pattern, ESCAPE makes the next character literal (from `${*}`, `${?}` or a variable value). */
export const ESCAPE = '\u0000';
const ESC = 0;
const STAR = 42; // *
const QMARK = 63; // ?

/** Does `text[tStart, tEnd)` match `pattern[pStart, pEnd)`? */
export function wildcardMatch(pattern: string, pStart: number, pEnd: number, text: string, tStart: number, tEnd: number): boolean {
  let p = pStart;
  let t = tStart;
  let starP = -1;
  let starT = 0;
  while (t < tEnd) {
    if (p < pEnd) {
      const c = pattern.charCodeAt(p);
      if (c === STAR) {
        starP = ++p;
        starT = t;
        continue;
      }
      if (c === ESC) {
        if (p + 1 < pEnd && pattern.charCodeAt(p + 1) === text.charCodeAt(t)) {
          p += 2;
          t++;
          continue;
        }
      } else if (c === QMARK || c === text.charCodeAt(t)) {
        p++;
        t++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP;
    t = ++starT;
  }
  while (p < pEnd && pattern.charCodeAt(p) === STAR) p++;
  return p === pEnd;
}

/** Whole-string form of `wildcardMatch`. */
export function matchesWildcard(pattern: string, text: string): boolean {
  return wildcardMatch(pattern, 0, pattern.length, text, 0, text.length);
}

/** Does the pattern contain an unescaped `*` or `?`? */
export function hasWildcard(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === ESC) i++;
    else if (c === STAR || c === QMARK) return true;
  }
  return false;
}

/** Makes every character of `value` literal inside a pattern. */
export function escapeWildcards(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    out += ch === '*' || ch === '?' || ch === ESCAPE ? ESCAPE + ch : ch;
  }
  return out;
}

/** Removes escapes: the literal text a pattern without wildcards stands for. */
export function unescape(pattern: string): string {
  return pattern.includes(ESCAPE) ? pattern.replace(/\u0000(.)/gs, '$1') : pattern;
}
