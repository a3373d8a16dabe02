// The bridge from IAM's operations to the policy library's grammar: which kind of policy a document
// is, and the MalformedPolicyDocument message AWS gives, or undefined when it parses.
import { parsePolicy } from '../../policy/index.js';

export type PolicyKind = 'identity' | 'trust' | 'boundary' | 'session';

export function checkPolicyGrammar(text: string, kind: PolicyKind, managed = false): string | undefined {
  const result = parsePolicy(text, kind, { managed });
  return result.ok ? undefined : result.errors[0].message;
}
