// The authorize step: the request's action, resource and context (from the authorization map), the
// caller's policies, one decision by the policy engine, recorded, and enforced per ROLEGATE_ENFORCE.
import { accessDeniedMessage, evaluate, type Decision, type PolicyRef, type PolicySet } from '../policy/index.js';
import { AwsError, AccessDenied, InvalidClientTokenId } from '../protocol/errors.js';
import type { EnforceMode, DecisionRecord } from '../shared/decision-record.js';
import type { AuthzRequest, RequestAuthFacts } from '../shared/authz-request.js';
import type { Caller, SessionClaims } from '../shared/caller.js';
import type { StoreTables, Tag } from '../store/types.js';
import { findPolicy, managedDocumentIn } from '../directory/managed-policies.js';
import { loadStored, rolePolicies, userPolicies, type PrincipalPolicies } from '../directory/principal-policies.js';
import { globalContext } from './request-context.js';
import { trustConditionMisses } from './trust-conditions.js';
import { buildRequests } from './request-builders.js';
import { callerInPartition, requestInPartition } from './partition.js';
import { DEFAULT_PARTITION, partitionOf } from '../shared/partitions.js';


async function callerTags(t: StoreTables, caller: Caller): Promise<Tag[]> {
  if (caller.type === 'user' && caller.userName) return (await t.users.get(caller.accountId, caller.userName))?.tags ?? [];
  if (caller.type === 'assumed-role') return (await t.roles.get(caller.accountId, caller.session!.roleName!))?.tags ?? [];
  return [];
}

/**
 * A session policy that allows nothing: the engine reads an empty list of session policies as no
 * limit, but a session whose policies are all gone (a managed one deleted), or a federated user
 * given none, may do nothing beyond what a resource's policy grants it by name.
 */
const ALLOWS_NOTHING: PolicyRef = (() => {
  const l = loadStored('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"*","Resource":"*"}]}', 'session');
  if (!l.ok) throw new Error('the allow-nothing session policy does not parse');
  return { id: 'no-session-policy', policy: l.policy };
})();

/** The inline and managed session policies a session carries; never empty. */
async function sessionPolicies(t: StoreTables, account: string, s: SessionClaims, partition: string): Promise<PolicyRef[]> {
  const session: PolicyRef[] = [];
  if (s.sessionPolicy) {
    const l = loadStored(s.sessionPolicy, 'session');
    if (l.ok) session.push({ id: 'session-policy', policy: l.policy });
  }
  for (const arn of s.sessionPolicyArns ?? []) {
    const p = await findPolicy(t, account, arn);
    const v = p?.versions.find((x) => x.versionId === p.defaultVersionId);
    const l = p && v ? loadStored(managedDocumentIn(p.arn, v.document, partition), 'session') : undefined;
    if (l?.ok) session.push({ id: arn, policy: l.policy });
  }
  return session.length ? session : [ALLOWS_NOTHING];
}

/** A delegated session (GetDelegatedAccessToken) of a user or the root: limited by the delegation request's policy. */
const isDelegated = (caller: Caller) => caller.session?.delegationRequestId !== undefined;

async function callerPolicies(t: StoreTables, caller: Caller, partition: string): Promise<{ identity: PolicyRef[]; boundary?: PolicyRef; session?: PolicyRef[] }> {
  if (caller.type === 'user') {
    const policies = await userPolicies(t, caller.accountId, caller.userName!, partition);
    // A delegated session acts as the user who accepted the request, within the request's policy.
    return isDelegated(caller) ? { ...policies, session: await sessionPolicies(t, caller.accountId, caller.session!, partition) } : policies;
  }
  if (caller.type === 'root' && isDelegated(caller)) return { identity: [ROOT_IDENTITY], session: await sessionPolicies(t, caller.accountId, caller.session!, partition) };
  if (caller.type === 'assumed-role') {
    const s = caller.session!;
    const policies = await rolePolicies(t, caller.accountId, s.roleName!, partition);
    // Session policies given (even empty of matches) intersect; none given means no session limit.
    return { ...policies, ...(s.sessionPolicy || s.sessionPolicyArns?.length ? { session: await sessionPolicies(t, caller.accountId, s, partition) } : {}) };
  }
  if (caller.type === 'federated-user') {
    // The federating user's policies (the root's: everything) intersected with the session
    // policies, always: without one the federated user may do nothing (IAM User Guide,
    // "Permissions for GetFederationToken").
    const s = caller.session!;
    const policies = s.userName ? await userPolicies(t, caller.accountId, s.userName, partition) : { identity: [ROOT_IDENTITY] };
    return { ...policies, session: await sessionPolicies(t, caller.accountId, s, partition) };
  }
  return { identity: [] };
}


