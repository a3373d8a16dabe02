// IAM's policy simulator on the policy library: request contexts from ContextEntries, one
// evaluation per action and resource, and one EvaluationResult per action in SimulatePolicyResponse's shapes.
import { evaluate, loadPolicy, resourceTypeFormat, toSimulatorStatements, simulatorDecision, type ContextValue, type PolicyRef, type PolicySet } from '../../policy/index.js';
import type { ContextEntry, EvaluationResult, SimulatePolicyResponse, Statement } from '../../generated/iam/shapes.js';
import { InvalidInputException } from '../../generated/iam/errors.js';
import { pageList } from './pages.js';

export interface NamedPolicy extends PolicyRef {
  /** SourcePolicyId and SourcePolicyType as the simulator reports them ("IAM Policy", "Resource Policy"). */
  sourceId: string;
  sourceType?: string;
}

/** Compiles simulator input documents; a malformed one answers InvalidInput with AWS's grammar message. */
export function inputPolicies(docs: string[] | undefined, member: string, kind: 'identity' | 'boundary' | 'resource'): NamedPolicy[] {
  // "You can input only one permissions boundary when you pass a policy to this operation" (API Reference).
  if (kind === 'boundary' && (docs?.length ?? 0) > 1) {
    throw new InvalidInputException(`${member} accepts only one permissions boundary policy; ${docs!.length} were given.`);
  }
  return (docs ?? []).map((doc, i) => {
    const loaded = loadPolicy(doc, kind);
    if (!loaded.ok) throw new InvalidInputException(`${member}.${i + 1}: ${loaded.errors[0].message}`);
    const id = kind === 'resource' ? member : `${member}.${i + 1}`;
    // As IAM's simulator reports them: "IAM Policy" for identity documents, "Resource Policy" for the resource policy.
    const sourceType = kind === 'resource' ? 'Resource Policy' : kind === 'identity' ? 'IAM Policy' : undefined;
    return { id, policy: loaded.policy, sourceId: id, ...(sourceType ? { sourceType } : {}) };
  });
}

/** The simulator's own input rules (IAM API reference, SimulateCustomPolicy / SimulatePrincipalPolicy). */
export function checkSimulationInput(actions: string[], callerArn: string | undefined): void {
  for (const a of actions) {
    if (a.includes('*') || a.includes('?')) throw new InvalidInputException(`Action name ${a} must not contain wildcards.`);
    if (!/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(a)) throw new InvalidInputException(`Action name ${a} must be in the form service:ActionName.`);
  }
  if (callerArn !== undefined && !/^arn:aws:iam::\d{12}:user\/(?:[^/]+\/)*[^/]+$/.test(callerArn)) {
    throw new InvalidInputException(`Invalid CallerArn ${callerArn}: only the ARN of an IAM user can be the simulated caller.`);
  }
}

export function contextFrom(entries: ContextEntry[] | undefined): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const e of entries ?? []) {
    if (!e.ContextKeyName) continue;
    const values = e.ContextKeyValues ?? [];
    const isList = e.ContextKeyType?.endsWith('List') ?? false;
    context[e.ContextKeyName] = isList || values.length !== 1 ? values : values[0];
  }
  return context;
}

