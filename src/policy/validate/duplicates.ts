// Keys written twice. JSON.parse, and IAM, keep one value of a key that an object names twice and
// drop the other without a word (IAM accepts such documents, so the grammar does too); here every
// occurrence but the last is a finding at its own line and column. Within one condition operator,
// keys that differ only in case are Access Analyzer's DUPLICATE_KEYS_WITH_DIFFERENT_CASE: condition
// key names are not case-sensitive. Reads the grammar's JSON tree, which keeps every entry.
import type { Position } from '../types.js';
import type { JsonNode } from '../grammar/json.js';
import type { Found } from './finding.js';

/** Findings for repeated keys anywhere in the document, and for condition keys repeated in another case. */
export function duplicateKeys(root: JsonNode, at: (offset: number) => Position): Found[] {
  const out: Found[] = [];
  walk(root, at, out);
  if (root.kind === 'object') {
    const statements = root.entries.filter((e) => e.key === 'Statement').map((e) => e.value);
    for (const st of statements) {
      for (const s of st.kind === 'array' ? st.items : [st]) {
        if (s.kind !== 'object') continue;
        for (const c of s.entries) if (c.key === 'Condition' && c.value.kind === 'object') for (const op of c.value.entries) differentCase(op.value, at, out);
      }
    }
  }
  return out;
}

function walk(node: JsonNode, at: (offset: number) => Position, out: Found[]): void {
  if (node.kind === 'array') for (const item of node.items) walk(item, at, out);
  if (node.kind !== 'object') return;
  const last = new Map<string, number>();
  for (const e of node.entries) last.set(e.key, e.keyStart);
  for (const e of node.entries) {
    const final = last.get(e.key)!;
    if (final !== e.keyStart) {
      const then = at(final);
      out.push({
        findingType: 'ERROR', code: 'DUPLICATE_KEY', at: at(e.keyStart),
        message: `The key ${JSON.stringify(e.key)} appears again at line ${then.line}, column ${then.column} of the same object: only one of its values takes effect. Remove the duplicate key.`,
      });
    }
    walk(e.value, at, out);
  }
}

function differentCase(block: JsonNode, at: (offset: number) => Position, out: Found[]): void {
  if (block.kind !== 'object') return;
  const first = new Map<string, string>();
  for (const e of block.entries) {
    const lower = e.key.toLowerCase();
    const seen = first.get(lower);
    if (seen === undefined) first.set(lower, e.key);
    else if (seen !== e.key)
      out.push({
        findingType: 'ERROR', code: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE', at: at(e.keyStart),
        message: 'The condition key appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.',
      });
  }
}
