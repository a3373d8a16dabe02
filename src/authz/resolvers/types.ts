// What the named resolvers of the authorization map are given and give back (src/authz/resolve.ts
// calls them; the tables are in ./index.ts).
import type { ContextValue } from '../../policy/index.js';
import type { AuthzRequest, RequestAuthFacts } from '../../shared/authz-request.js';

export type { RequestAuthFacts } from '../../shared/authz-request.js';
import type { Caller } from '../../shared/caller.js';
import type { StoreTables } from '../../store/types.js';
import type { ResourceSource } from '../map/schema.js';

export type Input = Record<string, unknown>;

export interface ResolveFacts {
  partition: string;
  region: string;
  /** The caller's account: the resource's, unless a resource resolver names another. */
  account: string;
  /** Who calls and the store, for the resolvers that read them (every call the authorize step builds has both). */
  caller?: Caller;
  store?: StoreTables;
  /** How the request was authenticated, for the keys S3 supplies from it (s3:authType …); absent in-process. */
  request?: RequestAuthFacts;
}


/** A resource as its resolver finds it. */
export interface ResolvedResource {
  resource: string;
  /** The account that owns the resource, when not the caller's (sts:AssumeRole on another account's role). */
  account?: string;
  /** The resource's own condition keys (aws:ResourceTag/*), added after the entry's. */
  context?: Record<string, ContextValue>;
  /** The stored entity's permissions boundary, for the iam:PermissionsBoundary key. */
  permissionsBoundary?: string;
  /** For sts:AssumeRole: the role's trust policy (null when the role does not exist). */
  trust?: AuthzRequest['trust'];
  /** The resource's own resource-based policy (an S3 bucket policy), evaluated beside the caller's. */
  policy?: AuthzRequest['policy'];
  /** Further actions the caller must be allowed on the same resource (sts:TagSession …). */
  also?: string[];
  /** The object version the resource names inside another member (a copy source's `?versionId=`): the entry's `versioned` action applies. */
  versionId?: string;
}

export type ResourceResolver = (source: ResourceSource, input: Input, facts: ResolveFacts) => Promise<ResolvedResource>;

/** What a condition key is resolved with besides the input: the facts and the resolved resource. */
export interface KeyScope {
  facts: ResolveFacts;
  resource?: ResolvedResource;
}

/** Condition keys whose value is computed from the input rather than read from one member. */
export type KeyResolver = (input: Input, scope: KeyScope) => ContextValue | undefined;

/** A family of condition keys (aws:RequestTag/<key>): the resolver writes each into `into`. */
export type FamilyResolver = (input: Input, into: Record<string, ContextValue>, scope: KeyScope) => void;

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The store and caller a resolver needs; their absence is a fault of the call that resolves. */
export function callScope(facts: ResolveFacts): { store: StoreTables; caller: Caller } {
  if (!facts.store || !facts.caller) throw new Error('this resource resolver needs the store and the caller');
  return { store: facts.store, caller: facts.caller };
}