/** The account of an ARN (or of a bare 12-digit account id). */
export function accountOf(arnOrAccount: string | undefined): string | undefined {
  if (!arnOrAccount) return undefined;
  if (/^\d{12}$/.test(arnOrAccount)) return arnOrAccount;
  const parts = arnOrAccount.split(':');
  return parts.length >= 6 && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

export interface Simulation {
  actions: string[];
  resources: string[];
  principal: string;
  context: Record<string, ContextValue>;
  identity: NamedPolicy[];
  boundary?: NamedPolicy[];
  resourcePolicy?: NamedPolicy;
  crossAccount: boolean;
  marker?: string;
  maxItems?: number;
  /** Resource-specific results are reported when the caller named resources. */
  resourcesGiven: boolean;
}

function statements(decidedBy: ReturnType<typeof evaluate>['decidedBy'], byId: Map<string, NamedPolicy>): Statement[] {
  return toSimulatorStatements(decidedBy).map((s) => {
    const p = byId.get(s.SourcePolicyId);
    const out: Statement = { SourcePolicyId: p?.sourceId ?? s.SourcePolicyId, StartPosition: s.StartPosition, EndPosition: s.EndPosition };
    if (p?.sourceType) out.SourcePolicyType = p.sourceType as Statement['SourcePolicyType'];
    return out;
  });
}

/** One action on one resource: the decision and the parts of the response that describe it. */
interface ResourceOutcome {
  resource: string;
  decision: Decision;
  matched: Statement[];
  missing: string[];
  boundaryAllows?: boolean;
  details?: Record<string, Decision>;
}

type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';
const SEVERITY: Record<Decision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

/**
 * Whether the resource policy's side is another account: a resource whose ARN names an account is
 * owned by that account; ResourceOwner (or else the caller's account) owns "any simulated resource
 * that does not identify its owner in the resource ARN" (IAM API Reference, ResourceOwner).
 */
function crossAccountFor(sim: Simulation, resource: string): boolean {
  if (!sim.resourcePolicy) return false;
  const named = accountOf(resource);
  const caller = accountOf(sim.principal);
  return named !== undefined && caller !== undefined ? named !== caller : sim.crossAccount;
}

function decide(sim: Simulation, action: string, resource: string, byId: Map<string, NamedPolicy>): ResourceOutcome {
  const crossAccount = crossAccountFor(sim, resource);
  // Several boundary documents act as one boundary: the request must be allowed by one of them.
  const boundaries = sim.boundary?.length ? sim.boundary : [undefined];
  let best: ReturnType<typeof evaluate> | undefined;
  for (const b of boundaries) {
    const set: PolicySet = { identity: sim.identity, resource: sim.resourcePolicy, boundary: b, crossAccount };
    const d = evaluate({ action, resource, principal: sim.principal, context: sim.context }, set);
    if (!best || d.result === 'Allowed' || (best.result === 'ImplicitlyDenied' && d.result === 'ExplicitlyDenied')) best = d;
    if (d.result === 'Allowed') break;
  }
  const d = best!;
  return {
    resource,
    decision: simulatorDecision(d),
    matched: statements(d.decidedBy, byId),
    missing: [...d.missingKeys],
    ...(sim.boundary?.length ? { boundaryAllows: d.byPolicyType.boundary === 'Allowed' } : {}),
    ...(crossAccount ? { details: { 'IAM Policy': toName(d.byPolicyType.identity), 'Resource Policy': toName(d.byPolicyType.resource) } } : {}),
  };
}

/** Adds the items of `more` that `into` lacks (statements by source and position, keys case-insensitively). */
function union<T>(into: T[], more: readonly T[], key: (x: T) => string): void {
  const seen = new Set(into.map(key));
  for (const x of more) {
    const k = key(x);
    if (!seen.has(k)) {
      seen.add(k);
      into.push(x);
    }
  }
}
const statementKey = (s: Statement) => `${s.SourcePolicyId}@${s.StartPosition?.Line}:${s.StartPosition?.Column}`;
const contextKey = (k: string) => k.toLowerCase();

/**
 * One EvaluationResult per action, whatever the number of resources (IAM API Reference,
 * EvaluationResult): with several resources its EvalResourceName is the action's resource type
 * (the reference's ARN format), its EvalDecision the most restrictive decision over the resources, its
 * MatchedStatements and MissingContextValues those of that aggregate decision, and
 * ResourceSpecificResults holds the decision for each resource the caller named.
 */
function aggregate(sim: Simulation, action: string, outcomes: ResourceOutcome[]): EvaluationResult {
  let decision: Decision = 'allowed';
  for (const o of outcomes) if (SEVERITY[o.decision] > SEVERITY[decision]) decision = o.decision;
  const matched: Statement[] = [];
  const missing: string[] = [];
  for (const o of outcomes) {
    if (o.decision === decision) union(matched, o.matched, statementKey);
    union(missing, o.missing, contextKey);
  }
  const result: EvaluationResult = {
    EvalActionName: action,
    // One resource: the top level is about it. Several: about the action's resource type, named by
    // its ARN format (as IAM answers), or "*" for an action that takes no resource type.
    EvalResourceName: outcomes.length === 1 ? outcomes[0]!.resource : resourceTypeFormat(action, outcomes[0]!.resource) ?? '*',
    EvalDecision: decision,
    MatchedStatements: matched,
    MissingContextValues: missing,
  };
  if (sim.boundary?.length) result.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: outcomes.every((o) => o.boundaryAllows) };
  if (outcomes[0]!.details) {
    // Each side's contribution, the most restrictive over the resources.
    const details: Record<string, Decision> = {};
    for (const o of outcomes)
      for (const [k, v] of Object.entries(o.details ?? {})) if (!details[k] || SEVERITY[v] > SEVERITY[details[k]!]) details[k] = v;
    result.EvalDecisionDetails = details;
  } else if (sim.resourcesGiven && outcomes.some((o) => o.resource !== '*')) {
    // Same account, a resource ARN named: "the parameter is present but the response is empty"
    // (API Reference, EvaluationResult); with all resources (*) it is not returned.
    result.EvalDecisionDetails = {};
  }
  if (sim.resourcesGiven) {
    result.ResourceSpecificResults = outcomes.map((o) => ({
      EvalResourceName: o.resource,
      EvalResourceDecision: o.decision,
      MatchedStatements: o.matched,
      MissingContextValues: o.missing,
      ...(o.boundaryAllows !== undefined ? { PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: o.boundaryAllows } } : {}),
      ...(o.details ? { EvalDecisionDetails: o.details } : {}),
    }));
  }
  return result;
}

export function simulate(sim: Simulation): SimulatePolicyResponse {
  const byId = new Map<string, NamedPolicy>();
  for (const p of [...sim.identity, ...(sim.boundary ?? []), ...(sim.resourcePolicy ? [sim.resourcePolicy] : [])]) byId.set(p.id, p);
  const results = sim.actions.map((action) => aggregate(sim, action, sim.resources.map((resource) => decide(sim, action, resource, byId))));
  const page = pageList(results, sim.marker, sim.maxItems);
  return { EvaluationResults: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
}

function toName(r: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | undefined): Decision {
  return r === 'Allowed' ? 'allowed' : r === 'ExplicitlyDenied' ? 'explicitDeny' : 'implicitDeny';
}
