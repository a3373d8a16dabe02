// Parses a policy document per AWS's JSON policy grammar into a typed value with positions, or
// AWS's MalformedPolicyDocument messages as data. Errors come in the order IAM checks them.
import { createHash } from 'node:crypto';
import type { ParsedCondition, ParsedPolicy, ParsedStatement, ParseResult, PolicyError, PolicyKind, Position, PrincipalSpec } from '../types.js';
import { splitOperator } from '../conditions/operators.js';
import { parseDateValue } from '../conditions/date.js';
import { readJson, positionFinder, JsonSyntaxError, type JsonNode, type JsonEntry } from './json.js';
import { messages } from './messages.js';
import { checkAction, checkPrincipal, checkResource, isTrustPolicyAction } from './elements.js';

/** Options for `parsePolicy`. */
export interface ParseOptions {
  /** Managed policies (CreatePolicy, CreatePolicyVersion, boundaries) must say Version 2012-10-17. */
  readonly managed?: boolean;
  /**
   * A stored policy whose IAM user and role ARNs were bound to the principals' unique ids (AIDA…,
   * AROA…) when it was saved, as AWS keeps them: those ids are accepted as AWS principals. A
   * document a caller sends never takes them (IAM answers "Invalid principal in policy").
   */
  readonly bound?: boolean;
  /**
   * The partition the policy is saved in (IAM's, by the request's region): a resource ARN of
   * another partition is refused, `Partition "aws" is not valid for resource "arn:aws:…"` in aws-cn.
   * Absent: any of AWS's partitions.
   */
  readonly partition?: string;
}

const TOP = new Set(['Version', 'Id', 'Statement']);
const STATEMENT = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const IAM_SID = /^[0-9A-Za-z]*$/;

class Malformed extends Error {
  constructor(readonly offset: number, readonly unknownField?: string) {
    super(messages.syntax);
  }
}

interface Draft {
  node: JsonNode;
  fields: Map<string, JsonEntry>;
  statement: ParsedStatement;
}

/**
 * Parses `text` as a policy of the given kind. Never throws: a malformed document yields
 * `{ ok: false, errors }` whose first error is the message IAM would answer.
 */
export function parsePolicy(text: string, kind: PolicyKind, options: ParseOptions = {}): ParseResult {
  const at = positionFinder(text);
  const err = (message: string, offset: number): PolicyError => ({ message, ...at(offset) });
  let drafts: Draft[];
  let version: ParsedPolicy['version'];
  let id: string | undefined;
  try {
    const root = readJson(text);
    if (root.kind !== 'object') throw new Malformed(root.start);
    const top = fieldsOf(root, TOP);
    const v = top.get('Version');
    if (v) {
      if (v.value.kind !== 'string' || !VERSIONS.has(v.value.value)) throw new Malformed(v.value.start);
      version = v.value.value as ParsedPolicy['version'];
    }
    const idNode = top.get('Id');
    if (idNode) id = str(idNode.value);
    const st = top.get('Statement');
    if (!st) throw new Malformed(root.start);
    const nodes = st.value.kind === 'array' ? st.value.items : [st.value];
    if (nodes.length === 0) throw new Malformed(st.value.start);
    drafts = nodes.map((node, index) => readStatement(node, index, at));
  } catch (e) {
    // Trust policies have messages of their own for text that is not JSON and for unknown fields.
    if (e instanceof JsonSyntaxError) return { ok: false, errors: [err(kind === 'trust' ? messages.trustInvalidJson : messages.syntax, e.offset)] };
    if (e instanceof Malformed) {
      const message = kind === 'trust' && e.unknownField !== undefined ? messages.unknownField(e.unknownField) : messages.syntax;
      return { ok: false, errors: [err(message, e.offset)] };
    }
    throw e;
  }

  const errors: PolicyError[] = [];
  if (options.managed && version !== '2012-10-17') errors.push(err(messages.version, 0));
  for (const d of drafts) legacyChecks(d, err, errors);
  resourceLegacyChecks(drafts, err, errors);
  // A trust policy written like an identity policy (Resource, no Principal) is answered about the Resource.
  if (kind === 'trust') {
    for (const d of drafts) {
      const r = d.fields.get('Resource') ?? d.fields.get('NotResource');
      if (r) errors.push(err(messages.prohibited(r.key), r.keyStart));
    }
  }
  for (const d of drafts) principalRules(d, kind, err, errors);
  sidRules(drafts, kind, err, errors);
  for (const d of drafts) {
    const s = d.statement;
    if (!(s.action ?? s.notAction)?.length) errors.push(err(messages.noActions, d.node.start));
  }
  for (const d of drafts) {
    const s = d.statement;
    if (kind !== 'trust' && !(s.resource ?? s.notResource)?.length) errors.push(err(messages.noResources, d.node.start));
  }
  // IAM names a wrong resource of any statement before a wrong action or principal of any.
  for (const d of drafts) resourceChecks(d, kind, err, errors, options.partition);
  for (const d of drafts) elementChecks(d, kind, err, errors, options.bound === true);
  if (errors.length) return { ok: false, errors };
  const hash = createHash('sha256').update(text).digest('hex');
  const policy: ParsedPolicy = { kind, statements: drafts.map((d) => d.statement), hash, ...(version ? { version } : {}), ...(id !== undefined ? { id } : {}) };
  return { ok: true, policy, errors: [] };
}

