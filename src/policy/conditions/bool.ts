// Bool: `true`/`false` compared case-insensitively (IAM User Guide, "Boolean condition operators");
// a policy variable may stand for the value ("You can use a policy variable with the Boolean
// condition operator").
import type { ValueTest } from './test-type.js';
import { compileTemplate, resolveTemplate, type Template } from '../match/variables.js';

export function compileBoolTest(values: readonly string[], substitute: boolean): ValueTest {
  const wanted = new Set<string>();
  const templates: Template[] = [];
  for (const v of values) {
    const t = compileTemplate(v, substitute, false);
    if (t) templates.push(t);
    else wanted.add(v.toLowerCase());
  }
  if (templates.length === 0) return (r) => wanted.has(r.toLowerCase());
  return (r, source) => {
    const lower = r.toLowerCase();
    if (wanted.has(lower)) return true;
    for (let i = 0; i < templates.length; i++) if (resolveTemplate(templates[i]!, source)?.toLowerCase() === lower) return true;
    return false;
  };
}
