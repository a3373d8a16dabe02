// The AWS principal strings of a policy text (`Principal.AWS` and `NotPrincipal.AWS` of every
// statement) located in the text, and the text with some of them replaced, every other byte kept.
// Used to bind principal ARNs to unique ids when a policy is saved and to show them when read.
import { readJson, type JsonNode } from './json.js';

const ENTITY = /^arn:aws:iam::(\d{12}):(user|role)\/(?:[^/]*\/)*([^/]+)$/;

/** The IAM user or role a principal ARN names (the account, the kind and the name after the path); others give undefined. */
export function entityPrincipal(value: string): { account: string; kind: 'user' | 'role'; name: string } | undefined {
  const m = ENTITY.exec(value);
  return m ? { account: m[1]!, kind: m[2] as 'user' | 'role', name: m[3]! } : undefined;
}

/** One principal string: its value and where its JSON string (quotes included) lies in the text. */
export interface PrincipalValue { value: string; start: number; end: number }

/** The AWS principal strings in document order; none when the text is not JSON. */
export function awsPrincipalValues(text: string): PrincipalValue[] {
  let root: JsonNode;
  try {
    root = readJson(text);
  } catch {
    return [];
  }
  const out: PrincipalValue[] = [];
  if (root.kind !== 'object') return out;
  for (const top of root.entries) {
    if (top.key !== 'Statement') continue;
    const statements = top.value.kind === 'array' ? top.value.items : [top.value];
    for (const s of statements) {
      if (s.kind !== 'object') continue;
      for (const field of s.entries) {
        if ((field.key !== 'Principal' && field.key !== 'NotPrincipal') || field.value.kind !== 'object') continue;
        for (const p of field.value.entries) {
          if (p.key !== 'AWS') continue;
          const values = p.value.kind === 'array' ? p.value.items : [p.value];
          for (const v of values) if (v.kind === 'string') out.push({ value: v.value, start: v.start, end: v.end });
        }
      }
    }
  }
  return out;
}

/** The text with each listed principal whose value `replace` maps to another written as that, as a JSON string. */
export function replacePrincipalValues(text: string, values: readonly PrincipalValue[], replace: ReadonlyMap<string, string>): string {
  let out = '';
  let at = 0;
  let changed = false;
  for (const v of values) {
    const next = replace.get(v.value);
    if (next === undefined) continue;
    out += text.slice(at, v.start) + JSON.stringify(next);
    at = v.end;
    changed = true;
  }
  return changed ? out + text.slice(at) : text;
}
