// The steps after authentication, the same for an outside request and for a service acting for a
// customer in-process: the model's validation, NotImplemented, the authorize step, the handler.
// They read only the call and the narrow dependencies they are given.
import { AccessDenied, NotImplemented, ValidationError } from '../protocol/errors.js';
import { MFA_UNKNOWN_DEVICE, proveMfaCode } from '../directory/mfa-devices.js';
import { renderValidationMessage, validateShape } from '../protocol/validate.js';
import { authorize, authorizeRequests } from '../authz/authorize.js';
import type { Store } from '../store/types.js';
import type { Acting } from '../shared/acting.js';
import type { WebIdentityVerifier } from '../shared/web-identity.js';
import type { JobQueue } from '../shared/jobs.js';
import { defaultServiceSettings, type ServiceSettings } from '../shared/service-settings.js';
import type { DecisionRecord, EnforceMode } from '../shared/decision-record.js';
import type { AuthorizationMessageCodec, Sealer, SessionTokenCodec } from '../shared/sealing.js';
import type { CallContext } from './context.js';
import { readInputArns } from './partition-view.js';
import { partitionOf } from '../shared/partitions.js';

export interface CallDeps {
  store: Store;
  sealer: Sealer;
  tokens: SessionTokenCodec;
  messages: AuthorizationMessageCodec;
  decisions?: { record(r: DecisionRecord): Promise<void> | undefined | void };
  config: { enforce: EnforceMode; region: string; services?: ServiceSettings };
  acting: Acting;
  webIdentity: WebIdentityVerifier;
  jobs: JobQueue;
  /**
   * Inside a store transaction (a service acting in one, Acting.transaction) a decision cannot
   * commit before the transaction does — its writer would wait for the transaction's lock — so
   * the commits are collected here and awaited once the transaction has committed.
   */
  deferredDecisions?: Promise<void>[];
}

export type CallStep = (ctx: CallContext, deps: CallDeps) => void | Promise<void>;

const validateInput: CallStep = (ctx) => {
  const shape = ctx.operation!.input;
  if (!shape || !ctx.service!.validatesInput) return;
  const failures = validateShape(shape, ctx.input);
  if (!failures.length) return;
  const message = renderValidationMessage(failures);
  throw ctx.service!.validationError ? ctx.service!.validationError(message, ctx.requestId) : ValidationError(message);
};

/** The ARNs of an outside request from another partition, in rolegate's own form for every step after. */
const readArns: CallStep = (ctx) => {
  const partition = ctx.inputPartition;
  if (partition === undefined || !ctx.input) return;
  const service = ctx.service!;
  ctx.inputArns = new Map();
  readInputArns(ctx.input, partition, (message) => (service.validationError ? service.validationError(message, ctx.requestId) : ValidationError(message)), ctx.inputArns);
};

/**
 * A required body sent empty, for a service whose input the model does not validate (S3): the
 * payload member is then absent. Checked once the caller is authorized, as the handler's own checks are.
 */
const requireBody: CallStep = async (ctx, deps) => {
  const missing = ctx.service!.missingBody;
  const payload = ctx.operation!.input?.payload;
  if (!missing || !payload?.required || payload.shape.type === 'blob') return;
  if (ctx.input && ctx.input[payload.name] === undefined) throw await missing(ctx.input, deps.store);
};

/** A modelled operation rolegate does not serve yet answers so, in its service's envelope. */
const requireHandler: CallStep = (ctx) => {
  const op = ctx.operation!;
  if (!ctx.service!.handlers[op.name]) throw NotImplemented(`The ${op.name} operation of ${ctx.service!.resolved.model.metadata.serviceId} is not implemented by rolegate.`);
};

/** The decision log as one call's authorize steps see it: the commits of its decisions on changes are kept on the call. */
function callDecisions(ctx: CallContext, deps: CallDeps): CallDeps['decisions'] {
  const log = deps.decisions;
  if (!log) return undefined;
  return {
    record(r) {
      const written = log.record(r);
      if (written) (ctx.decisionsWritten ??= []).push(written);
      return written;
    },
  };
}

