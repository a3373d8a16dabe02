// The context keys a policy refers to, as IAM's GetContextKeysFor*Policy lists them: condition keys
// and the keys of policy variables, each once (compared case-insensitively), in document order.
import type { ParsedPolicy } from './types.js';
import { compileTemplate, variableKeys } from './match/variables.js';

export function getContextKeys(policies: ParsedPolicy | readonly ParsedPolicy[]): string[] {
  const seen = new Set<string>();
  const keys: string[] = [];
  const add = (k: string) => {
    const lower = k.toLowerCase();
    if (!seen.has(lower)) {
      seen.add(lower);
      keys.push(k);
    }
  };
  for (const policy of Array.isArray(policies) ? policies : [policies as ParsedPolicy]) {
    const substitute = policy.version === '2012-10-17';
    for (const s of policy.statements) {
      for (const r of [...(s.resource ?? []), ...(s.notResource ?? [])]) variableKeys(compileTemplate(r, substitute, true)).forEach(add);
      for (const c of s.conditions) {
        add(c.key);
        for (const v of c.values) variableKeys(compileTemplate(v, substitute, false)).forEach(add);
      }
    }
  }
  return keys;
}
