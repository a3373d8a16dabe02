// Service prefixes and action names from the Service Authorization Reference, for Access
// Analyzer-style findings: is a prefix a service, does an action (or an action pattern) name at
// least one action of its service, and which name was probably meant. The data is
// service-reference.json, written by scripts/import-service-reference.ts; each service's list is
// decoded the first time it is asked for.
import data from './service-reference.json' with { type: 'json' };
import { decodeActions, type ServiceReferenceFile } from './service-reference-format.js';
import { matchesWildcard } from '../match/wildcard.js';

const services: Readonly<Record<string, string>> = (data as ServiceReferenceFile).services;

/** Service prefixes (lower-case) that IAM policies can name in actions. */
export const knownServicePrefixes: ReadonlySet<string> = new Set(Object.keys(services));

/** One service's actions: names as the reference writes them, and lower-cased for lookups. */
export interface ServiceActions {
  readonly names: readonly string[];
  readonly lower: ReadonlySet<string>;
}

const decoded = new Map<string, ServiceActions>();

/** The actions of a service prefix (any case); undefined for an unknown prefix. */
export function serviceActions(prefix: string): ServiceActions | undefined {
  const p = prefix.toLowerCase();
  let actions = decoded.get(p);
  if (!actions && Object.hasOwn(services, p)) {
    const names = decodeActions(services[p]!);
    actions = { names, lower: new Set(names.map((n) => n.toLowerCase())) };
    decoded.set(p, actions);
  }
  return actions;
}

/** Does the action name, or the pattern with `*` and `?`, name at least one action of the service? */
export function actionExists(actions: ServiceActions, name: string): boolean {
  const n = name.toLowerCase();
  if (!n.includes('*') && !n.includes('?')) return actions.lower.has(n);
  for (const known of actions.lower) if (matchesWildcard(n, known)) return true;
  return false;
}

/** The candidate closest to `word` (case-insensitive edit distance), when close enough to be a typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length < 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, or any value >= `cap` once it is known to reach `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= cap) return cap;
    prev = row;
  }
  return prev[b.length]!;
}
