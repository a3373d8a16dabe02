// Bool: `true`/`false` compared case-insensitively (IAM User Guide, "Boolean condition operators").
import type { ValueTest } from './test-type.js';

export function compileBoolTest(values: readonly string[]): ValueTest {
  const wanted = new Set(values.map((v) => v.toLowerCase()));
  return (r) => wanted.has(r.toLowerCase());
}
