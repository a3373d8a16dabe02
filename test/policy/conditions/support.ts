// One Allow statement with a given Condition block, decided for alice's s3:GetObject with a given
// request context: the condition tests below read as "is the request allowed when …".
import { evaluate, loadPolicy, type ContextValue, type Decision } from '../../../src/policy/index.js';

export const ACCOUNT = '111122223333';
export const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;

export function decideWith(condition: Record<string, Record<string, unknown>>, context?: Record<string, ContextValue>, version = '2012-10-17'): Decision {
  const r = loadPolicy(JSON.stringify({ Version: version, Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }] }), 'identity');
  if (!r.ok) throw new Error(`test policy is malformed: ${r.errors[0]!.message}`);
  const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', principal: USER, ...(context ? { context } : {}) };
  return evaluate(request, { identity: [{ id: 'p', policy: r.policy }] });
}

/** Whether the statement with this condition allows the request (its condition is true). */
export function allowedWhen(condition: Record<string, Record<string, unknown>>, context?: Record<string, ContextValue>, version?: string): boolean {
  return decideWith(condition, context, version).result === 'Allowed';
}
