// What a handler sees: typed input and a context (account, caller, store, clock, request id).
// Handlers never touch headers, XML, SQL or the system clock.
import type { Caller } from '../shared/caller.js';
import type { Store } from '../store/types.js';
import type { AuthorizationMessageCodec, Sealer, SessionTokenCodec } from '../shared/sealing.js';
import type { EnforceMode } from '../shared/decision-record.js';
import type { AuthzRequest } from '../shared/authz-request.js';
import type { Acting } from '../shared/acting.js';
import type { WebIdentityVerifier } from '../shared/web-identity.js';
import type { JobQueue } from '../shared/jobs.js';
import type { ServiceSettings } from '../shared/service-settings.js';

export interface HandlerContext {
  accountId: string;
  caller: Caller;
  store: Store;
  sealer: Sealer;
  tokens: SessionTokenCodec;
  messages: AuthorizationMessageCodec;
  /**
   * Decides, records and enforces requests for a caller the handler authenticated itself (the
   * identity provider of AssumeRoleWithWebIdentity): the same function the authorize step uses.
   */
  authorize(caller: Caller, requests: AuthzRequest[], options?: { message?: string }): Promise<void>;
  /**
   * Authorizes another operation of the same service for this call's caller, as the authorize step
   * would (DeleteObjects decides each key as its own DeleteObject). Throws AccessDenied when refused.
   */
  authorizeOperation(operation: string, input: Record<string, unknown>): Promise<void>;
  /** ROLEGATE_ENFORCE, for the decisions a handler makes itself. */
  enforce: EnforceMode;
  region: string;
  /** The partition of the region (aws, aws-cn …): the one the caller reads ARNs in (src/shared/partitions.ts). */
  partition: string;
  requestId: string;
  /** The time the request was received: what a handler decides by. */
  now: Date;
  /** The time as it passes, for work that outlives the request (a SubscribeToShard event stream), in epoch milliseconds. */
  clock(): number;
  /** Verifies OIDC tokens against their issuer's keys (AssumeRoleWithWebIdentity). */
  webIdentity: WebIdentityVerifier;
  /** Background work: a handler enqueues a job; the runner does it from the job's row. */
  jobs: JobQueue;
  /** For a service acting for a customer: assume the customer's role, then call with it. */
  acting: Acting;
  /** The services' state delays and retry timings, from configuration. */
  settings: ServiceSettings;
  /** The scheme and Host the request was addressed to (`http://127.0.0.1:4577`); absent in-process. */
  origin?: string;
}

export type Handler<I, O> = (input: I, ctx: HandlerContext) => Promise<O>;

export type ServiceHandlers<Ops extends { [K in keyof Ops]: { input: unknown; output: unknown } }> = {
  [K in keyof Ops]?: Handler<Ops[K]['input'], Ops[K]['output'] extends void ? void : Ops[K]['output']>;
};
