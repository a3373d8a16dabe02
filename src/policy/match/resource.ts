// Resource/NotResource elements compiled once: `*`, fixed ARN patterns, and patterns with policy
// variables that are substituted from the request context at evaluation.
import { compileArnPattern, matchesArnPattern, type ArnMatcher } from './arn.js';
import { compileTemplate, resolveTemplate, type Template, type VariableSource } from './variables.js';

export interface ResourceSet {
  readonly all: boolean;
  readonly fixed: readonly ArnMatcher[];
  readonly templates: readonly Template[];
}

export function compileResourceSet(values: readonly string[], substitute: boolean): ResourceSet {
  let all = false;
  const fixed: ArnMatcher[] = [];
  const templates: Template[] = [];
  for (const v of values) {
    if (v === '*') all = true;
    const t = compileTemplate(v, substitute, true);
    if (t) templates.push(t);
    else fixed.push(compileArnPattern(v));
  }
  return { all, fixed, templates };
}

export function matchesResourceSet(set: ResourceSet, resource: string, source: VariableSource): boolean {
  if (set.all) return true;
  const fixed = set.fixed;
  for (let i = 0; i < fixed.length; i++) if (fixed[i]!(resource)) return true;
  const templates = set.templates;
  for (let i = 0; i < templates.length; i++) {
    const pattern = resolveTemplate(templates[i]!, source);
    if (pattern !== undefined && matchesArnPattern(pattern, resource)) return true;
  }
  return false;
}
