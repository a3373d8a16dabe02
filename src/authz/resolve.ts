// The generic resolver: an operation's map entry and its input become the requests the engine
// decides (action, resource ARN, condition keys). A member a template names but the input lacks
// leaves `*` in its place, as the resource of a request that names nothing narrower. A resource
// the map names by a resolver (IAM's entities, STS's roles, S3's buckets and objects) is found by
// the resolver registered under that name, which may read the store and the caller
// (src/authz/resolvers/).
import type { ContextValue } from '../policy/index.js';
import type { ArnTemplate, FurtherAction, KeySource, MapEntry, Versioned } from './map/schema.js';
import type { AuthzRequest } from '../shared/authz-request.js';
import type { KeyResolver, KeyScope, ResolveFacts, ResolvedResource } from './resolvers/types.js';
import { familyResolvers, keyResolvers, resourceResolvers } from './resolvers/index.js';

export type { KeyResolver, ResolveFacts } from './resolvers/types.js';

const PLACEHOLDER = /\$\{([^}]+)\}/g;

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  return undefined;
}

/** An input member by name, or by a dotted path into its structures (`CreateBucketConfiguration.LocationConstraint`). */
function memberAt(input: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return input[path];
  let v: unknown = input;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

export function fillArn(template: ArnTemplate, input: Record<string, unknown>, facts: ResolveFacts): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    if (name === 'Partition') return facts.partition;
    if (name === 'Region') return facts.region;
    if (name === 'Account') return facts.account;
    return scalar(memberAt(input, name)) ?? '*';
  });
}

function addKey(context: Record<string, ContextValue>, key: string, source: KeySource, input: Record<string, unknown>, scope: KeyScope, resolvers: Record<string, KeyResolver>) {
  let v: ContextValue | undefined;
  if ('member' in source) {
    const m = memberAt(input, source.member);
    v = Array.isArray(m) ? m.map((x) => String(x)) : scalar(m);
  } else if ('resolver' in source) {
    const resolver = resolvers[source.resolver];
    if (!resolver) throw new Error(`no condition-key resolver named ${source.resolver}`);
    v = resolver(input, scope);
  } else {
    const family = familyResolvers[source.family];
    if (!family) throw new Error(`no condition-key family resolver named ${source.family}`);
    family(input, context, scope);
    return;
  }
  if (v !== undefined) context[key] = v;
}

/** The versioned action when the call names a version (by the input member, or through the resolved resource). */
function actionOf(action: string, versioned: Versioned | undefined, input: Record<string, unknown>, found: ResolvedResource | undefined): string {
  if (versioned === undefined) return action;
  const named = versioned.member !== undefined ? scalar(input[versioned.member]) : found?.versionId;
  return named !== undefined ? versioned.action : action;
}

/** A `when` member is set when present, not false and not an empty list, and not one of `except`'s values. */
function isSet(input: Record<string, unknown>, member: string, except: readonly string[] | undefined): boolean {
  const v = memberAt(input, member);
  if (v === undefined || v === null || v === false) return false;
  if (Array.isArray(v) && v.length === 0) return false;
  return !(except && typeof v === 'string' && except.includes(v));
}

function furtherActions(list: readonly FurtherAction[] | undefined, input: Record<string, unknown>, found: ResolvedResource | undefined): string[] {
  const actions: string[] = [];
  for (const f of list ?? []) {
    if (f.when && !f.when.some((m) => isSet(input, m, f.except?.[m]))) continue;
    actions.push(actionOf(f.action, f.versioned, input, found));
  }
  return actions;
}

/**
 * The requests one call is decided as: the entry's own, then each of `also`, in order. Each has the
 * entry's condition keys, in the map's order, then its resource's own (aws:ResourceTag/*).
 */
export async function resolveEntry(entry: MapEntry, input: Record<string, unknown>, facts: ResolveFacts, resolvers: Record<string, KeyResolver> = keyResolvers): Promise<AuthzRequest[]> {
  const one = async (e: Omit<MapEntry, 'also'>): Promise<AuthzRequest> => {
    let found: ResolvedResource | undefined;
    if (typeof e.resource !== 'string') {
      const resolver = resourceResolvers[e.resource.resolver];
      if (!resolver) throw new Error(`no resource resolver named ${e.resource.resolver}`);
      found = await resolver(e.resource, input, facts);
    }
    const context: Record<string, ContextValue> = {};
    if (e.context !== undefined) {
      const scope: KeyScope = { facts, resource: found };
      for (const key in e.context) addKey(context, key, e.context[key], input, scope, resolvers);
    }
    const action = actionOf(e.action, e.versioned, input, found);
    const further = e.furtherActions !== undefined ? furtherActions(e.furtherActions, input, found) : [];
    if (found === undefined) {
      const request: AuthzRequest = { action, resource: fillArn(e.resource as ArnTemplate, input, facts), resourceAccount: facts.account, context };
      if (further.length) request.also = further;
      return request;
    }
    if (found.context !== undefined) Object.assign(context, found.context);
    const also = found.also !== undefined ? [...found.also, ...further] : further;
    const request: AuthzRequest = also.length
      ? { also, action, resource: found.resource, resourceAccount: found.account ?? facts.account, context }
      : { action, resource: found.resource, resourceAccount: found.account ?? facts.account, context };
    if (found.trust !== undefined) request.trust = found.trust;
    if (found.policy !== undefined) request.policy = found.policy;
    return request;
  };
  const first = await one(entry);
  if (entry.also === undefined) return [first];
  const requests = [first];
  for (const e of entry.also) requests.push(await one(e));
  return requests;
}
