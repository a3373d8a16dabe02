// The bridge from IAM's operations to the policy library's grammar: which kind of policy a document
// is and the MalformedPolicyDocument message AWS gives, or undefined when it parses.
export type PolicyKind = 'identity' | 'trust' | 'boundary' | 'session';

export function checkPolicyGrammar(text: string, kind: PolicyKind): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'Syntax errors in policy.';
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'Syntax errors in policy.';
  const d = doc as Record<string, unknown>;
  if (d.Statement === undefined) return 'Missing required field Statement';
  const statements = Array.isArray(d.Statement) ? d.Statement : [d.Statement];
  for (const s of statements as Record<string, unknown>[]) {
    if (kind === 'trust' && s.Principal === undefined && s.NotPrincipal === undefined) return 'Missing required field Principal';
    if (kind !== 'trust' && (s.Principal !== undefined || s.NotPrincipal !== undefined)) return 'Has prohibited field Principal';
  }
  return undefined;
}
