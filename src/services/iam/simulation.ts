// IAM's policy simulator on the policy library: request contexts from ContextEntries, one
// evaluation per action and resource, and results in SimulatePolicyResponse's shapes.
import { evaluate, loadPolicy, toSimulatorStatements, simulatorDecision, type ContextValue, type PolicyRef, type PolicySet } from '../../policy/index.js';
import type { ContextEntry, EvaluationResult, SimulatePolicyResponse, Statement } from '../../generated/iam/shapes.js';
import { InvalidInputException } from '../../generated/iam/errors.js';
import { pageList } from './pages.js';

export interface NamedPolicy extends PolicyRef {
  /** SourcePolicyId and SourcePolicyType as the simulator reports them (no type for input documents). */
  sourceId: string;
  sourceType?: string;
}

/** Compiles simulator input documents; a malformed one answers InvalidInput with AWS's grammar message. */
export function inputPolicies(docs: string[] | undefined, member: string, kind: 'identity' | 'boundary' | 'resource'): NamedPolicy[] {
  return (docs ?? []).map((doc, i) => {
    const loaded = loadPolicy(doc, kind);
    if (!loaded.ok) throw new InvalidInputException(`${member}.${i + 1}: ${loaded.errors[0].message}`);
    const id = kind === 'resource' ? member : `${member}.${i + 1}`;
    return { id, policy: loaded.policy, sourceId: id, ...(kind === 'resource' ? { sourceType: 'resource' } : {}) };
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

export function simulate(sim: Simulation): SimulatePolicyResponse {
  const byId = new Map<string, NamedPolicy>();
  for (const p of [...sim.identity, ...(sim.boundary ?? []), ...(sim.resourcePolicy ? [sim.resourcePolicy] : [])]) byId.set(p.id, p);
  const results: EvaluationResult[] = [];
  for (const action of sim.actions) {
    for (const resource of sim.resources) {
      const results1: EvaluationResult[] = [];
      // Several boundary documents act as one boundary: the request must be allowed by one of them.
      const boundaries = sim.boundary?.length ? sim.boundary : [undefined];
      let best: ReturnType<typeof evaluate> | undefined;
      for (const b of boundaries) {
        const set: PolicySet = { identity: sim.identity, resource: sim.resourcePolicy, boundary: b, crossAccount: sim.crossAccount };
        const d = evaluate({ action, resource, principal: sim.principal, context: sim.context }, set);
        if (!best || d.result === 'Allowed' || (best.result === 'ImplicitlyDenied' && d.result === 'ExplicitlyDenied')) best = d;
        if (d.result === 'Allowed') break;
      }
      const d = best!;
      const matched = statements(d.decidedBy, byId);
      results1.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: simulatorDecision(d),
        MatchedStatements: matched,
        MissingContextValues: [...d.missingKeys],
        ...(sim.boundary?.length ? { PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: d.byPolicyType.boundary === 'Allowed' } } : {}),
        ...(sim.crossAccount && sim.resourcePolicy
          ? { EvalDecisionDetails: { 'IAM Policy': toName(d.byPolicyType.identity), 'Resource Policy': toName(d.byPolicyType.resource) } }
          : {}),
        ...(sim.resourcesGiven
          ? { ResourceSpecificResults: [{ EvalResourceName: resource, EvalResourceDecision: simulatorDecision(d), MatchedStatements: matched, MissingContextValues: [...d.missingKeys] }] }
          : {}),
      });
      results.push(...results1);
    }
  }
  const page = pageList(results, sim.marker, sim.maxItems);
  return { EvaluationResults: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
}

function toName(r: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | undefined): 'allowed' | 'explicitDeny' | 'implicitDeny' {
  return r === 'Allowed' ? 'allowed' : r === 'ExplicitlyDenied' ? 'explicitDeny' : 'implicitDeny';
}
