// How a call becomes the requests the engine decides, per service: a table, never a test of the
// service's name in the authorize step. Services whose requests need the store (IAM: the entity's
// path, tags and boundary; STS: the role's trust policy) have builders of their own; every other
// service's come from its map (src/authz/map/) through the generic resolver.
import type { ContextValue } from '../policy/index.js';
import type { AuthzRequest } from '../shared/authz-request.js';
import type { Caller } from '../shared/caller.js';
import type { StoreTables } from '../store/types.js';
import { iamRequest } from './iam-request.js';
import { stsRequest } from './sts-request.js';
import { serviceMaps } from './map/index.js';
import { resolveEntry } from './resolve.js';

export interface BuildInput {
  caller: Caller;
  service: string;
  operation: string;
  input: Record<string, unknown>;
  region: string;
}

/** The requests of one call, with `context` as the first one's keys; undefined when it needs no permission. */
export type RequestBuilder = (store: StoreTables, call: BuildInput, context: Record<string, ContextValue>) => Promise<AuthzRequest[] | undefined>;

const fromMap: RequestBuilder = async (_store, call, context) => {
  const entry = serviceMaps[call.service]?.[call.operation];
  if (entry === null) return undefined;
  // A served operation without an entry is a fault, never an allow: the catalogue test keeps it from happening.
  if (entry === undefined) throw new Error(`${call.service}:${call.operation} has no authorization-map entry`);
  const requests = resolveEntry(entry, call.input, { partition: 'aws', region: call.region, account: call.caller.accountId });
  Object.assign(context, requests[0].context);
  requests[0].context = context;
  return requests;
};

const builders: Record<string, RequestBuilder> = {
  iam: async (store, call, context) => [await iamRequest(store, call.caller, call.operation, call.input, context)],
  sts: async (store, call, context) => {
    const r = await stsRequest(store, call.caller, call.operation, call.input, context);
    return r && [r];
  },
};

export function requestBuilder(service: string): RequestBuilder {
  return builders[service] ?? fromMap;
}
