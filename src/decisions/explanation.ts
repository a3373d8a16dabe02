// Decision records in words, for `rolegate explain`, the admin route and the console: who may or
// may not do what, which statements decided, and what would change a denial. Only formats.
import type { DecisionRecord } from '../shared/decision-record.js';
import { statementLabel, type DenialReason, type MatchedStatement, type PolicyType } from '../policy/index.js';
import { identityAllowed, isOutsidePolicies, otherRefusals, suggestStatement } from './suggest.js';

const POLICY_TYPE: Record<PolicyType, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
};

/**
 * One statement as people cite it, counted from 1 and placed in its document:
 * `identity-based policy arn:… statement 2 (Sid "ReadImports") at line 9, column 5`.
 */
export function describeStatement(s: MatchedStatement): string {
  return `${POLICY_TYPE[s.policyType]} ${s.policy} ${statementLabel(s)}`;
}

/** Why a denial happened, per reason, in the words of AWS's AccessDenied messages. */
function reasonText(reason: DenialReason, action: string): string {
  switch (reason.code) {
    case 'ExplicitDeny':
      return `an explicit deny in ${/^[aeiou]/.test(POLICY_TYPE[reason.policyType]) ? 'an' : 'a'} ${POLICY_TYPE[reason.policyType]}`;
    case 'NoAllowingStatement':
    case 'IdentityPolicyDoesNotAllow':
      return `no identity-based policy allows the ${action} action`;
    case 'ResourcePolicyDoesNotAllow':
      return `no resource-based policy allows the ${action} action (cross-account access needs both sides to allow)`;
    case 'TrustPolicyDoesNotAllow':
      return `the role's trust policy does not allow this caller`;
    case 'BoundaryDoesNotAllow':
      return `no permissions boundary allows the ${action} action`;
    case 'SessionPolicyDoesNotAllow':
      return `no session policy allows the ${action} action`;
    case 'ScpDoesNotAllow':
      return `no service control policy allows the ${action} action (level ${reason.level})`;
  }
}

/** One decision as a short paragraph. */
export function explainDecision(r: DecisionRecord): string {
  const who = `${r.principal} may${r.result === 'Allowed' ? '' : ' not'} ${r.action} on ${r.resource}`;
  const lines: string[] = [];
  if (r.result === 'Allowed') {
    const allows = r.decidedBy.filter((s) => s.effect === 'Allow');
    if (allows.length) lines.push(`Allowed: ${who} — allowed by ${allows.map(describeStatement).join('; ')}.`);
    else if (/^arn:[^:]+:iam::\d{12}:root$/.test(r.principal)) lines.push(`Allowed: ${who} — the account root may do everything in its own account.`);
    else lines.push(`Allowed: ${who} — no policy statement was needed for this action.`);
    return lines.join('\n');
  }
  if (isOutsidePolicies(r)) {
    // Not the policies' decision (e.g. a root user assuming a role): AWS's rule, in its own words.
    lines.push(`Denied: ${who} — ${r.message ?? 'AWS does not allow this request whatever the policies say'}`);
    lines.push('No policy change can allow this request.');
    return lines.join('\n');
  }
  lines.push(`Denied: ${who} — ${unique(r.reasons.map((x) => reasonText(x, r.action))).join('; ')}.`);
  if (r.mode === 'soft') lines.push('Soft enforcement: the denial was recorded and the request went ahead.');
  const denies = r.decidedBy.filter((s) => s.effect === 'Deny');
  if (denies.length) lines.push(`Denied by: ${denies.map(describeStatement).join('; ')}.`);
  if (r.missingKeys.length) lines.push(`Missing context keys: ${r.missingKeys.join(', ')} (statements that name them could not match).`);
  for (const miss of r.trustConditions ?? []) {
    const values = miss.keys.map((k) => {
      const v = contextValue(r.context, k);
      return v === undefined ? `${k} (not in the request)` : `${k} = ${JSON.stringify(v)}`;
    });
    lines.push(`The trust policy's ${statementLabel(miss)} names this caller, but its conditions did not hold: ${values.join(', ')}.`);
  }
  if (r.result === 'ExplicitlyDenied') {
    lines.push('No Allow can override an explicit deny: change or remove the denying statement instead.');
  } else {
    const statement = identityAllowed(r.reasons) ? null : r.suggestion ?? suggestStatement(r);
    const others = otherRefusals(r.reasons);
    if (statement) {
      lines.push(`Would be allowed by: ${JSON.stringify(statement)} in an identity-based policy of ${r.principal}.`);
      if (others.length) lines.push(`It must also be allowed by ${others.join(' and ')}.`);
    } else if (others.length) lines.push(`Identity-based policies allow it; ${others.join(' and ')} must allow it too.`);
  }
  return lines.join('\n');
}

/** A context value by key name, compared case-insensitively as condition keys are. */
function contextValue(context: DecisionRecord['context'], key: string): string | readonly string[] | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Every decision of one request, in the order they were made. */
export function explainRequest(requestId: string, records: readonly DecisionRecord[]): string {
  if (records.length === 0) return `No decision is recorded for request ${requestId}.`;
  const head = records.length === 1 ? '' : `Request ${requestId} needed ${records.length} decisions.\n\n`;
  return head + records.map(explainDecision).join('\n\n');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
