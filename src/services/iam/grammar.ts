// The bridge from IAM's operations to the policy library's grammar: which kind of policy a document
// is, and the MalformedPolicyDocument message AWS gives, or undefined when it parses.
import { parsePolicy } from '../../policy/index.js';

export type PolicyKind = 'identity' | 'trust' | 'boundary' | 'session';

/** `partition`: the request's, whose resource ARNs alone the document may name (IAM refuses `arn:aws:` in aws-cn). */
export function checkPolicyGrammar(text: string, kind: PolicyKind, managed = false, partition?: string): string | undefined {
  const result = parsePolicy(text, kind, { managed, ...(partition !== undefined ? { partition } : {}) });
  return result.ok ? undefined : result.errors[0].message;
}
