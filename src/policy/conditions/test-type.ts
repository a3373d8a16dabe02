// The shape every operator family compiles to: does one request value match any policy value?
// Negation, IfExists and the set modifiers are applied around it (conditions/evaluate.ts).
import type { VariableSource } from '../match/variables.js';

export type ValueTest = (requestValue: string, source: VariableSource) => boolean;
