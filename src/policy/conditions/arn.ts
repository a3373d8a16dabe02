// ArnEquals, ArnLike and their negations: both accept wildcards and compare per ARN segment,
// case-sensitively (IAM User Guide, "Amazon Resource Name (ARN) condition operators").
import type { ValueTest } from './test-type.js';
import { compileArnPattern, matchesArnPattern, type ArnMatcher } from '../match/arn.js';
import { compileTemplate, resolveTemplate, type Template } from '../match/variables.js';

export function compileArnTest(values: readonly string[], substitute: boolean): ValueTest {
  const fixed: ArnMatcher[] = [];
  const templates: Template[] = [];
  for (const v of values) {
    const t = compileTemplate(v, substitute, true);
    if (t) templates.push(t);
    else fixed.push(compileArnPattern(v));
  }
  return (r, source) => {
    for (let i = 0; i < fixed.length; i++) if (fixed[i]!(r)) return true;
    for (let i = 0; i < templates.length; i++) {
      const p = resolveTemplate(templates[i]!, source);
      if (p !== undefined && matchesArnPattern(p, r)) return true;
    }
    return false;
  };
}