/** What the authorize step is given of a request that passed authentication and validation. */
export interface AuthorizeInput {
  caller: Caller;
  service: string;
  operation: string;
  input: Record<string, unknown>;
  /** Absent for a call made in-process (a service acting for a customer). */
  sourceIp?: string;
  region: string;
  receivedAt: Date;
  requestId: string;
  /** How the request was authenticated, for the keys a service supplies from it (S3's s3:authType …). */
  auth?: RequestAuthFacts;
  /** The TLS version of the request's connection; absent on plain HTTP and in-process. */
  tlsVersion?: string;
}

export interface AuthorizeDeps {
  store: StoreTables;
  /** Records a decision; for a change, the promise of its commit (see DecisionLog.record). */
  decisions?: { record(r: DecisionRecord): Promise<void> | undefined | void };
  enforce: EnforceMode;
}

/** How a policy's Principal element names this caller: services and identity providers are not ARNs of IAM. */
function principalTypeOf(caller: Caller): 'Service' | 'Federated' | undefined {
  return caller.type === 'service' ? 'Service' : caller.type === 'federated' ? 'Federated' : undefined;
}

/** What an account's root may do in its own account: everything (identity policies do not apply to it). */
const ROOT_IDENTITY: PolicyRef = (() => {
  const l = loadStored('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', 'identity');
  if (!l.ok) throw new Error('the root identity policy does not parse');
  return { id: 'account-root', policy: l.policy };
})();

const ROOT_ARN = /^arn:[^:]+:iam::\d{12}:root$/;

/** An AssumeRoot privileged session: a root whose task policy still applies, so no root shortcut. */
const isPrivilegedSession = (caller: Caller) => caller.session?.kind === 'root';

/**
 * The bucket owner's root may always read, replace and delete its bucket's policy, even one that
 * denies it (S3 API Reference, GetBucketPolicy/PutBucketPolicy/DeleteBucketPolicy): how a policy
 * that locks everyone out is undone, the task S3UnlockBucketPolicy exists for.
 */
const BUCKET_POLICY_ACTIONS = new Set(['s3:getbucketpolicy', 's3:putbucketpolicy', 's3:deletebucketpolicy']);
const rootOwnsPolicy = (caller: Caller, request: AuthzRequest) =>
  caller.type === 'root' && request.resourceAccount === caller.accountId && BUCKET_POLICY_ACTIONS.has(request.action.toLowerCase());

/** A privileged session's identity: the root's everything, less what its task policy denies (task policies are Deny-only). */
async function privilegedIdentity(t: StoreTables, s: SessionClaims, partition: string): Promise<PolicyRef[]> {
  const arn = s.taskPolicyArn;
  const p = arn ? await findPolicy(t, s.accountId, arn) : undefined;
  const v = p?.versions.find((x) => x.versionId === p.defaultVersionId);
  const l = p && v ? loadStored(managedDocumentIn(p.arn, v.document, partition), 'identity') : undefined;
  // A task policy that cannot be read leaves the session nothing, never the whole root.
  return l?.ok ? [ROOT_IDENTITY, { id: arn!, policy: l.policy }] : [];
}

/** How the policies name the caller: the account root by its root ARN (in the request's partition), an anonymous caller as `*`. */
function principalOf(caller: Caller): string {
  if (caller.type === 'root') return ROOT_ARN.test(caller.arn) ? caller.arn : `arn:aws:iam::${caller.accountId}:root`;
  return caller.type === 'anonymous' ? '*' : caller.arn;
}

/**
 * Decides one request for a caller; used by the pipeline and by services acting in-process.
 * `partition`: the request's, in which the caller and request are already named.
 */
