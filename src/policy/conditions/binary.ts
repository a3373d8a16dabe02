// BinaryEquals: base64-encoded values compared byte for byte (IAM User Guide, "Binary condition operators").
import type { ValueTest } from './test-type.js';

export function compileBinaryTest(values: readonly string[]): ValueTest {
  const wanted = new Set(values.map(canonicalBase64));
  return (r) => wanted.has(canonicalBase64(r));
}

function canonicalBase64(v: string): string {
  return Buffer.from(v, 'base64').toString('base64');
}
