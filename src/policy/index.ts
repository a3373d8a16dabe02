// The public API of rolegate/policy: parse, compile and evaluate IAM policies exactly as AWS does,
// with decisions as data. Pure: no I/O, no clock. This list is the whole API; change it deliberately.
import type { CompiledPolicyHandle, ParsedPolicy, ParseResult, PolicyError, PolicyKind } from './types.js';
import { parsePolicy as parse, type ParseOptions } from './grammar/parse.js';
import { compilePolicy as compile, clearCompileCache } from './compile.js';

export type {
  CompiledPolicyHandle, ContextValue, Decision, DecisionResult, DenialReason, MatchedStatement, ParsedCondition,
  ParsedPolicy, ParsedStatement, ParseResult, PolicyError, PolicyKind, PolicyRef, PolicySet, PolicyType, Position,
  PrincipalSpec, PrincipalType, RequestContext,
} from './types.js';
export type { ParseOptions } from './grammar/parse.js';
export type { PolicySourceType, SimulatorStatement, StatementRef } from './explain.js';
export type { Finding, FindingCode, FindingSeverity, FindingType } from './validate/findings.js';

/**
 * Parses a policy document per AWS's grammar for its kind. Never throws: a malformed document
 * gives `{ ok: false, errors }`, each `{ message, line, column }`, the first being the
 * MalformedPolicyDocument message IAM would answer (e.g. "Has prohibited field Principal").
 * Pass `{ managed: true }` for managed policies, which must say Version 2012-10-17.
 */
export function parsePolicy(text: string, kind: PolicyKind, options?: ParseOptions): ParseResult {
  return parse(text, kind, options);
}

/** Compiles a parsed policy into matchers once; the same document is compiled once (cached by hash). */
export function compilePolicy(parsed: ParsedPolicy): CompiledPolicyHandle {
  return compile(parsed);
}

/** Parses and compiles in one step: the compiled policy, or the grammar errors. */
export function loadPolicy(
  text: string,
  kind: PolicyKind,
  options?: ParseOptions,
): { ok: true; policy: CompiledPolicyHandle; parsed: ParsedPolicy } | { ok: false; errors: readonly PolicyError[] } {
  const r = parse(text, kind, options);
  return r.ok ? { ok: true, policy: compile(r.policy), parsed: r.policy } : { ok: false, errors: r.errors };
}

export { clearCompileCache };
/** Decides a request against a policy set with AWS's evaluation logic; see `Decision`. */
export { evaluate } from './evaluate/decide.js';
/** The context keys a policy or policies refer to (GetContextKeysForCustomPolicy / …PrincipalPolicy). */
export { getContextKeys } from './context-keys.js';
/** Counts a document as IAM does for quotas (white space excluded); the quotas themselves. */
export { policySize, policySizeLimits } from './grammar/size.js';
/** IAM's MalformedPolicyDocument messages, word for word. */
export { messages as malformedPolicyMessages } from './grammar/messages.js';
/** One action pattern compiled once: `compileActionPattern('s3:Get*')('s3:GetObject') === true`. */
export { compileActionPattern } from './match/action.js';
/** Whether a policy's Allow statements grant some action of a service namespace; which known namespaces they do. */
export { grantsServiceAccess, servicesGranted } from './service-access.js';
/** MatchedStatements, EvalDecision and AccessDenied text as IAM writes them; a statement as people cite it. */
export { accessDeniedMessage, defaultSourceType, simulatorDecision, statementLabel, toSimulatorStatements } from './explain.js';
/** Grammar errors plus Access Analyzer-style findings for one document (used by `rolegate policy validate`). */
export { validatePolicy, knownServicePrefixes } from './validate/findings.js';

export { resourceTypeFormat } from './validate/service-details.js';
