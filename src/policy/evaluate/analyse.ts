// Analyses the policies of one type against a request: which statements deny, which allow, and for
// resource and trust policies how the Principal element named the caller. Combining the types is
// decide.ts's job.
import type { MatchedStatement, PolicyRef, PolicyType } from '../types.js';
import { statementsForAction, type CompiledPolicy, type CompiledStatement } from '../compile.js';
import { matchesResourceSet } from '../match/resource.js';
import { matchPrincipal, notPrincipalApplies, PrincipalMatch } from '../match/principal.js';
import { evaluateCondition } from '../conditions/evaluate.js';
import type { EvalState } from './state.js';

/** Bits of an analysis: some statement allows, denies; how resource-policy allows named the caller. */
export const Outcome = { Allow: 1, Deny: 2, Direct: 4, Role: 8, Account: 16 } as const;

/** The statements of one type that matched, pushed to `matches`; returns Outcome bits. */
export function analyse(refs: readonly PolicyRef[], type: PolicyType, state: EvalState, matches: MatchedStatement[]): number {
  let outcome = 0;
  for (let r = 0; r < refs.length; r++) {
    const ref = refs[r]!;
    const statements = statementsForAction(ref.policy as CompiledPolicy, state.action, state.service);
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i]!;
      const how = statementMatches(s, type, state);
      if (how === PrincipalMatch.None) continue;
      if (s.effect === 'Deny') outcome |= Outcome.Deny;
      else outcome |= Outcome.Allow | (how === PrincipalMatch.Direct ? Outcome.Direct : how === PrincipalMatch.Role ? Outcome.Role : Outcome.Account);
      matches.push(matched(ref.id, type, s));
    }
  }
  return outcome;
}

function matched(policy: string, policyType: PolicyType, s: CompiledStatement): MatchedStatement {
  return { policy, policyType, statement: s.index, sid: s.sid, effect: s.effect, start: s.start, end: s.end };
}

/**
 * Does a statement selected for the request's action apply? Returns how the caller was named: Direct for policies without a
 * Principal element (identity, boundary, session, SCP), None when the statement does not apply.
 */
export function statementMatches(s: CompiledStatement, type: PolicyType, state: EvalState): PrincipalMatch {
  // Action/NotAction already matched: statementsForAction selected the statement.
  if (s.resources !== undefined) {
    if (!matchesResourceSet(s.resources, state.resource, state.resourcePrefix(), state)) return PrincipalMatch.None;
  } else if (s.notResources !== undefined) {
    const unresolved = state.unresolvedCount;
    if (matchesResourceSet(s.notResources, state.resource, state.resourcePrefix(), state)) return PrincipalMatch.None;
    // A NotResource whose variable cannot be resolved cannot say the resource is outside it.
    if (state.unresolvedCount !== unresolved) return PrincipalMatch.None;
  }
  let how: PrincipalMatch = PrincipalMatch.Direct;
  if (type === 'resource') {
    if (s.principal !== undefined) how = matchPrincipal(s.principal, state.caller());
    else if (s.notPrincipal !== undefined && !notPrincipalApplies(s.notPrincipal, state.caller(), state.crossAccount)) how = PrincipalMatch.None;
    if (how === PrincipalMatch.None) return how;
  }
  const conditions = s.conditions;
  for (let i = 0; i < conditions.length; i++) {
    if (evaluateCondition(conditions[i]!, state)) continue;
    // Not matched; still note the keys the remaining conditions lack, for MissingContextValues.
    for (let j = i + 1; j < conditions.length; j++) {
      const c = conditions[j]!;
      if (c.nullWants === undefined && state.get(c.keyLower) === undefined) state.missing(c.key);
    }
    return PrincipalMatch.None;
  }
  return how;
}
