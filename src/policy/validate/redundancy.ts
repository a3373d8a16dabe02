// Access Analyzer's suggestions about what a policy says twice: an action another entry of the same
// Action list already grants (REDUNDANT_ACTION, judged on the Service Authorization Reference's
// action names), a resource another entry of the same Resource list already covers
// (REDUNDANT_RESOURCE), and a statement that repeats another (REDUNDANT_STATEMENT). An entry is
// redundant only when it adds nothing at all; of two entries that cover each other, the later one is.
import type { ParsedStatement } from '../types.js';
import { compileActionPattern } from '../match/action.js';
import { hasWildcard, matchesWildcard } from '../match/wildcard.js';
import type { Found } from './finding.js';
import { placedValues, type PlacedStatement } from './locate.js';
import { serviceActions } from './services.js';

/** The known actions a pattern matches (lower-case `prefix:name`), or undefined for `*` services or unknown ones. */
function knownMatches(pattern: string): Set<string> | undefined {
  const colon = pattern.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = pattern.slice(0, colon).toLowerCase();
  if (hasWildcard(prefix)) return undefined;
  const actions = serviceActions(prefix);
  if (!actions) return undefined;
  const test = compileActionPattern(pattern);
  const out = new Set<string>();
  for (const name of actions.lower) if (test(`${prefix}:${name}`)) out.add(`${prefix}:${name}`);
  return out;
}

export function redundantActions(s: ParsedStatement, p: PlacedStatement): Found[] {
  if (!s.action || s.action.length < 2) return [];
  const values = placedValues(p.Action, s.action, s.start);
  const sets = s.action.map(knownMatches);
  const tests = s.action.map(compileActionPattern);
  const out: Found[] = [];
  values.forEach((x, i) => {
    const mine = sets[i];
    // An unknown action is its own finding (UNKNOWN_ACTION), not a redundant one.
    if (!hasWildcard(x.value) && (!mine || mine.size === 0)) return;
    const covered = s.action!.some((y, j) => {
      if (j === i) return false;
      const same = y.toLowerCase() === x.value.toLowerCase();
      if (same) return j < i;
      if (!hasWildcard(y)) return false;
      if (!hasWildcard(x.value)) return tests[j]!(x.value);
      const theirs = sets[j] ?? (y === '*' || y.startsWith('*:') ? undefined : new Set<string>());
      if (!mine || mine.size === 0) return false;
      if (theirs === undefined) return y === '*';
      for (const a of mine) if (!theirs.has(a)) return false;
      return theirs.size > mine.size || j < i;
    });
    if (covered)
      out.push({
        findingType: 'SUGGESTION', code: 'REDUNDANT_ACTION', at: x.at,
        message: `The action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: ${x.value}.`,
      });
  });
  return out;
}

/** Does pattern `outer` match everything `inner` matches? (A `?` in `outer` is not trusted to.) */
function covers(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  if (!hasWildcard(outer) || outer.includes('?') || outer.includes('${') || inner.includes('${')) return false;
  return matchesWildcard(outer, inner);
}

export function redundantResources(s: ParsedStatement, p: PlacedStatement): Found[] {
  if (!s.resource || s.resource.length < 2) return [];
  const values = placedValues(p.Resource, s.resource, s.start);
  const out: Found[] = [];
  values.forEach((x, i) => {
    const covered = s.resource!.some((y, j) => j !== i && covers(y, x.value) && (y !== x.value || j < i) && (!covers(x.value, y) || j < i));
    if (covered)
      out.push({
        findingType: 'SUGGESTION', code: 'REDUNDANT_RESOURCE', at: x.at,
        message: 'The resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*)',
      });
  });
  return out;
}

/** What a statement grants, Sid aside, in a form two statements can be compared by. */
function meaning(s: ParsedStatement): string {
  const sorted = (list?: readonly string[], lower = false) => (list ? [...list].map((v) => (lower ? v.toLowerCase() : v)).sort() : null);
  return JSON.stringify([
    s.effect, sorted(s.action, true), sorted(s.notAction, true), sorted(s.resource), sorted(s.notResource),
    s.principal ?? null, s.notPrincipal ?? null,
    [...s.conditions].map((c) => [c.operator, c.key.toLowerCase(), [...c.values].sort()]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  ]);
}

export function redundantStatements(statements: readonly ParsedStatement[]): Found[] {
  const seen = new Set<string>();
  const out: Found[] = [];
  for (const s of statements) {
    const m = meaning(s);
    if (seen.has(m))
      out.push({ findingType: 'SUGGESTION', code: 'REDUNDANT_STATEMENT', at: s.start, message: 'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.' });
    seen.add(m);
  }
  return out;
}
