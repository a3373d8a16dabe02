// The AWS principals of a role trust policy, as CreateRole and UpdateAssumeRolePolicy take them.
// IAM resolves each IAM user and role ARN to the entity when it saves the policy, so an ARN naming
// no such user or role is refused with MalformedPolicyDocument, `Invalid principal in policy:
// "AWS":"<arn>"`. rolegate can only look into its own accounts: ARNs of other accounts are kept as
// written. A bare account id is saved as the account's root ARN (GetRole shows
// arn:aws:iam::<id>:root); the rest of the document keeps the caller's text.
import { MalformedPolicyDocumentException } from '../../generated/iam/errors.js';
import { malformedPolicyMessages } from '../../policy/index.js';
import { readJson, type JsonNode } from '../../policy/grammar/json.js';
import type { StoreTables } from '../../store/types.js';

const ACCOUNT = /^\d{12}$/;
const ENTITY = /^arn:aws:iam::(\d{12}):(user|role)\/(?:[^/]*\/)*([^/]+)$/;

/** The string nodes of every statement's Principal.AWS, in document order. */
function awsPrincipalNodes(root: JsonNode): Extract<JsonNode, { kind: 'string' }>[] {
  const out: Extract<JsonNode, { kind: 'string' }>[] = [];
  if (root.kind !== 'object') return out;
  for (const top of root.entries) {
    if (top.key !== 'Statement') continue;
    const statements = top.value.kind === 'array' ? top.value.items : [top.value];
    for (const s of statements) {
      if (s.kind !== 'object') continue;
      for (const field of s.entries) {
        if (field.key !== 'Principal' || field.value.kind !== 'object') continue;
        for (const p of field.value.entries) {
          if (p.key !== 'AWS') continue;
          const values = p.value.kind === 'array' ? p.value.items : [p.value];
          for (const v of values) if (v.kind === 'string') out.push(v);
        }
      }
    }
  }
  return out;
}

/**
 * Checks a trust policy's AWS principals against the store (the document has already passed the
 * grammar) and returns the text to save: account ids rewritten as root ARNs, nothing else touched.
 */
export async function resolveTrustPrincipals(t: StoreTables, text: string): Promise<string> {
  const nodes = awsPrincipalNodes(readJson(text));
  const edits: { start: number; end: number; text: string }[] = [];
  const known = new Map<string, boolean>();
  for (const node of nodes) {
    const value = node.value;
    if (ACCOUNT.test(value)) {
      edits.push({ start: node.start, end: node.end, text: JSON.stringify(`arn:aws:iam::${value}:root`) });
      continue;
    }
    const m = ENTITY.exec(value);
    if (!m) continue;
    const [, account, type, name] = m;
    if (!known.has(account)) known.set(account, (await t.accounts.get(account)) !== undefined);
    if (!known.get(account)) continue; // not one of rolegate's accounts: nothing to look in
    const entity = type === 'user' ? await t.users.get(account, name) : await t.roles.get(account, name);
    // The ARN must be the entity's own: path included, name in its stored letter case.
    if (!entity || entity.arn !== value) throw new MalformedPolicyDocumentException(malformedPolicyMessages.invalidPrincipal('AWS', value));
  }
  let out = text;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
