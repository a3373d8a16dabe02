// Where each value of a statement's Action, Resource and Principal elements stands in the document,
// so that findings about one action, resource or principal point at that value rather than at the
// statement or the list holding it. Reads the JSON the way the grammar does: Statement as a list or
// one object, and for a key written twice the last one.
import type { PolicyKind, PolicyError, Position } from '../types.js';
import { readJson, positionFinder, type JsonNode } from '../grammar/json.js';
import { checkAction, checkPrincipal, checkResource, isTrustPolicyAction } from '../grammar/elements.js';
import { messages } from '../grammar/messages.js';

/** One string value of an element; `type` is the principal type (`AWS`, `Service`…) or `*`. */
export interface PlacedValue {
  readonly value: string;
  readonly at: Position;
  readonly type?: string;
}

/** One element of a statement: where its value starts (a list's `[`, an object's `{`) and its values. */
export interface PlacedElement {
  readonly at: Position;
  readonly values: readonly PlacedValue[];
}

export type ElementName = 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal';
const ELEMENTS: readonly ElementName[] = ['Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal'];

/** One key of one condition operator block, in the order the parser lists conditions. */
export interface PlacedCondition {
  readonly operator: string;
  readonly key: string;
  /** Where the key's name stands. */
  readonly at: Position;
  readonly values: readonly PlacedValue[];
}

export type PlacedStatement = Partial<Record<ElementName, PlacedElement>> & {
  /** The Condition element's key, when there is one, and its keys. */
  readonly Condition?: { readonly at: Position; readonly conditions: readonly PlacedCondition[] };
  /** Where the Sid's value stands. */
  readonly Sid?: Position;
};

/** Where the document's `{` stands, and its Version key if it has one. */
export interface PlacedDocument {
  readonly at: Position;
  readonly statements: PlacedStatement[];
}

/** The document's statements with the positions of their values; undefined when it is not JSON. */
export function placeDocument(text: string): PlacedDocument | undefined {
  let root: JsonNode;
  try {
    root = readJson(text);
  } catch {
    return undefined;
  }
  if (root.kind !== 'object') return undefined;
  const statements = placeStatements(text) ?? [];
  return { at: positionFinder(text)(root.start), statements };
}

/** The statements of a document with the positions of their values; undefined when it is not JSON. */
export function placeStatements(text: string): PlacedStatement[] | undefined {
  let root: JsonNode;
  try {
    root = readJson(text);
  } catch {
    return undefined;
  }
  if (root.kind !== 'object') return undefined;
  const at = positionFinder(text);
  const st = lastEntry(root, 'Statement');
  if (!st) return undefined;
  const nodes = st.kind === 'array' ? st.items : [st];
  return nodes.map((node) => {
    const placed: { -readonly [K in keyof PlacedStatement]: PlacedStatement[K] } = {};
    if (node.kind !== 'object') return placed;
    for (const name of ELEMENTS) {
      const v = lastEntry(node, name);
      if (v) placed[name] = { at: at(v.start), values: name.endsWith('Principal') ? principalValues(v, at) : stringValues(v, at) };
    }
    const sid = lastEntry(node, 'Sid');
    if (sid) placed.Sid = at(sid.start);
    const condition = node.entries.filter((e) => e.key === 'Condition').pop();
    if (condition) placed.Condition = { at: at(condition.keyStart), conditions: conditionsOf(condition.value, at) };
    return placed;
  });
}

/** Every operator's keys in the parser's order (every entry, as the parser reads them). */
function conditionsOf(node: JsonNode, at: (offset: number) => Position): PlacedCondition[] {
  if (node.kind !== 'object') return [];
  const out: PlacedCondition[] = [];
  for (const op of node.entries) {
    if (op.value.kind !== 'object') continue;
    for (const k of op.value.entries) {
      const items = k.value.kind === 'array' ? k.value.items : [k.value];
      const values = items.map((n) => ({ value: n.kind === 'string' ? n.value : n.kind === 'number' ? n.raw : n.kind === 'boolean' ? String(n.value) : '', at: at(n.start) }));
      out.push({ operator: op.key, key: k.key, at: at(k.keyStart), values });
    }
  }
  return out;
}

function lastEntry(node: JsonNode & { kind: 'object' }, key: string): JsonNode | undefined {
  let found: JsonNode | undefined;
  for (const e of node.entries) if (e.key === key) found = e.value;
  return found;
}

function stringValues(node: JsonNode, at: (offset: number) => Position, type?: string): PlacedValue[] {
  const items = node.kind === 'array' ? node.items : [node];
  const out: PlacedValue[] = [];
  for (const n of items) if (n.kind === 'string') out.push({ value: n.value, at: at(n.start), ...(type ? { type } : {}) });
  return out;
}

/** Principal values by type, in the order the parser keeps them (a type's first place, its last list). */
function principalValues(node: JsonNode, at: (offset: number) => Position): PlacedValue[] {
  if (node.kind === 'string') return stringValues(node, at, '*');
  if (node.kind !== 'object') return [];
  const byType = new Map<string, PlacedValue[]>();
  for (const e of node.entries) byType.set(e.key, stringValues(e.value, at, e.key));
  return [...byType.values()].flat();
}

const key = (p: Position) => `${p.line}:${p.column}`;

/**
 * Grammar errors that the parser places at a list (or a Principal object) moved to the value they
 * are about: the value whose own check gives the same message, taking values in order.
 */
export function placeGrammarErrors(errors: readonly PolicyError[], text: string, kind: PolicyKind): PolicyError[] {
  const statements = placeStatements(text);
  if (!statements) return [...errors];
  const candidates = new Map<string, { message: string; at: Position; used: boolean }[]>();
  for (const s of statements) {
    for (const name of ELEMENTS) {
      const element = s[name];
      if (!element) continue;
      const list: { message: string; at: Position; used: boolean }[] = [];
      for (const v of element.values) {
        const message = problemOf(name, v, kind);
        if (message) list.push({ message, at: v.at, used: false });
      }
      if (list.length) candidates.set(key(element.at), list);
    }
  }
  return errors.map((e) => {
    const c = candidates.get(key(e))?.find((x) => !x.used && x.message === e.message);
    if (!c) return e;
    c.used = true;
    return { ...e, ...c.at };
  });
}

/** The message the grammar gives for one value of an element, if any. */
function problemOf(name: ElementName, v: PlacedValue, kind: PolicyKind): string | undefined {
  switch (name) {
    case 'Action':
    case 'NotAction':
      return checkAction(v.value) ?? (kind === 'trust' && name === 'Action' && !isTrustPolicyAction(v.value) ? messages.trustActions : undefined);
    case 'Resource':
    case 'NotResource':
      return checkResource(v.value)?.message;
    default:
      return v.type && v.type !== '*' ? checkPrincipal(v.type, v.value) : undefined;
  }
}

/**
 * The placed values of one element, or — should the placed values and the parser's list ever
 * disagree — the parser's values placed at `fallback` (the statement's start).
 */
export function placedValues(element: PlacedElement | undefined, list: readonly string[] | undefined, fallback: Position): readonly PlacedValue[] {
  if (!list) return [];
  return element && element.values.length === list.length ? element.values : list.map((value) => ({ value, at: fallback }));
}
