// Resource/NotResource elements compiled once: `*`, exact ARNs, patterns grouped by their literal
// first five segments (so a request is checked with one lookup of its own ARN prefix), other
// patterns, and patterns with policy variables substituted from the request context.
import { compileArnPattern, matchesArnPattern, type ArnMatcher } from './arn.js';
import { compileTemplate, resolveTemplate, type Template, type VariableSource } from './variables.js';
import { hasWildcard, unescape, wildcardMatch } from './wildcard.js';

export interface ResourceSet {
  readonly all: boolean;
  readonly exact: ReadonlySet<string>;
  /** Literal `arn:partition:service:region:account:` → the resource-part patterns after it. */
  readonly prefixed: ReadonlyMap<string, readonly string[]>;
  readonly other: readonly ArnMatcher[];
  readonly templates: readonly Template[];
}

/** The first five segments of an ARN with their colons, or '' when it has fewer. */
export function arnPrefix(arn: string): string {
  let seen = 0;
  for (let i = 0; i < arn.length; i++) if (arn.charCodeAt(i) === 58 && ++seen === 5) return arn.slice(0, i + 1);
  return '';
}

export function compileResourceSet(values: readonly string[], substitute: boolean): ResourceSet {
  let all = false;
  const exact = new Set<string>();
  const prefixed = new Map<string, string[]>();
  const other: ArnMatcher[] = [];
  const templates: Template[] = [];
  for (const v of values) {
    if (v === '*') all = true;
    const t = compileTemplate(v, substitute, true);
    if (t) {
      templates.push(t);
      continue;
    }
    if (!hasWildcard(v)) {
      exact.add(unescape(v));
      continue;
    }
    const prefix = arnPrefix(v);
    if (prefix && !hasWildcard(prefix)) {
      const rests = prefixed.get(prefix) ?? [];
      rests.push(v.slice(prefix.length));
      prefixed.set(prefix, rests);
    } else other.push(compileArnPattern(v));
  }
  return { all, exact, prefixed, other, templates };
}

/** `prefix` is `arnPrefix(resource)`, computed once per request. */
export function matchesResourceSet(set: ResourceSet, resource: string, prefix: string, source: VariableSource): boolean {
  if (set.all || set.exact.has(resource)) return true;
  if (set.prefixed.size !== 0) {
    const rests = set.prefixed.get(prefix);
    if (rests !== undefined) {
      for (let i = 0; i < rests.length; i++) {
        const rest = rests[i]!;
        if (wildcardMatch(rest, 0, rest.length, resource, prefix.length, resource.length)) return true;
      }
    }
  }
  const other = set.other;
  for (let i = 0; i < other.length; i++) if (other[i]!(resource)) return true;
  const templates = set.templates;
  for (let i = 0; i < templates.length; i++) {
    const pattern = resolveTemplate(templates[i]!, source);
    if (pattern !== undefined && matchesArnPattern(pattern, resource)) return true;
  }
  return false;
}
