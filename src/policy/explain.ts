// Renders decisions for people and for IAM's simulator: the AccessDenied sentence AWS writes and the
// MatchedStatements entries of SimulateCustomPolicy / SimulatePrincipalPolicy. Only formats.
import type { Decision, MatchedStatement, PolicyType, Position, RequestContext } from './types.js';

/** What `statementLabel` needs: a MatchedStatement has it all. */
export interface StatementRef {
  /** The statement's index in the policy's Statement list, from 0 (as MatchedStatement.statement). */
  readonly statement: number;
  readonly sid?: string | undefined;
  /** Where the statement's `{` stands in the document, when the document's text is known. */
  readonly start?: Position | undefined;
}

/**
 * A statement as people read a policy: counted from 1, with its Sid when it has one and its line
 * and column when the document is known — `statement 2 (Sid "AllowRead") at line 5, column 7`,
 * `statement 1 at line 3, column 5`. Machine-readable output keeps the 0-based index.
 */
export function statementLabel(s: StatementRef): string {
  const sid = s.sid ? ` (Sid ${JSON.stringify(s.sid)})` : '';
  const at = s.start && s.start.line > 0 ? ` at line ${s.start.line}, column ${s.start.column}` : '';
  return `statement ${s.statement + 1}${sid}${at}`;
}

/** IAM's PolicySourceType enum, the simulator's `SourcePolicyType`. */
export type PolicySourceType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

/** One MatchedStatements member as IAM's simulator returns it. */
export interface SimulatorStatement {
  readonly SourcePolicyId: string;
  readonly SourcePolicyType: PolicySourceType;
  readonly StartPosition: { readonly Line: number; readonly Column: number };
  readonly EndPosition: { readonly Line: number; readonly Column: number };
}

/** Resource policies are `resource`; AWS managed ARNs `aws-managed`; other policy ARNs `user-managed`. */
export function defaultSourceType(policyId: string, policyType: PolicyType): PolicySourceType {
  if (policyType === 'resource') return 'resource';
  if (policyId.startsWith('arn:aws:iam::aws:policy/')) return 'aws-managed';
  if (/^arn:[^:]+:iam::\d{12}:policy\//.test(policyId)) return 'user-managed';
  return 'none';
}

/**
 * MatchedStatements for SimulateCustomPolicy / SimulatePrincipalPolicy. Pass `sourceType` to name
 * inline policies `user`, `group` or `role` as SimulatePrincipalPolicy does.
 */
export function toSimulatorStatements(
  statements: readonly MatchedStatement[],
  sourceType: (policyId: string, policyType: PolicyType) => PolicySourceType = defaultSourceType,
): SimulatorStatement[] {
  return statements.map((s) => ({
    SourcePolicyId: s.policy,
    SourcePolicyType: sourceType(s.policy, s.policyType),
    // IAM's simulator counts a statement from just after its opening brace to just after its closing
    // one (AWS CLI reference, simulate-custom-policy example: a statement whose braces are at
    // columns 37 and 166 is reported as 38 to 167); `end` already points after the brace.
    StartPosition: { Line: s.start.line, Column: s.start.column + 1 },
    EndPosition: { Line: s.end.line, Column: s.end.column },
  }));
}

/** The simulator's EvalDecision names: `allowed`, `explicitDeny`, `implicitDeny`. */
export function simulatorDecision(decision: Decision): 'allowed' | 'explicitDeny' | 'implicitDeny' {
  return decision.result === 'Allowed' ? 'allowed' : decision.result === 'ExplicitlyDenied' ? 'explicitDeny' : 'implicitDeny';
}

/**
 * AWS's AccessDenied message: "User: <arn> is not authorized to perform: <action> on resource:
 * <resource> because no identity-based policy allows the <action> action" (and its variants).
 */
export function accessDeniedMessage(request: RequestContext, decision: Decision): string {
  const head = `User: ${request.principal} is not authorized to perform: ${request.action} on resource: ${request.resource}`;
  if (decision.result === 'Allowed') return head;
  const first = decision.reasons[0];
  if (!first) return head;
  const kind = (t: PolicyType) =>
    t === 'identity' ? 'an identity-based policy' : t === 'resource' ? 'a resource-based policy' : t === 'boundary' ? 'a permissions boundary' : t === 'session' ? 'a session policy' : 'a service control policy';
  switch (first.code) {
    case 'ExplicitDeny':
      return `${head} with an explicit deny in ${kind(first.policyType)}`;
    case 'BoundaryDoesNotAllow':
      return `${head} because no permissions boundary allows the ${request.action} action`;
    case 'SessionPolicyDoesNotAllow':
      return `${head} because no session policy allows the ${request.action} action`;
    case 'ScpDoesNotAllow':
      return `${head} because no service control policy allows the ${request.action} action`;
    case 'ResourcePolicyDoesNotAllow':
    case 'TrustPolicyDoesNotAllow':
      return `${head} because no resource-based policy allows the ${request.action} action`;
    default:
      return `${head} because no identity-based policy allows the ${request.action} action`;
  }
}
