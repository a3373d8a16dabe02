// A JSON reader that keeps where every value starts and ends, so grammar errors and the simulator's
// StartPosition/EndPosition can point into the document. It only reads; the grammar lives in parse.ts.
import type { Position } from '../types.js';

export type JsonNode =
  | { kind: 'object'; start: number; end: number; entries: JsonEntry[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'number'; start: number; end: number; raw: string }
  | { kind: 'boolean'; start: number; end: number; value: boolean }
  | { kind: 'null'; start: number; end: number };

export interface JsonEntry {
  key: string;
  keyStart: number;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super('Syntax errors in policy.');
  }
}

/** Parses `text`; throws JsonSyntaxError with the offset of the first problem. */
export function readJson(text: string): JsonNode {
  const r = new Reader(text);
  r.ws();
  const node = r.value(0);
  r.ws();
  if (r.i !== text.length) throw new JsonSyntaxError(r.i);
  return node;
}

const MAX_DEPTH = 64;

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(this.i);
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') {
      const start = this.i;
      const value = this.string();
      return { kind: 'string', start, end: this.i, value };
    }
    if (c === 't' || c === 'f' || c === 'n') return this.literal();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    throw new JsonSyntaxError(this.i);
  }

  object(depth: number): JsonNode {
    const start = this.i++;
    const entries: JsonEntry[] = [];
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { kind: 'object', start, end: this.i, entries };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') throw new JsonSyntaxError(this.i);
      const keyStart = this.i;
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') throw new JsonSyntaxError(this.i);
      this.i++;
      this.ws();
      entries.push({ key, keyStart, value: this.value(depth + 1) });
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return { kind: 'object', start, end: this.i, entries };
      if (c !== ',') throw new JsonSyntaxError(this.i - 1);
    }
  }

  array(depth: number): JsonNode {
    const start = this.i++;
    const items: JsonNode[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return { kind: 'array', start, end: this.i, items };
    }
    for (;;) {
      this.ws();
      items.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return { kind: 'array', start, end: this.i, items };
      if (c !== ',') throw new JsonSyntaxError(this.i - 1);
    }
  }

  string(): string {
    const s = this.s;
    let out = '';
    let from = ++this.i;
    for (;;) {
      if (this.i >= s.length) throw new JsonSyntaxError(this.i);
      const c = s.charCodeAt(this.i);
      if (c === 0x22) {
        out += s.slice(from, this.i++);
        return out;
      }
      if (c < 0x20) throw new JsonSyntaxError(this.i);
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += s.slice(from, this.i);
      const e = s[this.i + 1];
      const simple = ESCAPES[e ?? ''];
      if (simple !== undefined) {
        out += simple;
        this.i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) {
        out += String.fromCharCode(parseInt(s.slice(this.i + 2, this.i + 6), 16));
        this.i += 6;
      } else throw new JsonSyntaxError(this.i);
      from = this.i;
    }
  }

  literal(): JsonNode {
    const start = this.i;
    for (const [word, node] of LITERALS) {
      if (this.s.startsWith(word, start)) {
        this.i += word.length;
        return { ...node, start, end: this.i } as JsonNode;
      }
    }
    throw new JsonSyntaxError(start);
  }

  number(): JsonNode {
    const start = this.i;
    const m = NUMBER.exec(this.s.slice(start, start + 64));
    if (!m) throw new JsonSyntaxError(start);
    this.i += m[0].length;
    return { kind: 'number', start, end: this.i, raw: m[0] };
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const LITERALS: [string, object][] = [
  ['true', { kind: 'boolean', value: true }],
  ['false', { kind: 'boolean', value: false }],
  ['null', { kind: 'null' }],
];
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

/** Turns offsets into 1-based line/column positions for one document. */
export function positionFinder(text: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
}
