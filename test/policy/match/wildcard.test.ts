// The linear wildcard matcher against a tiny recursive reference matcher, exhaustively on a small
// alphabet and by fuzzing, plus a timing guard for the input that made MinIO's old matcher take 59 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ESCAPE, escapeWildcards, hasWildcard, matchesWildcard } from '../../../src/policy/match/wildcard.js';

/** The obvious definition: exponential in the worst case, which is why it lives only here. */
function reference(p: string, s: string): boolean {
  if (p === '') return s === '';
  if (p[0] === '*') return reference(p.slice(1), s) || (s !== '' && reference(p, s.slice(1)));
  if (p[0] === ESCAPE) return s !== '' && p[1] === s[0] && reference(p.slice(2), s.slice(1));
  return s !== '' && (p[0] === '?' || p[0] === s[0]) && reference(p.slice(1), s.slice(1));
}

function* words(alphabet: string, max: number): Generator<string> {
  yield '';
  let level = [''];
  for (let n = 1; n <= max; n++) {
    const next: string[] = [];
    for (const w of level) for (const c of alphabet) next.push(w + c);
    yield* next;
    level = next;
  }
}

test('the wildcard matcher agrees with the reference on every pattern and text up to 5 characters', () => {
  const patterns = [...words('ab*?', 5)];
  const texts = [...words('ab', 5)];
  let n = 0;
  for (const p of patterns)
    for (const s of texts) {
      assert.equal(matchesWildcard(p, s), reference(p, s), `pattern ${JSON.stringify(p)} text ${JSON.stringify(s)}`);
      n++;
    }
  assert.ok(n > 40_000);
});

test('the wildcard matcher agrees with the reference on random patterns, escapes included', () => {
  const pattern = fc.array(fc.constantFrom('a', 'b', ':', '/', '*', '?', `${ESCAPE}*`, `${ESCAPE}?`), { maxLength: 10 }).map((a) => a.join(''));
  const text = fc.array(fc.constantFrom('a', 'b', ':', '/', '*', '?'), { maxLength: 12 }).map((a) => a.join(''));
  fc.assert(fc.property(pattern, text, (p, s) => matchesWildcard(p, s) === reference(p, s)), { numRuns: 20_000 });
});

// A backtracking matcher takes time exponential in the stars for these (centuries for the second):
// one that does not is done in milliseconds, so the test's timeout tells them apart on any machine.
test('a pathological pattern ("*********x" style) is matched without backtracking', { timeout: 20_000 }, () => {
  const pattern = '*'.repeat(5000) + 'x';
  const text = 'a'.repeat(50_000);
  assert.equal(matchesWildcard(pattern, text), false);
  assert.equal(matchesWildcard(pattern, text + 'x'), true);
  assert.equal(matchesWildcard('a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(100_000)), false);
  assert.equal(matchesWildcard('a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(100_000) + 'b'), true);
});

test('escaped characters are literal and hasWildcard sees through escapes', () => {
  assert.equal(matchesWildcard(escapeWildcards('a*b?'), 'a*b?'), true);
  assert.equal(matchesWildcard(escapeWildcards('a*b?'), 'aXXbY'), false);
  assert.equal(hasWildcard(escapeWildcards('a*b?')), false);
  assert.equal(hasWildcard('a*'), true);
});

test('escaping makes * and ? literal wherever they stand in a value', () => {
  assert.equal(escapeWildcards('a:b/c'), 'a:b/c', 'other characters are left as they are');
  assert.equal(escapeWildcards(`a${ESCAPE}b`), `a${ESCAPE}${ESCAPE}b`);
  assert.equal(matchesWildcard(escapeWildcards('*'), 'x'), false);
});
