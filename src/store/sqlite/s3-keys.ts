// S3 key ranges for SQL: keys order by their UTF-8 bytes, which SQLite's BINARY collation compares,
// so a prefix is the half-open range [prefix, end of prefix) — an index range, never LIKE (whose
// `%`, `_` and case folding would be wrong for keys). Knows no table.
import type Database from 'better-sqlite3';

/** Keys from `from` (included or not) and, when `to` is set, below `to`. */
export interface KeyRange { from: string; inclusive: boolean; to?: string }

/** The least string above every string that starts with `prefix`; undefined when there is none. */
export function prefixEnd(prefix: string): string | undefined {
  // UTF-8's byte order is code point order: raise the last code point that can be raised, past the
  // surrogates (which UTF-8 has no bytes for), dropping the U+10FFFF ones after it.
  let head = prefix;
  while (head.length > 0) {
    const low = head.charCodeAt(head.length - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && head.length > 1 && (head.charCodeAt(head.length - 2) & 0xfc00) === 0xd800;
    const last = pair ? head.codePointAt(head.length - 2)! : low;
    head = head.slice(0, head.length - (pair ? 2 : 1));
    if (last < 0x10ffff) return head + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
  }
  return undefined;
}

/** Compares two keys as S3 does: by the bytes of their UTF-8 form. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The keys after `after` (exclusive) that start with `prefix`; undefined when no key is both. */
export function keyRange(prefix: string | undefined, after: string | undefined): KeyRange | undefined {
  const from = prefix ?? '';
  const to = from === '' ? undefined : prefixEnd(from);
  if (after === undefined || compareKeys(after, from) < 0) return { from, inclusive: true, to };
  if (to !== undefined && compareKeys(after, to) >= 0) return undefined;
  return { from: after, inclusive: false, to };
}

/** The range as SQL over `column`, with its arguments in order (one lower bound, so the index seeks to it). */
export function rangeSql(column: string, r: KeyRange): { sql: string; args: string[] } {
  const lower = `${column} ${r.inclusive ? '>=' : '>'} ?`;
  return r.to === undefined ? { sql: lower, args: [r.from] } : { sql: `${lower} AND ${column} < ?`, args: [r.from, r.to] };
}

/** Prepares each statement text once: listings pick among a few shapes by their bounds. */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const prepared = new Map<string, Database.Statement>();
  return (sql) => {
    let s = prepared.get(sql);
    if (s === undefined) prepared.set(sql, (s = db.prepare(sql)));
    return s;
  };
}