export async function decide(deps: { store: StoreTables }, caller: Caller, request: AuthzRequest, partition = DEFAULT_PARTITION): Promise<Decision> {
  const t = deps.store;
  if (caller.type === 'root' && !isDelegated(caller) && !isPrivilegedSession(caller) && request.resourceAccount === caller.accountId && request.trust === undefined) {
    // The account root may do everything in its own account (identity policies do not apply to it),
    // except what its resource's own policy explicitly denies: a bucket policy's Deny binds the root too
    // (but for the bucket policy itself, rootOwnsPolicy).
    const allowed: Decision = { result: 'Allowed', decidedBy: [], reasons: [], missingKeys: [], byPolicyType: {} };
    if (request.policy === undefined || rootOwnsPolicy(caller, request)) return allowed;
    const l = loadStored(request.policy.document, 'resource');
    if (!l.ok) return allowed;
    const d = evaluate({ action: request.action, resource: request.resource, principal: principalOf(caller), context: request.context }, { resource: { id: request.policy.id, policy: l.policy } });
    return d.result === 'ExplicitlyDenied' ? d : allowed;
  }
  const privileged = isPrivilegedSession(caller);
  const policies = privileged ? { identity: await privilegedIdentity(t, caller.session!, partition) } : await callerPolicies(t, caller, partition);
  const outsider = caller.type === 'service' || caller.type === 'federated' || caller.type === 'anonymous';
  const set: PolicySet = {
    // The root of another account has every permission of its own account: only the resource's policy decides.
    identity: caller.type === 'root' && !privileged ? [ROOT_IDENTITY] : policies.identity,
    boundary: policies.boundary,
    session: policies.session,
    // A service, federated or anonymous principal is in no account: the resource's policy alone decides for it.
    crossAccount: !outsider && request.resourceAccount !== caller.accountId,
  };
  let resource: PolicyRef | undefined;
  if (request.trust) {
    const l = loadStored(request.trust.document, 'trust');
    if (l.ok) resource = { id: request.trust.id, policy: l.policy };
  } else if (request.policy && !rootOwnsPolicy(caller, request)) {
    const l = loadStored(request.policy.document, 'resource');
    if (l.ok) resource = { id: request.policy.id, policy: l.policy };
  }
  const principal = principalOf(caller);
  const full: PolicySet = request.trust !== undefined ? { ...set, resource, trustPolicy: true } : resource ? { ...set, resource } : set;
  // A role that does not exist has no trust policy to allow: the identity side is still decided, so
  // the explanation tells whether the caller's own policies would have allowed.
  return evaluate({ action: request.action, resource: request.resource, principal, principalType: principalTypeOf(caller), context: request.context }, full);
}

export async function authorize(ctx: AuthorizeInput, app: AuthorizeDeps): Promise<void> {
  const mode = app.enforce;
  if (mode === 'off') return;
  const caller = ctx.caller;
  const service = ctx.service;
  const kind = caller.session?.kind;
  if (service === 'iam' && ((kind === 'session' && !caller.session!.mfa && !isDelegated(caller)) || kind === 'federated-user')) {
    // Credentials from GetSessionToken without MFA, and a federated user's, cannot call IAM's API
    // (IAM User Guide, "Compare AWS STS credentials"); delegated ones can, within their policy.
    throw InvalidClientTokenId();
  }
  if (kind === 'federated-user' && service === 'sts' && ctx.operation !== 'GetCallerIdentity') {
    // Nor may a federated user call STS, but for GetCallerIdentity (the same page).
    throw AccessDenied(`Cannot call ${ctx.operation} with federated user credentials`);
  }
  const requests = await buildRequests(app.store, ctx);
  // Needs no permission (sts:GetCallerIdentity), or the operation's own token is its authorization
  // (AssumeRoleWith*, whose callers are anonymous).
  if (!requests) return;
  const request = requests[0];
  if (request.trust !== undefined && caller.type === 'root') {
    app.decisions?.record(record(ctx, caller, request, denied(), mode, 'Roles may not be assumed by root accounts.'));
    if (mode === 'on') throw AccessDenied('Roles may not be assumed by root accounts.');
    return;
  }
  await authorizeRequests({ caller, requests, requestId: ctx.requestId, receivedAt: ctx.receivedAt, region: ctx.region, sourceIp: ctx.sourceIp, tlsVersion: ctx.tlsVersion }, app);
}

/**
 * The caller's global condition keys (aws:CurrentTime, aws:PrincipalArn … or a service's
 * aws:SourceAccount) join the first request's own, then the requests are decided, recorded and
 * enforced. Built here once for every kind of caller, whichever way the request came.
 */
export async function authorizeRequests(input: EnforceInput & { region: string; sourceIp?: string; tlsVersion?: string }, app: AuthorizeDeps): Promise<void> {
  if (app.enforce === 'off') return;
  const partition = partitionOf(input.region);
  // Decided in the request's partition: the caller, resources and ARN-valued keys in its ARNs.
  const caller = partition === DEFAULT_PARTITION ? input.caller : callerInPartition(input.caller, partition);
  const request = input.requests[0];
  // The root's own-account requests need no policy, so no global keys either (decide() allows them).
  const rootShortcut = caller.type === 'root' && !isDelegated(caller) && !isPrivilegedSession(caller) && request.resourceAccount === caller.accountId && request.trust === undefined && request.policy === undefined;
  if (!rootShortcut) {
    // aws:SecureTransport: the request came over TLS. A call made in-process (no source address, a
    // service acting for a customer) never crossed a network: as AWS's own service-to-service calls, it is secure.
    const secure = input.tlsVersion !== undefined || input.sourceIp === undefined;
    const facts = { sourceIp: input.sourceIp, secure, region: input.region, now: input.receivedAt };
    Object.assign(request.context, globalContext(caller, facts, await callerTags(app.store, caller)));
  }
  if (partition === DEFAULT_PARTITION) return enforceRequests(input, app);
  for (const r of input.requests) requestInPartition(r, partition);
  await enforceRequests({ ...input, caller, partition }, app);
}