type Err = (message: string, offset: number) => PolicyError;

function fieldsOf(node: JsonNode & { kind: 'object' }, allowed: Set<string>): Map<string, JsonEntry> {
  const fields = new Map<string, JsonEntry>();
  for (const e of node.entries) {
    if (!allowed.has(e.key)) throw new Malformed(e.keyStart, e.key);
    fields.set(e.key, e);
  }
  return fields;
}

function str(node: JsonNode): string {
  if (node.kind !== 'string') throw new Malformed(node.start);
  return node.value;
}

function strings(node: JsonNode): string[] {
  if (node.kind === 'string') return [node.value];
  if (node.kind !== 'array') throw new Malformed(node.start);
  return node.items.map(str);
}

/** Condition values may be strings, numbers or booleans, alone or in a list. */
function conditionValues(node: JsonNode): string[] {
  const one = (n: JsonNode): string => {
    if (n.kind === 'string') return n.value;
    if (n.kind === 'number') return n.raw;
    if (n.kind === 'boolean') return String(n.value);
    throw new Malformed(n.start);
  };
  return node.kind === 'array' ? node.items.map(one) : [one(node)];
}

function readStatement(node: JsonNode, index: number, at: (offset: number) => Position): Draft {
  if (node.kind !== 'object') throw new Malformed(node.start);
  const f = fieldsOf(node, STATEMENT);
  for (const [a, b] of [['Action', 'NotAction'], ['Resource', 'NotResource'], ['Principal', 'NotPrincipal']] as const)
    if (f.has(a) && f.has(b)) throw new Malformed(f.get(b)!.keyStart);
  const effect = f.get('Effect');
  if (!effect) throw new Malformed(node.start);
  const effectText = str(effect.value);
  if (effectText.toLowerCase() !== 'allow' && effectText.toLowerCase() !== 'deny') throw new Malformed(effect.value.start);
  const list = (key: string) => (f.has(key) ? strings(f.get(key)!.value) : undefined);
  const statement: Record<string, unknown> = {
    index,
    effect: effectText.toLowerCase() === 'allow' ? 'Allow' : 'Deny',
    conditions: f.has('Condition') ? readConditions(f.get('Condition')!.value) : [],
    start: at(node.start),
    end: at(node.end),
  };
  if (f.has('Sid')) statement.sid = str(f.get('Sid')!.value);
  for (const [key, prop] of [['Action', 'action'], ['NotAction', 'notAction'], ['Resource', 'resource'], ['NotResource', 'notResource']] as const) {
    const v = list(key);
    if (v) statement[prop] = v;
  }
  if (f.has('Principal')) statement.principal = readPrincipal(f.get('Principal')!.value);
  if (f.has('NotPrincipal')) statement.notPrincipal = readPrincipal(f.get('NotPrincipal')!.value);
  return { node, fields: f, statement: statement as unknown as ParsedStatement };
}

function readPrincipal(node: JsonNode): PrincipalSpec {
  if (node.kind === 'string') {
    if (node.value !== '*') throw new Malformed(node.start);
    return '*';
  }
  if (node.kind !== 'object' || node.entries.length === 0) throw new Malformed(node.start);
  const spec: Record<string, string[]> = {};
  for (const e of node.entries) {
    if (!PRINCIPAL_TYPES.has(e.key)) throw new Malformed(e.keyStart);
    spec[e.key] = strings(e.value);
  }
  return spec;
}

function readConditions(node: JsonNode): ParsedCondition[] {
  if (node.kind !== 'object') throw new Malformed(node.start);
  const out: ParsedCondition[] = [];
  for (const op of node.entries) {
    // An operator block must be an object. IAM accepts an empty one, whatever the operator's name
    // ({"DateGreaterThan": {}}, even {"x": {}}): it tests nothing. An operator IAM does not know
    // with a key in its block is a syntax error.
    if (op.value.kind !== 'object') throw new Malformed(op.keyStart);
    if (op.value.entries.length === 0) continue;
    const parts = splitOperator(op.key);
    if (!parts) throw new Malformed(op.keyStart);
    for (const k of op.value.entries) {
      const c: ParsedCondition = {
        operator: op.key, baseOperator: parts.base, ifExists: parts.ifExists, key: k.key, values: conditionValues(k.value),
        ...(parts.set ? { set: parts.set } : {}),
      };
      out.push(c);
    }
  }
  return out;
}

