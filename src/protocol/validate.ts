// Model validation: required members, lengths, ranges, patterns and enums, reported in AWS's words
// ("1 validation error detected: Value 'x' at 'roleName' failed to satisfy constraint: ...").
// Failures are values first; one function renders them. Sensitive members never show their value.
import type { Shape } from './resolved.js';

export interface ValidationFailure {
  path: string;
  value: unknown;
  sensitive: boolean;
  constraint: string;
}

function check(shape: Shape, value: unknown, path: string, out: ValidationFailure[]): void {
  if (value === undefined || value === null) return;
  const fail = (constraint: string) => out.push({ path, value, sensitive: shape.sensitive, constraint });
  switch (shape.type) {
    case 'structure': {
      const obj = value as Record<string, unknown>;
      for (const m of shape.members) {
        const v = obj[m.name];
        const p = path ? `${path}.${m.path}` : m.path;
        if (v === undefined || v === null) {
          if (m.required) out.push({ path: p, value: null, sensitive: false, constraint: 'Member must not be null' });
          continue;
        }
        check(m.shape, v, p, out);
      }
      return;
    }
    case 'list': {
      const list = value as unknown[];
      if (shape.min !== undefined && list.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && list.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      for (let i = 0; i < list.length; i++) check(shape.member!.shape, list[i], `${path}.${i + 1}.member`, out);
      return;
    }
    case 'map': {
      const map = value as Record<string, unknown>;
      const keys = Object.keys(map);
      if (shape.min !== undefined && keys.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && keys.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      for (const k of keys) {
        check(shape.key!.shape, k, `${path}.${k}.key`, out);
        check(shape.value!.shape, map[k], `${path}.${k}.value`, out);
      }
      return;
    }
    case 'string': {
      const s = value as string;
      // AWS counts characters (code points), not UTF-16 units.
      const length = s.length > 0 && /[\uD800-\uDBFF]/.test(s) ? [...s].length : s.length;
      if (shape.min !== undefined && length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern && !shape.pattern.test(s)) fail(`Member must satisfy regular expression pattern: ${shape.patternSource}`);
      if (shape.enum && !shape.enum.includes(s)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      return;
    }
    case 'blob': {
      // A blob's length is its bytes (Firehose's Data: at most 1,024,000; Kinesis': 1 MiB).
      if (!(value instanceof Uint8Array)) return;
      const length = value.byteLength;
      if (shape.min !== undefined && length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      return;
    }
    case 'integer': case 'long': case 'double': case 'float': {
      const n = value as number;
      if (shape.min !== undefined && n < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && n > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
      return;
    }
    default:
      return;
  }
}

export function validateShape(shape: Shape, value: unknown): ValidationFailure[] {
  const out: ValidationFailure[] = [];
  check(shape, value ?? {}, '', out);
  return out;
}

function renderValue(f: ValidationFailure): string {
  if (f.value === null) return 'Value null';
  if (f.sensitive) return 'Value';
  if (Array.isArray(f.value)) return `Value '[${f.value.map((v) => (v && typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]'`;
  if (f.value instanceof Date) return `Value '${f.value.toISOString()}'`;
  // AWS shows a blob as the Java buffer it read it into.
  if (f.value instanceof Uint8Array) return `Value 'java.nio.HeapByteBuffer[pos=0 lim=${f.value.byteLength} cap=${f.value.byteLength}]'`;
  if (typeof f.value === 'object') return `Value '${JSON.stringify(f.value)}'`;
  return `Value '${String(f.value)}'`;
}

export function renderValidationMessage(failures: ValidationFailure[]): string {
  const n = failures.length;
  const parts = failures.map((f) => `${renderValue(f)} at '${f.path}' failed to satisfy constraint: ${f.constraint}`);
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}