/** What one decision needs beside the requests: who asks, and the request's id, time and place. */
export interface EnforceInput {
  caller: Caller;
  /** Decided in order, each with the first's context keys beside its own; the first refusal decides. */
  requests: AuthzRequest[];
  requestId: string;
  receivedAt: Date;
  /** The AccessDenied text, where the operation words its refusals its own way (AssumeRoleWithWebIdentity). */
  message?: string;
  /** The request's partition, when not `aws`: the caller and requests are named in it (src/authz/partition.ts). */
  partition?: string;
}

/**
 * The one function that decides, records and enforces: the authorize step for every request, and
 * the operations that authenticate their caller themselves (AssumeRoleWithWebIdentity) call it too.
 */
export async function enforceRequests(input: EnforceInput, app: AuthorizeDeps): Promise<void> {
  const mode = app.enforce;
  if (mode === 'off') return;
  const { caller, requests } = input;
  const request = requests[0];
  const context = request.context;
  const partition = input.partition ?? DEFAULT_PARTITION;
  let decision = await decide(app, caller, request, partition);
  let decided = request;
  // Most calls are one request with nothing further: no arrays are made for them.
  if (request.also !== undefined || requests.length > 1) {
    const further = [...(request.also ?? []).map((action) => ({ ...request, action })), ...requests.slice(1)];
    for (const next of further) {
      if (decision.result !== 'Allowed') break;
      decided = next.context === context ? next : { ...next, context: { ...context, ...next.context } };
      decision = await decide(app, caller, decided, partition);
    }
  }
  const allowed = decision.result === 'Allowed';
  const message = allowed ? undefined : input.message ?? deniedMessage(caller, decided, decision);
  const entry = record(input, caller, decided, decision, mode, message);
  if (!allowed && decided.trust && decision.reasons.some((r) => r.code === 'TrustPolicyDoesNotAllow')) {
    const misses = trustConditionMisses(decided.trust.document, { action: decided.action, resource: decided.resource, principal: caller.arn, principalType: principalTypeOf(caller), context: decided.context });
    if (misses.length) entry.trustConditions = misses;
  }
  app.decisions?.record(entry);
  if (!allowed && mode === 'on') throw new AwsError('AccessDenied', message!, 403);
}

/**
 * AWS's AccessDenied text. STS answers a trust-policy decision (sts:AssumeRole, sts:TagSession,
 * sts:SetSourceIdentity) without the "because no … policy allows" clause that IAM adds; an explicit
 * deny is still named.
 */
function deniedMessage(caller: Caller, request: AuthzRequest, decision: Decision): string {
  if (request.denialWording === 'details-in-account') {
    if (caller.type === 'anonymous' || request.resourceAccount !== caller.accountId) return 'Access Denied';
    return accessDeniedMessage({ action: request.action, resource: `"${request.resource}"`, principal: caller.arn }, decision);
  }
  const subject = { action: request.action, resource: request.resource, principal: caller.arn };
  return request.trust !== undefined ? trustDeniedMessage(subject, decision) : accessDeniedMessage(subject, decision);
}

/** STS's AccessDenied text for a trust-policy decision: no reason clause, an explicit deny still named. */
function trustDeniedMessage(subject: { action: string; resource: string; principal: string }, decision: Decision): string {
  return accessDeniedMessage(subject, decision.result === 'ExplicitlyDenied' ? decision : { ...decision, reasons: [] });
}

const denied = (): Decision => ({ result: 'ImplicitlyDenied', decidedBy: [], reasons: [], missingKeys: [], byPolicyType: {} });

function record(ctx: { requestId: string; receivedAt: Date }, caller: Caller, request: AuthzRequest, decision: Decision, mode: 'on' | 'soft' | 'off', message?: string): DecisionRecord {
  return {
    time: ctx.receivedAt.toISOString(),
    requestId: ctx.requestId,
    accountId: caller.accountId,
    ...(request.resourceAccount && request.resourceAccount !== caller.accountId ? { resourceAccountId: request.resourceAccount } : {}),
    principal: caller.arn,
    action: request.action,
    resource: request.resource,
    result: decision.result,
    mode,
    decidedBy: decision.decidedBy,
    reasons: decision.reasons,
    missingKeys: decision.missingKeys,
    // The context explains denials (missing keys, conditions); an allow is explained by its statements.
    context: decision.result === 'Allowed' ? {} : request.context,
    ...(message ? { message } : {}),
  };
}
