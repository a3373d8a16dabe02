// GetDelegationRequest's permission check: would the caller's own policies allow every action on
// every resource the request's policy allows? ALLOWED or DENIED when the policy names its actions
// outright (a resource pattern is decided as written: the caller's policies must cover the pattern
// itself); UNSURE when action wildcards, NotAction, NotResource or conditions make the answer depend
// on requests not yet made (the delegated credentials get the intersection either way).
import { evaluate, type PolicyRef } from '../../policy/index.js';
import { loadStored, rolePolicies, userPolicies, type PrincipalPolicies } from '../../directory/principal-policies.js';
import type { HandlerContext } from '../types.js';

type Result = 'ALLOWED' | 'DENIED' | 'UNSURE';
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export async function permissionCheck(ctx: HandlerContext, policy: string): Promise<Result> {
  const caller = ctx.caller;
  if (caller.type === 'root') return 'ALLOWED';
  let policies: PrincipalPolicies;
  if (caller.type === 'user' && caller.userName) policies = await userPolicies(ctx.store, caller.accountId, caller.userName, ctx.partition);
  else if (caller.type === 'assumed-role' && caller.session?.roleName) policies = await rolePolicies(ctx.store, caller.accountId, caller.session.roleName, ctx.partition);
  else return 'UNSURE';
  const session: PolicyRef[] = [];
  if (caller.session?.sessionPolicy) {
    const l = loadStored(caller.session.sessionPolicy, 'session');
    if (l.ok) session.push({ id: 'session-policy', policy: l.policy });
  }
  const doc = JSON.parse(policy) as { Statement?: unknown };
  let unsure = false;
  for (const s of list(doc.Statement) as Record<string, unknown>[]) {
    if (s.Effect !== 'Allow') continue;
    if (s.NotAction !== undefined || s.NotResource !== undefined || s.Condition !== undefined) { unsure = true; continue; }
    for (const action of list(s.Action)) {
      for (const resource of list(s.Resource)) {
        if (typeof action !== 'string' || typeof resource !== 'string' || /[*?]/.test(action)) { unsure = true; continue; }
        const d = evaluate({ action, resource, principal: caller.arn, context: {} }, { identity: policies.identity, boundary: policies.boundary, ...(session.length ? { session } : {}) });
        if (d.result !== 'Allowed') return 'DENIED';
      }
    }
  }
  return unsure ? 'UNSURE' : 'ALLOWED';
}
