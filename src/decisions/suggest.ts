// Least-privilege suggestions from recorded denials: the one statement that would have allowed a
// denied request, and a policy document for many. Every suggested document is checked with the
// policy library (it must parse and must allow what it claims to); nothing here decides requests.
import type { DecisionRecord } from '../shared/decision-record.js';
import { compilePolicy, evaluate, parsePolicy, policySize, policySizeLimits, type DenialReason } from '../policy/index.js';

export interface SuggestedStatement {
  Effect: 'Allow';
  Action: string;
  Resource: string;
}

export interface PolicyStatement {
  Effect: 'Allow';
  Action: string | string[];
  Resource: string | string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicySuggestion {
  /** `undefined` when no denial can be fixed by an identity-policy Allow. */
  policy?: PolicyDocument;
  /** Denials the document allows (checked with `evaluate`). */
  covered: DecisionRecord[];
  /** Denials decided by an explicit Deny: no Allow can change them. */
  explicitlyDenied: DecisionRecord[];
  /** Denials the document allows, but that another policy (boundary, session, SCP, resource or trust policy) also refuses. */
  alsoNeeds: { record: DecisionRecord; policies: string[] }[];
  /** Denials no identity statement fixes: identity policies already allowed and the named other policies refused, or a fixed rule (its message) did. */
  refusedElsewhere: { record: DecisionRecord; policies: string[] }[];
  /** Denials the checked document would still not allow (e.g. a resource IAM cannot name); should stay empty. */
  uncovered: DecisionRecord[];
  /** The document's size as IAM counts it, and whether it fits a managed policy. */
  size: number;
  fitsManagedPolicy: boolean;
}

/**
 * The smallest identity-policy statement that would have allowed a denied request: exactly its
 * action on exactly its resource. `null` for an allowed request, for an explicit deny, which no
 * Allow can override (IAM User Guide, "Policy evaluation logic"), and when the identity policies
 * already allowed and only another policy refused (see `otherRefusals`), and for a denial by a
 * fixed rule rather than by policies (see `isOutsidePolicies`).
 */
export function suggestStatement(r: DecisionRecord): SuggestedStatement | null {
  if (r.result !== 'ImplicitlyDenied' || identityAllowed(r.reasons) || isOutsidePolicies(r)) return null;
  return { Effect: 'Allow', Action: r.action, Resource: literalResource(r.resource) };
}

/**
 * True when the reasons show that identity-based policies allowed the request: the engine names
 * `NoAllowingStatement` or `IdentityPolicyDoesNotAllow` whenever they did not (behind a trust
 * policy too), except when it stopped early (an SCP), where it cannot be told.
 */
export function identityAllowed(reasons: readonly DenialReason[]): boolean {
  if (reasons.length === 0) return false;
  for (const r of reasons) {
    if (r.code === 'NoAllowingStatement' || r.code === 'IdentityPolicyDoesNotAllow' || r.code === 'ScpDoesNotAllow' || r.code === 'ExplicitDeny') return false;
  }
  return true;
}

/**
 * A denial the policy engine did not make: AWS's fixed rules (a root user may not assume a role)
 * are recorded with no reasons, and no policy changes them. The engine always gives a reason.
 */
export function isOutsidePolicies(r: DecisionRecord): boolean {
  return r.result !== 'Allowed' && r.reasons.length === 0;
}

/** What else refused the request besides (or instead of) the identity policies, in words. */
export function otherRefusals(reasons: readonly DenialReason[]): string[] {
  const out: string[] = [];
  for (const reason of reasons) {
    const text = REFUSED_BY[reason.code];
    if (text && !out.includes(text)) out.push(text);
  }
  return out;
}

const REFUSED_BY: Partial<Record<DenialReason['code'], string>> = {
  BoundaryDoesNotAllow: 'the permissions boundary',
  SessionPolicyDoesNotAllow: 'the session policy',
  ScpDoesNotAllow: 'a service control policy',
  ResourcePolicyDoesNotAllow: 'the resource-based policy (cross-account access needs both sides)',
  TrustPolicyDoesNotAllow: "the role's trust policy",
};

/**
 * A least-privilege identity policy for a principal's denials: one statement per resource with its
 * sorted, unique actions (resources with the same actions share a statement, which allows exactly
 * the same pairs). Allowed records are ignored; explicit denials are left out and returned apart.
 */
export function suggestPolicy(records: readonly DecisionRecord[]): PolicySuggestion {
  const explicitlyDenied: DecisionRecord[] = [];
  const refusedElsewhere: PolicySuggestion['refusedElsewhere'] = [];
  const candidates: DecisionRecord[] = [];
  const actionsByResource = new Map<string, Map<string, string>>();
  for (const r of records) {
    if (r.result === 'ExplicitlyDenied') explicitlyDenied.push(r);
    if (r.result !== 'ImplicitlyDenied') continue;
    if (isOutsidePolicies(r)) {
      refusedElsewhere.push({ record: r, policies: [r.message ?? 'a rule no policy can change'] });
      continue;
    }
    if (identityAllowed(r.reasons)) {
      refusedElsewhere.push({ record: r, policies: otherRefusals(r.reasons) });
      continue;
    }
    candidates.push(r);
    const resource = literalResource(r.resource);
    let actions = actionsByResource.get(resource);
    if (!actions) actionsByResource.set(resource, (actions = new Map()));
    // Actions compare case-insensitively; the first spelling seen is kept.
    if (!actions.has(r.action.toLowerCase())) actions.set(r.action.toLowerCase(), r.action);
  }
  const empty: PolicySuggestion = { covered: [], explicitlyDenied, alsoNeeds: [], refusedElsewhere, uncovered: [], size: 0, fitsManagedPolicy: true };
  if (candidates.length === 0) return empty;

  const resourcesByActions = new Map<string, { actions: string[]; resources: string[] }>();
  for (const [resource, actions] of actionsByResource) {
    const sorted = [...actions.values()].sort(byText);
    const key = sorted.map((a) => a.toLowerCase()).join('\n');
    const group = resourcesByActions.get(key);
    if (group) group.resources.push(resource);
    else resourcesByActions.set(key, { actions: sorted, resources: [resource] });
  }
  const statements = [...resourcesByActions.values()]
    .map(({ actions, resources }) => {
      resources.sort(byText);
      return { Effect: 'Allow' as const, Action: one(actions), Resource: one(resources) };
    })
    .sort((a, b) => byText(first(a.Resource), first(b.Resource)));
  const policy: PolicyDocument = { Version: '2012-10-17', Statement: statements };
  const text = JSON.stringify(policy, null, 2);

  const parsed = parsePolicy(text, 'identity', { managed: true });
  if (!parsed.ok) return { ...empty, policy, uncovered: candidates, size: policySize(text) };
  const set = { identity: [{ id: 'suggested', policy: compilePolicy(parsed.policy) }] };
  const covered: DecisionRecord[] = [];
  const uncovered: DecisionRecord[] = [];
  const alsoNeeds: PolicySuggestion['alsoNeeds'] = [];
  for (const r of candidates) {
    const decision = evaluate({ action: r.action, resource: r.resource, principal: r.principal, context: r.context }, set);
    if (decision.result !== 'Allowed') {
      uncovered.push(r);
      continue;
    }
    covered.push(r);
    const others = otherRefusals(r.reasons);
    if (others.length) alsoNeeds.push({ record: r, policies: others });
  }
  const size = policySize(text);
  return { policy, covered, explicitlyDenied, alsoNeeds, refusedElsewhere, uncovered, size, fitsManagedPolicy: size <= policySizeLimits.managed };
}

/**
 * A resource as a policy names exactly it: `*`, `?` and `$` are written `${*}`, `${?}` and `${$}`,
 * so a key named `a*b` does not become a wildcard (IAM User Guide, "Special characters").
 * `*` on its own stays: it is how actions without resource-level permissions are recorded.
 */
export function literalResource(resource: string): string {
  if (resource === '*') return resource;
  return /[*?$]/.test(resource) ? resource.replace(/[*?$]/g, (c) => '${' + c + '}') : resource;
}

const one = (values: string[]): string | string[] => (values.length === 1 ? values[0]! : values);
const first = (v: string | string[]): string => (typeof v === 'string' ? v : v[0]!);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
