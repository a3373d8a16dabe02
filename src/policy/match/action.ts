// Action and NotAction patterns: case-insensitive, `*` and `?`, classified once at compile time into
// exact names, prefixes and general wildcards so that matching a request is a lookup or a scan.
import { hasWildcard, matchesWildcard } from './wildcard.js';

/** The compiled patterns of one Action/NotAction element. Match with a lower-cased action. */
export interface ActionSet {
  readonly all: boolean;
  readonly exact: ReadonlySet<string>;
  readonly prefixes: readonly string[];
  readonly globs: readonly string[];
}

export function compileActionSet(patterns: readonly string[]): ActionSet {
  let all = false;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const globs: string[] = [];
  for (const raw of patterns) {
    const p = raw.toLowerCase();
    if (p === '*') all = true;
    else if (!hasWildcard(p)) exact.add(p);
    else if (p.indexOf('*') === p.length - 1 && !p.includes('?')) prefixes.push(p.slice(0, -1));
    else globs.push(p);
  }
  return { all, exact, prefixes, globs };
}

export function matchesActionSet(set: ActionSet, action: string): boolean {
  if (set.all || set.exact.has(action)) return true;
  const prefixes = set.prefixes;
  for (let i = 0; i < prefixes.length; i++) if (action.startsWith(prefixes[i]!)) return true;
  const globs = set.globs;
  for (let i = 0; i < globs.length; i++) if (matchesWildcard(globs[i]!, action)) return true;
  return false;
}

/** `compileActionPattern('s3:Get*')('s3:getobject') === true`: one pattern, built once. */
export function compileActionPattern(pattern: string): (action: string) => boolean {
  const set = compileActionSet([pattern]);
  return (action) => matchesActionSet(set, action.toLowerCase());
}

/**
 * The services (lower-case vendor prefixes) an element can match, or `undefined` when it can match
 * any service (`*`, or a wildcard in the vendor part). Used to index statements by service.
 */
export function servicesOf(patterns: readonly string[]): Set<string> | undefined {
  const services = new Set<string>();
  for (const raw of patterns) {
    const colon = raw.indexOf(':');
    const vendor = (colon < 0 ? raw : raw.slice(0, colon)).toLowerCase();
    if (colon < 0 || hasWildcard(vendor)) return undefined;
    services.add(vendor);
  }
  return services;
}
