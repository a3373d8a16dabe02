// Why a trust policy refused a caller it names: the Allow statements whose principal and action
// match the request but whose conditions did not hold (a wrong sts:ExternalId, another
// aws:SourceAccount…). Computed for denials only, to explain them; it never decides anything.
import { evaluate, loadPolicy, parsePolicy, type Position, type RequestContext } from '../policy/index.js';

export interface TrustConditionMiss {
  /** The statement's index in the trust policy (from 0, as the decision log cites statements). */
  statement: number;
  sid?: string;
  /** Where the statement's `{` stands in the trust policy. */
  start?: Position;
  /** The condition keys the statement tests. */
  keys: string[];
}

function allowsAlone(statement: Record<string, unknown>, request: RequestContext): boolean {
  const loaded = loadPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }), 'trust', { bound: true });
  if (!loaded.ok) return false;
  const d = evaluate(request, { resource: { id: 'trust', policy: loaded.policy }, trustPolicy: true });
  return d.byPolicyType.resource === 'Allowed';
}

/** The trust policy's Allow statements that name this caller and action but whose conditions failed. */
export function trustConditionMisses(document: string, request: RequestContext): TrustConditionMiss[] {
  let parsed: { Statement?: unknown };
  try {
    parsed = JSON.parse(document) as { Statement?: unknown };
  } catch {
    return [];
  }
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
  const out: TrustConditionMiss[] = [];
  const placed = parsePolicy(document, 'trust', { bound: true });
  statements.forEach((s, i) => {
    if (!s || typeof s !== 'object') return;
    const statement = s as Record<string, unknown>;
    const condition = statement.Condition;
    if (statement.Effect !== 'Allow' || !condition || typeof condition !== 'object') return;
    const { Condition: _dropped, ...unconditioned } = statement;
    if (!allowsAlone(unconditioned, request) || allowsAlone(statement, request)) return;
    const keys = [...new Set(Object.values(condition as Record<string, unknown>).flatMap((block) => (block && typeof block === 'object' ? Object.keys(block) : [])))];
    const start = placed.ok ? placed.policy.statements[i]?.start : undefined;
    out.push({ statement: i, ...(typeof statement.Sid === 'string' ? { sid: statement.Sid } : {}), ...(start ? { start } : {}), keys });
  });
  return out;
}
