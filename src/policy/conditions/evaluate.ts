// One compiled condition and its evaluation: the operator's test wrapped by negation, IfExists and
// ForAllValues:/ForAnyValue:, with AWS's rules for missing keys (IAM User Guide, "Condition
// operators" and "Set operators for multivalued context keys").
import type { ParsedCondition } from '../types.js';
import type { VariableSource } from '../match/variables.js';
import type { ValueTest } from './test-type.js';
import { baseOperators, type BaseOperator } from './operators.js';
import { compileValueTest } from './registry.js';

export interface CompiledCondition {
  readonly key: string;
  readonly keyLower: string;
  readonly set: 0 | 1 | 2; // none, ForAllValues, ForAnyValue
  readonly ifExists: boolean;
  readonly negated: boolean;
  /** For Null: whether the policy asks for absence (`true`), presence (`false`), or accepts either. */
  readonly nullWants: { absent: boolean; present: boolean } | undefined;
  readonly test: ValueTest;
}

export function compileCondition(c: ParsedCondition, substitute: boolean): CompiledCondition {
  const base = c.baseOperator as BaseOperator;
  const common = {
    key: c.key,
    keyLower: c.key.toLowerCase(),
    set: c.set === 'ForAllValues' ? 1 : c.set === 'ForAnyValue' ? 2 : 0,
    ifExists: c.ifExists,
    negated: baseOperators[base].negated,
    test: compileValueTest(c, substitute),
  } as const;
  const lower = c.values.map((v) => v.toLowerCase());
  // Every condition has nullWants (undefined but for Null): one object shape for evaluation.
  return { ...common, nullWants: base === 'Null' ? { absent: lower.includes('true'), present: lower.includes('false') } : undefined };
}

/** Evaluates one condition against the request context. */
export function evaluateCondition(c: CompiledCondition, source: VariableSource): boolean {
  const v = source.get(c.keyLower);
  const absent = v === undefined || (typeof v !== 'string' && v.length === 0);
  // A key whose values are all empty strings "resolves to a null dataset": Null counts it as null,
  // ForAllValues is true and ForAnyValue false for it ("Multivalued context key examples").
  if (c.nullWants) return absent || emptyValues(v) ? c.nullWants.absent : c.nullWants.present;
  if (c.set !== 0 && !absent && emptyValues(v)) return c.set === 1;
  if (absent) {
    source.missing(c.key);
    // IfExists and ForAllValues are true without the key; ForAnyValue is false; otherwise a
    // negated operator is true and a positive one false.
    if (c.ifExists || c.set === 1) return true;
    if (c.set === 2) return false;
    return c.negated;
  }
  if (!c.negated) return present(c, v, source);
  // A negated operator whose value holds a variable that cannot be resolved is not satisfied: the
  // statement cannot be evaluated, so it does not apply (it neither allows nor denies).
  const unresolved = source.unresolvedCount;
  const result = present(c, v, source);
  return result && source.unresolvedCount === unresolved;
}

/** A present key against the operator's values, with set operators and negation. */
function present(c: CompiledCondition, v: string | readonly string[], source: VariableSource): boolean {
  const test = c.test;
  if (typeof v === 'string') return test(v, source) !== c.negated;
  if (c.set === 1) {
    for (let i = 0; i < v.length; i++) if (test(v[i]!, source) === c.negated) return false;
    return true;
  }
  if (c.set === 2) {
    for (let i = 0; i < v.length; i++) if (test(v[i]!, source) !== c.negated) return true;
    return false;
  }
  // A multivalued key under a single-valued operator: any value matching satisfies a positive
  // operator; a negated operator needs no value to match.
  for (let i = 0; i < v.length; i++) if (test(v[i]!, source)) return !c.negated;
  return c.negated;
}

/** Whether every value of a present key is the empty string. */
function emptyValues(v: string | readonly string[]): boolean {
  if (typeof v === 'string') return v === '';
  for (let i = 0; i < v.length; i++) if (v[i] !== '') return false;
  return true;
}
