// Combines the analysis of each policy type in the order of AWS's "Policy evaluation logic" page:
// explicit deny, SCPs, resource-based policies, identity-based policies, permissions boundary,
// session policies. Each rule is a named step below; the result is a Decision value.
import type { Decision, DecisionResult, DenialReason, MatchedStatement, PolicyRef, PolicySet, PolicyType, RequestContext } from '../types.js';
import { analyse, Outcome } from './analyse.js';
import { EvalState } from './state.js';
import { callerType } from '../match/principal.js';

const NONE: readonly never[] = Object.freeze([]);
const NO_REFS: readonly PolicyRef[] = NONE;

/** Decides `request` against `policies` exactly as AWS's evaluation logic does. */
export function evaluate(request: RequestContext, policies: PolicySet): Decision {
  const state = new EvalState(request);
  state.crossAccount = policies.crossAccount === true;
  const matches: MatchedStatement[] = [];
  const identity = analyse(policies.identity ?? NO_REFS, 'identity', state, matches);
  const resource = policies.resource ? analyse([policies.resource], 'resource', state, matches) : 0;
  const boundary = policies.boundary ? analyse([policies.boundary], 'boundary', state, matches) : 0;
  const session = policies.session?.length ? analyse(policies.session, 'session', state, matches) : 0;
  let scpDenied = false;
  let scpMissingLevel = -1;
  for (let level = 0; level < (policies.scp?.length ?? 0); level++) {
    const o = analyse(policies.scp![level]!, 'scp', state, matches);
    if (o & Outcome.Deny) scpDenied = true;
    else if (!(o & Outcome.Allow) && scpMissingLevel < 0) scpMissingLevel = level;
  }
  const byPolicyType = resultsByType(policies, identity, resource, boundary, session, scpDenied, scpMissingLevel);
  const missingKeys = state.missingKeys ?? NONE;

  // 1. An explicit deny in any policy wins.
  if (scpDenied || ((identity | resource | boundary | session) & Outcome.Deny)) {
    const denies = matches.filter((m) => m.effect === 'Deny');
    const reasons: DenialReason[] = [];
    for (const m of denies) if (!reasons.some((r) => r.code === 'ExplicitDeny' && r.policyType === m.policyType)) reasons.push({ code: 'ExplicitDeny', policyType: m.policyType });
    return { result: 'ExplicitlyDenied', decidedBy: denies, reasons, missingKeys, byPolicyType };
  }
  // 2. Every SCP level must allow (AWS Organizations, "SCP evaluation").
  if (scpMissingLevel >= 0) return implicitDeny([{ code: 'ScpDoesNotAllow', level: scpMissingLevel }], missingKeys, byPolicyType);

  const allowed = allowedBy(request, policies, callerType(request) === 'AWS', identity, resource, boundary, session);
  if (allowed) return { result: 'Allowed', decidedBy: matches, reasons: NONE, missingKeys, byPolicyType };
  return implicitDeny(denialReasons(policies, callerType(request) === 'AWS' && request.principal !== '*', identity, resource, boundary, session), missingKeys, byPolicyType);
}

/**
 * Steps 3–6 for a request no policy denies. Same account: a resource-based policy that names the
 * caller itself (user, session, `*`) allows on its own; one that names the role of a session is
 * still limited by the boundary and session policies; otherwise identity-based policies must allow,
 * within the boundary and session policies. Cross account, and for trust policies, the resource
 * side must allow too ("Cross-account policy evaluation logic"; "Permissions boundaries";
 * "Session policies"; a trust policy must name the caller even in the same account).
 */
function allowedBy(request: RequestContext, p: PolicySet, isAws: boolean, identity: number, resource: number, boundary: number, session: number): boolean {
  const cross = p.crossAccount === true;
  const trust = p.trustPolicy ?? p.resource?.policy.kind === 'trust';
  // Service principals, federated providers and anonymous callers have no identity policies.
  if (!isAws || request.principal === '*') return (resource & Outcome.Direct) !== 0 || (resource & Outcome.Role) !== 0;
  const boundaryAllows = !p.boundary || (boundary & Outcome.Allow) !== 0;
  const sessionAllows = !p.session?.length || (session & Outcome.Allow) !== 0;
  if (!cross) {
    if (resource & Outcome.Direct) return true;
    if (resource & Outcome.Role && boundaryAllows && sessionAllows) return true;
  }
  if (!(identity & Outcome.Allow) || !boundaryAllows || !sessionAllows) return false;
  if (!cross && !trust) return true;
  return (resource & Outcome.Allow) !== 0;
}

function denialReasons(p: PolicySet, isAws: boolean, identity: number, resource: number, boundary: number, session: number): DenialReason[] {
  const reasons: DenialReason[] = [];
  const trust = p.trustPolicy ?? p.resource?.policy.kind === 'trust';
  if (!((identity | resource) & Outcome.Allow)) {
    // Behind a trust policy both sides are named for an IAM caller, so a lone TrustPolicyDoesNotAllow
    // means its identity policies did allow (service and federated callers have none).
    if (trust) reasons.push({ code: 'TrustPolicyDoesNotAllow' }, ...(isAws ? [{ code: 'IdentityPolicyDoesNotAllow' } as const] : []));
    else reasons.push({ code: 'NoAllowingStatement' });
    return reasons;
  }
  if (!(resource & Outcome.Allow) && (trust || p.crossAccount)) reasons.push({ code: trust ? 'TrustPolicyDoesNotAllow' : 'ResourcePolicyDoesNotAllow' });
  if (!(identity & Outcome.Allow)) reasons.push({ code: 'IdentityPolicyDoesNotAllow' });
  if (p.boundary && !(boundary & Outcome.Allow)) reasons.push({ code: 'BoundaryDoesNotAllow' });
  if (p.session?.length && !(session & Outcome.Allow)) reasons.push({ code: 'SessionPolicyDoesNotAllow' });
  if (reasons.length === 0) reasons.push({ code: 'NoAllowingStatement' });
  return reasons;
}

function implicitDeny(reasons: readonly DenialReason[], missingKeys: readonly string[], byPolicyType: Decision['byPolicyType']): Decision {
  return { result: 'ImplicitlyDenied', decidedBy: NONE, reasons, missingKeys, byPolicyType };
}

function typeResult(outcome: number): DecisionResult {
  return outcome & Outcome.Deny ? 'ExplicitlyDenied' : outcome & Outcome.Allow ? 'Allowed' : 'ImplicitlyDenied';
}

function resultsByType(p: PolicySet, identity: number, resource: number, boundary: number, session: number, scpDenied: boolean, scpMissing: number): Decision['byPolicyType'] {
  const out: Partial<Record<PolicyType, DecisionResult>> = {};
  if (p.identity?.length) out.identity = typeResult(identity);
  if (p.resource) out.resource = typeResult(resource);
  if (p.boundary) out.boundary = typeResult(boundary);
  if (p.session?.length) out.session = typeResult(session);
  if (p.scp?.length) out.scp = scpDenied ? 'ExplicitlyDenied' : scpMissing >= 0 ? 'ImplicitlyDenied' : 'Allowed';
  return out;
}
