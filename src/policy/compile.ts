// Turns a parsed policy into matchers once: actions lower-cased and classified, resources split per
// ARN segment, principals into sets, conditions into tests, statements indexed by service.
// Compiled policies are cached by document hash; nothing here reads a request.
import type { CompiledPolicyHandle, ParsedPolicy, ParsedStatement, PolicyKind, Position } from './types.js';
import { compileActionSet, matchesActionSet, servicesOf, type ActionSet } from './match/action.js';
import { compileResourceSet, type ResourceSet } from './match/resource.js';
import { compilePrincipalSet, type PrincipalSet } from './match/principal.js';
import { compileCondition, type CompiledCondition } from './conditions/evaluate.js';

export interface CompiledStatement {
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly start: Position;
  readonly end: Position;
  readonly actions: ActionSet | undefined;
  readonly notActions: ActionSet | undefined;
  readonly resources: ResourceSet | undefined;
  readonly notResources: ResourceSet | undefined;
  readonly principal: PrincipalSet | undefined;
  readonly notPrincipal: PrincipalSet | undefined;
  readonly conditions: readonly CompiledCondition[];
}

export interface CompiledPolicy extends CompiledPolicyHandle {
  readonly parsed: ParsedPolicy;
  readonly statements: readonly CompiledStatement[];
  /** Statements that can match an action of the service (lower-case prefix), in document order. */
  readonly byService: ReadonlyMap<string, readonly CompiledStatement[]>;
  /** Statements for services no statement names explicitly (those that can match any service). */
  readonly anyService: readonly CompiledStatement[];
  /** Statements whose Action/NotAction matches an action (lower-case), filled on first use. */
  readonly byAction: Map<string, readonly CompiledStatement[]>;
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, CompiledPolicy>();

/** Compiles a parsed policy, or returns the cached compilation of the same document and kind. */
export function compilePolicy(parsed: ParsedPolicy): CompiledPolicy {
  const cacheKey = `${parsed.kind}:${parsed.hash}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const compiled = build(parsed, parsed.kind);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, compiled);
  return compiled;
}

function build(parsed: ParsedPolicy, kind: PolicyKind): CompiledPolicy {
  // Version 2012-10-17 substitutes policy variables; 2008-10-17 and no Version keep them literal.
  const substitute = parsed.version === '2012-10-17';
  const statements = parsed.statements.map((s) => compileStatement(s, substitute));
  const services = new Set<string>();
  const wide: boolean[] = [];
  const named: (Set<string> | undefined)[] = [];
  for (const s of parsed.statements) {
    const svc = s.action ? servicesOf(s.action) : undefined;
    named.push(svc);
    wide.push(svc === undefined);
    for (const x of svc ?? []) services.add(x);
  }
  const byService = new Map<string, CompiledStatement[]>();
  for (const svc of services) byService.set(svc, statements.filter((_, i) => wide[i] || named[i]!.has(svc)));
  const anyService = statements.filter((_, i) => wide[i]);
  return { hash: parsed.hash, kind, parsed, statements, byService, anyService, byAction: new Map() };
}

function compileStatement(s: ParsedStatement, substitute: boolean): CompiledStatement {
  // Every statement gets every property, in one order: one object shape keeps evaluation monomorphic.
  return {
    index: s.index,
    sid: s.sid,
    effect: s.effect,
    start: s.start,
    end: s.end,
    actions: s.action ? compileActionSet(s.action) : undefined,
    notActions: s.notAction ? compileActionSet(s.notAction) : undefined,
    resources: s.resource ? compileResourceSet(s.resource, substitute) : undefined,
    notResources: s.notResource ? compileResourceSet(s.notResource, substitute) : undefined,
    principal: s.principal ? compilePrincipalSet(s.principal) : undefined,
    notPrincipal: s.notPrincipal ? compilePrincipalSet(s.notPrincipal) : undefined,
    conditions: s.conditions.map((c) => compileCondition(c, substitute)),
  };
}

/** The statements of `policy` that can match an action of `service`. */
export function statementsFor(policy: CompiledPolicy, service: string): readonly CompiledStatement[] {
  return policy.byService.get(service) ?? policy.anyService;
}

const ACTION_MEMO_LIMIT = 512;

/**
 * The statements of `policy` whose Action or NotAction element matches `action` (lower-case). An
 * action's match depends on nothing else in the request, so it is worked out once per action.
 */
export function statementsForAction(policy: CompiledPolicy, action: string, service: string): readonly CompiledStatement[] {
  const hit = policy.byAction.get(action);
  if (hit !== undefined) return hit;
  const list = statementsFor(policy, service).filter((s) =>
    s.actions !== undefined ? matchesActionSet(s.actions, action) : s.notActions !== undefined && !matchesActionSet(s.notActions, action),
  );
  if (policy.byAction.size >= ACTION_MEMO_LIMIT) policy.byAction.clear();
  policy.byAction.set(action, list);
  return list;
}

/** Empties the compile cache (tests and long-running tools that load many documents). */
export function clearCompileCache(): void {
  cache.clear();
}
