// Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, `${?}`, `${$}`, and
// defaults `${aws:username, 'none'}`): found once at compile time, so substitution is a lookup.
// Only Version 2012-10-17 substitutes; in older documents the text stays literal (IAM User Guide,
// "IAM policy elements: Variables and tags").
import type { ContextValue } from '../types.js';
import { ESCAPE, escapeWildcards } from './wildcard.js';

export interface VariableRef {
  readonly key: string;
  readonly keyLower: string;
  readonly fallback?: string;
}

/** A value with its variables located: literal text and references, in order. */
export interface Template {
  readonly parts: readonly (string | VariableRef)[];
  /** Substituted values are escaped so that their `*` and `?` stay literal in patterns. */
  readonly pattern: boolean;
}

/** Reads context keys for substitution; records a missing key. */
export interface VariableSource {
  get(keyLower: string): ContextValue | undefined;
  missing(key: string): void;
  /**
   * Counts variables that could not be resolved (no single value, no default). "If AWS cannot
   * resolve a variable this might cause the entire statement to be invalid" (IAM User Guide,
   * "Policy variables"): a negated element (NotResource, String/ArnNot…) that meets one does not apply.
   */
  unresolvedCount: number;
}

/** The template of `value`, or `undefined` when it has no variables (or substitution is off). */
export function compileTemplate(value: string, substitute: boolean, pattern: boolean): Template | undefined {
  if (!substitute || !value.includes('${')) return undefined;
  const parts: (string | VariableRef)[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('${', i);
    const close = open < 0 ? -1 : value.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      text += value.slice(i);
      break;
    }
    text += value.slice(i, open);
    const inner = value.slice(open + 2, close).trim();
    i = close + 1;
    if (inner === '*' || inner === '?' || inner === '$') {
      text += pattern && inner !== '$' ? ESCAPE + inner : inner;
      continue;
    }
    const ref = readReference(inner);
    if (!ref) {
      text += value.slice(open, close + 1);
      continue;
    }
    if (text) parts.push(text);
    text = '';
    parts.push(ref);
  }
  if (text) parts.push(text);
  return { parts, pattern };
}

const DEFAULTED = /^([^,\s]+)\s*,\s*'([^']*)'$/;

function readReference(inner: string): VariableRef | undefined {
  if (!inner) return undefined;
  const m = DEFAULTED.exec(inner);
  if (m) return { key: m[1]!, keyLower: m[1]!.toLowerCase(), fallback: m[2]! };
  if (/[\s,']/.test(inner)) return undefined;
  return { key: inner, keyLower: inner.toLowerCase() };
}

/** Substitutes; `undefined` when a variable has no single value and no default. */
export function resolveTemplate(t: Template, source: VariableSource): string | undefined {
  let out = '';
  const parts = t.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const v = source.get(part.keyLower);
    let text: string | undefined;
    if (typeof v === 'string') text = v;
    else if (v !== undefined && v.length === 1) text = v[0];
    if (text === undefined) {
      if (v === undefined) source.missing(part.key);
      if (part.fallback === undefined) {
        source.unresolvedCount++;
        return undefined;
      }
      text = part.fallback;
    }
    out += t.pattern ? escapeWildcards(text) : text;
  }
  return out;
}

/** The context keys a value refers to through variables. */
export function variableKeys(t: Template | undefined): string[] {
  if (!t) return [];
  return t.parts.filter((p): p is VariableRef => typeof p !== 'string').map((p) => p.key);
}
