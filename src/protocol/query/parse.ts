// The query protocol's request side (IAM, STS): form parameters such as `Tags.member.1.Key=x`
// become a typed input by walking the operation's input shape. Values are converted by shape type;
// a value of the wrong type is a ValidationError as AWS answers it.
import { AwsError } from '../errors.js';
import type { Shape } from '../resolved.js';

type Node = { value?: string; children?: Map<string, Node> };

/** Parses `a=1&b.c=2` into a tree keyed by the dotted segments. */
export function paramTree(params: URLSearchParams): Node {
  const root: Node = { children: new Map() };
  for (const [key, value] of params) {
    let node = root;
    let start = 0;
    for (;;) {
      const dot = key.indexOf('.', start);
      const seg = dot === -1 ? key.slice(start) : key.slice(start, dot);
      let child = node.children!.get(seg);
      if (!child) {
        child = { children: new Map() };
        node.children!.set(seg, child);
      }
      node = child;
      if (dot === -1) break;
      start = dot + 1;
    }
    node.value = value;
  }
  return root;
}

function invalid(value: string, path: string, type: string): AwsError {
  return new AwsError('ValidationError', `1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: Member must be a ${type}`, 400);
}

function indexed(node: Node): Node[] {
  const out: [number, Node][] = [];
  for (const [k, v] of node.children ?? []) {
    const i = Number(k);
    if (Number.isInteger(i) && i >= 1) out.push([i, v]);
  }
  out.sort((a, b) => a[0] - b[0]);
  return out.map((e) => e[1]);
}

function read(shape: Shape, node: Node, path: string, flattened: boolean): unknown {
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const m of shape.members) {
        const child = node.children?.get(m.wireName);
        if (!child) continue;
        const v = read(m.shape, child, path ? `${path}.${m.path}` : m.path, m.flattened);
        if (v !== undefined) out[m.name] = v;
      }
      return out;
    }
    case 'list': {
      // An empty list travels as `Name=` with no members.
      const container = flattened ? node : node.children?.get(shape.member!.wireName);
      if (!container) return node.value !== undefined ? [] : undefined;
      return indexed(container).map((n, i) => read(shape.member!.shape, n, `${path}.${i + 1}.member`, false));
    }
    case 'map': {
      const container = flattened ? node : node.children?.get('entry');
      if (!container) return node.value !== undefined ? {} : undefined;
      const out: Record<string, unknown> = {};
      for (const entry of indexed(container)) {
        const k = entry.children?.get(shape.key!.wireName)?.value;
        const v = entry.children?.get(shape.value!.wireName);
        if (k === undefined || !v) continue;
        out[k] = read(shape.value!.shape, v, `${path}.${k}.value`, false);
      }
      return out;
    }
    default: {
      const raw = node.value;
      if (raw === undefined) return undefined;
      switch (shape.type) {
        case 'string':
          return raw;
        case 'integer': case 'long': {
          if (!/^-?\d+$/.test(raw)) throw invalid(raw, path, 'number');
          return Number(raw);
        }
        case 'double': case 'float': {
          const n = Number(raw);
          if (raw.trim() === '' || Number.isNaN(n)) throw invalid(raw, path, 'number');
          return n;
        }
        case 'boolean': {
          const lower = raw.toLowerCase();
          if (lower !== 'true' && lower !== 'false') throw invalid(raw, path, 'boolean');
          return lower === 'true';
        }
        case 'timestamp': {
          const d = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
          if (Number.isNaN(d.getTime())) throw invalid(raw, path, 'timestamp');
          return d;
        }
        case 'blob':
          return new Uint8Array(Buffer.from(raw, 'base64'));
        default:
          return raw;
      }
    }
  }
}

/** Reads an operation's input from its parameters; unknown parameters are ignored, as AWS does. */
export function parseQueryInput(shape: Shape | undefined, tree: Node): Record<string, unknown> {
  if (!shape) return {};
  return read(shape, tree, '', false) as Record<string, unknown>;
}
