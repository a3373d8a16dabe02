// The generic resolver: an operation's map entry and its input become the requests the engine
// decides (action, resource ARN, condition keys). A member a template names but the input lacks
// leaves `*` in its place, as the resource of a request that names nothing narrower.
import type { ContextValue } from '../policy/index.js';
import type { ArnTemplate, KeySource, MapEntry } from './map/schema.js';
import type { AuthzRequest } from '../shared/authz-request.js';

export interface ResolveFacts {
  partition: string;
  region: string;
  /** The account that owns the resource: the caller's, for every service decided so far. */
  account: string;
}

/** Condition keys whose value is computed from the input rather than read from one member. */
export type KeyResolver = (input: Record<string, unknown>) => ContextValue | undefined;

const PLACEHOLDER = /\$\{([^}]+)\}/g;

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function fillArn(template: ArnTemplate, input: Record<string, unknown>, facts: ResolveFacts): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    if (name === 'Partition') return facts.partition;
    if (name === 'Region') return facts.region;
    if (name === 'Account') return facts.account;
    return scalar(input[name]) ?? '*';
  });
}

function keyValue(source: KeySource, input: Record<string, unknown>, resolvers: Record<string, KeyResolver>): ContextValue | undefined {
  if ('member' in source) {
    const v = input[source.member];
    if (Array.isArray(v)) return v.map((x) => String(x));
    return scalar(v);
  }
  const resolver = resolvers[source.resolver];
  if (!resolver) throw new Error(`no condition-key resolver named ${source.resolver}`);
  return resolver(input);
}

/** The requests one call is decided as: the entry's own, then each of `also`, in order. */
export function resolveEntry(entry: MapEntry, input: Record<string, unknown>, facts: ResolveFacts, resolvers: Record<string, KeyResolver> = {}): AuthzRequest[] {
  const one = (e: Omit<MapEntry, 'also'>): AuthzRequest => {
    const context: Record<string, ContextValue> = {};
    for (const key in e.context ?? {}) {
      const v = keyValue(e.context![key], input, resolvers);
      if (v !== undefined) context[key] = v;
    }
    return { action: e.action, resource: fillArn(e.resource, input, facts), resourceAccount: facts.account, context };
  };
  return [one(entry), ...(entry.also ?? []).map(one)];
}