function legacyChecks(d: Draft, err: Err, errors: PolicyError[]): void {
  const effect = d.fields.get('Effect')!;
  if (effect.value.kind === 'string' && effect.value.value !== 'Allow' && effect.value.value !== 'Deny')
    errors.push(err(messages.legacyParsing, effect.value.start));
  const cond = d.fields.get('Condition');
  for (const c of d.statement.conditions) {
    if (c.baseOperator.startsWith('Date') && c.values.some((v) => parseDateValue(v) === undefined && !v.includes('${')))
      errors.push(err(messages.legacyParsing, cond!.keyStart));
  }
}

/**
 * Resources IAM's older reader cannot split fail legacy parsing, read statement by statement,
 * Resource then NotResource; once a resource of the policy is wrongly formed, IAM stops reading them
 * that way and names the wrongly formed one instead (later, see resourceChecks).
 */
function resourceLegacyChecks(drafts: readonly Draft[], err: Err, errors: PolicyError[]): void {
  let formatError = false;
  for (const d of drafts) {
    for (const key of ['Resource', 'NotResource'] as const) {
      const e = d.fields.get(key);
      if (!e) continue;
      const problems = strings(e.value).map((r) => checkResource(r));
      if (problems.some((p) => p && !p.legacy)) formatError = true;
      if (!formatError && problems.some((p) => p?.legacy)) errors.push(err(messages.legacyParsing, e.value.start));
    }
  }
}

function principalRules(d: Draft, kind: PolicyKind, err: Err, errors: PolicyError[]): void {
  const p = d.fields.get('Principal') ?? d.fields.get('NotPrincipal');
  const needsPrincipal = kind === 'trust' || kind === 'resource';
  if (needsPrincipal && !p) errors.push(err(messages.missingPrincipal, d.node.start));
  if (!needsPrincipal && p) {
    const identityLike = kind === 'identity' || kind === 'boundary' || kind === 'session';
    errors.push(err(identityLike ? messages.principalInIdentityPolicy : messages.prohibited(p.key), p.keyStart));
  }
  if (needsPrincipal && p && p.value.kind === 'object' && p.value.entries.every((e) => e.value.kind === 'array' && e.value.items.length === 0)) {
    errors.push(err(messages.noPrincipals, p.value.start));
  }
  if (kind === 'trust' && d.fields.has('NotPrincipal')) errors.push(err(messages.prohibited('NotPrincipal'), d.fields.get('NotPrincipal')!.keyStart));
}

function sidRules(drafts: Draft[], kind: PolicyKind, err: Err, errors: PolicyError[]): void {
  const seen = new Set<string>();
  const iamStored = kind !== 'resource' && kind !== 'scp';
  for (const d of drafts) {
    const sid = d.statement.sid;
    if (!sid) continue;
    const at = d.fields.get('Sid')!.value.start;
    if (seen.has(sid)) errors.push(err(messages.sidUnique, at));
    seen.add(sid);
    if (iamStored && !IAM_SID.test(sid)) errors.push(err(messages.sidAlphanumeric, at));
  }
}

function resourceChecks(d: Draft, kind: PolicyKind, err: Err, errors: PolicyError[], partition: string | undefined): void {
  for (const key of ['Resource', 'NotResource'] as const) {
    const e = d.fields.get(key);
    if (!e || kind === 'trust') continue;
    for (const r of strings(e.value)) {
      const problem = checkResource(r, partition);
      if (problem && !problem.legacy) errors.push(err(problem.message, e.value.start));
    }
  }
}

function elementChecks(d: Draft, kind: PolicyKind, err: Err, errors: PolicyError[], bound: boolean): void {
  const s = d.statement;
  for (const key of ['Action', 'NotAction'] as const) {
    const e = d.fields.get(key);
    if (!e) continue;
    for (const a of strings(e.value)) {
      const problem = checkAction(a);
      if (problem) errors.push(err(problem, e.value.start));
      else if (kind === 'trust' && key === 'Action' && !isTrustPolicyAction(a)) errors.push(err(messages.trustActions, e.value.start));
    }
  }
  const p = d.fields.get('Principal') ?? d.fields.get('NotPrincipal');
  const spec = s.principal ?? s.notPrincipal;
  if (p && spec && spec !== '*') {
    for (const [type, values] of Object.entries(spec) as [string, string[]][])
      for (const v of values) {
        const problem = checkPrincipal(type, v, bound);
        if (problem) errors.push(err(problem, p.value.start));
      }
  }
}