const authorizeAs = (ctx: CallContext, deps: CallDeps, operation: string, input: Record<string, unknown>) => authorize({
  caller: ctx.caller!, service: ctx.service!.name, operation, input,
  sourceIp: ctx.sourceIp, region: ctx.region ?? deps.config.region, receivedAt: ctx.receivedAt, requestId: ctx.requestId, auth: ctx.auth, tlsVersion: ctx.tlsVersion,
}, { store: deps.store, decisions: callDecisions(ctx, deps), enforce: deps.config.enforce });

/**
 * An MFA code in the input (AssumeRole, GetSessionToken) is proved against the calling user's device
 * before the authorize step, so a trust policy's aws:MultiFactorAuthPresent condition sees it. Either
 * member alone cannot be proved, and is refused as AWS refuses an unknown device.
 */
const proveMfa: CallStep = async (ctx, deps) => {
  if (!ctx.service!.mfaOperations.has(ctx.operation!.name)) return;
  const input = ctx.input ?? {};
  const serial = input.SerialNumber;
  const code = input.TokenCode;
  if (serial === undefined && code === undefined) return;
  const caller = ctx.caller!;
  if (typeof serial !== 'string' || typeof code !== 'string') throw AccessDenied(MFA_UNKNOWN_DEVICE);
  await proveMfaCode(deps.store, deps.sealer, { account: caller.accountId, userName: caller.type === 'user' ? caller.userName : undefined }, serial, code, ctx.receivedAt);
  ctx.caller = { ...caller, mfaAuthenticatedAt: ctx.receivedAt.getTime() };
};

const authorizeStep: CallStep = (ctx, deps) => authorizeAs(ctx, deps, ctx.operation!.name, ctx.input ?? {});

const invoke: CallStep = async (ctx, deps) => {
  const op = ctx.operation!;
  const handler = ctx.service!.handlers[op.name]!;
  ctx.output = await handler(ctx.input, {
    accountId: ctx.caller!.accountId,
    caller: ctx.caller!,
    store: deps.store,
    sealer: deps.sealer,
    tokens: deps.tokens,
    messages: deps.messages,
    authorize: (caller, requests, options) => authorizeRequests(
      { caller, requests, requestId: ctx.requestId, receivedAt: ctx.receivedAt, region: ctx.region ?? deps.config.region, sourceIp: ctx.sourceIp, tlsVersion: ctx.tlsVersion, ...options },
      { store: deps.store, decisions: callDecisions(ctx, deps), enforce: deps.config.enforce },
    ),
    authorizeOperation: (operation, input) => authorizeAs(ctx, deps, operation, input),
    enforce: deps.config.enforce,
    region: ctx.region ?? deps.config.region,
    partition: partitionOf(ctx.region ?? deps.config.region),
    requestId: ctx.requestId,
    now: ctx.receivedAt,
    clock: Date.now,
    acting: deps.acting,
    webIdentity: deps.webIdentity,
    jobs: deps.jobs,
    settings: deps.config.services ?? defaultServiceSettings,
    ...(ctx.origin ? { origin: ctx.origin } : {}),
  });
};

/**
 * A change is answered only once its decisions are committed: an acknowledged change always has
 * its audit record, even after a crash. (Reads' decisions are batched and not waited for.)
 */
const awaitDecisions: CallStep = (ctx, deps) => {
  const written = ctx.decisionsWritten;
  if (!written) return;
  if (deps.deferredDecisions) {
    deps.deferredDecisions.push(...written);
    return;
  }
  return written.length === 1 ? written[0] : Promise.all(written).then(() => undefined);
};

/** Every step after authentication, in order: where a service's in-process call enters. */
export const callSteps: CallStep[] = [validateInput, readArns, requireHandler, proveMfa, authorizeStep, requireBody, invoke, awaitDecisions];

/** Runs a call that needs no HTTP (a service acting for a customer) through the same steps. */
export async function runCall(ctx: CallContext, deps: CallDeps): Promise<unknown> {
  for (let i = 0; i < callSteps.length; i++) {
    const pending = callSteps[i](ctx, deps);
    if (pending) await pending;
  }
  return ctx.output;
}
