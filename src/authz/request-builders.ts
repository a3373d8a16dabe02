// How a call becomes the requests the engine decides: for every service, its map entry
// (src/authz/map/) through the generic resolver (src/authz/resolve.ts), never a test of the
// service's name in the authorize step. What needs the store (IAM: the entity's path, tags and
// boundary; STS: the role's trust policy) is found by the named resolvers the entries give.
import type { AuthzRequest, RequestAuthFacts } from '../shared/authz-request.js';
import type { Caller } from '../shared/caller.js';
import type { StoreTables } from '../store/types.js';
import { denialWordings, serviceMaps } from './map/index.js';
import { resolveEntry } from './resolve.js';

export interface BuildInput {
  caller: Caller;
  service: string;
  operation: string;
  input: Record<string, unknown>;
  region: string;
  auth?: RequestAuthFacts;
}

/** The requests of one call, in order; undefined when it needs no permission (sts:GetCallerIdentity). */
export async function buildRequests(store: StoreTables, call: BuildInput): Promise<AuthzRequest[] | undefined> {
  const entry = serviceMaps[call.service]?.[call.operation];
  if (entry === null) return undefined;
  // A served operation without an entry is a fault, never an allow: the catalogue test keeps it from happening.
  if (entry === undefined) throw new Error(`${call.service}:${call.operation} has no authorization-map entry`);
  const requests = await resolveEntry(entry, call.input, { partition: 'aws', region: call.region, account: call.caller.accountId, caller: call.caller, store, ...(call.auth ? { request: call.auth } : {}) });
  const wording = denialWordings[call.service];
  if (wording !== undefined) for (const r of requests) r.denialWording = wording;
  return requests;
}
