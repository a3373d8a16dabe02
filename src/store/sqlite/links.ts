// The links aggregate on SQLite: one row per (account, kind, a, b), indexed both ways, and the cache
// of the link lists every authorization reads. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { LinkKind, LinkRecord, LinkTable } from '../contract/links.js';
import type { Gate } from './lock.js';
import type { RowCache } from './row-cache.js';

export const linksResetSql = 'DELETE FROM links';

/**
 * Link lists read on every authorization (a principal's policies and groups), kept until any link
 * changes; writes clear them all, and so does a rolled-back transaction (via the row cache's clear).
 */
export class LinkListCache {
  private lists = new Map<string, LinkRecord[]>();
  constructor(rows: RowCache) {
    rows.onClear(() => this.lists.clear());
  }
  get(key: string): LinkRecord[] | undefined {
    return this.lists.get(key);
  }
  set(key: string, list: LinkRecord[]): void {
    if (this.lists.size >= 50_000) this.lists.clear();
    this.lists.set(key, list);
  }
  clear(): void {
    this.lists.clear();
  }
}

export function sqliteLinkTable(db: Database.Database, gate: Gate, cache: LinkListCache): LinkTable {
  const from = db.prepare('SELECT a, b, data FROM links WHERE account_id = ? AND kind = ? AND a = ? ORDER BY b');
  const to = db.prepare('SELECT a, b, data FROM links WHERE account_id = ? AND kind = ? AND b = ? ORDER BY a');
  const get = db.prepare('SELECT a, b, data FROM links WHERE account_id = ? AND kind = ? AND a = ? AND b = ?');
  const put = db.prepare(
    'INSERT INTO links (account_id, kind, a, b, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, kind, a, b) DO UPDATE SET data = excluded.data',
  );
  const del = db.prepare('DELETE FROM links WHERE account_id = ? AND kind = ? AND a = ? AND b = ?');
  const delFrom = db.prepare('DELETE FROM links WHERE account_id = ? AND kind = ? AND a = ?');
  const count = db.prepare('SELECT COUNT(*) FROM links WHERE account_id = ? AND kind = ?').pluck();
  return {
    async from(accountId, kind: LinkKind, a) {
      await gate();
      const key = `f\u0000${accountId}\u0000${kind}\u0000${a}`;
      let list = cache.get(key);
      if (!list) cache.set(key, (list = from.all(accountId, kind, a) as LinkRecord[]));
      return list.slice();
    },
    async to(accountId, kind, b) {
      await gate();
      const key = `t\u0000${accountId}\u0000${kind}\u0000${b}`;
      let list = cache.get(key);
      if (!list) cache.set(key, (list = to.all(accountId, kind, b) as LinkRecord[]));
      return list.slice();
    },
    async get(accountId, kind, a, b) {
      await gate();
      return get.get(accountId, kind, a, b) as LinkRecord | undefined;
    },
    async put(accountId, kind, a, b, data) {
      await gate();
      cache.clear();
      put.run(accountId, kind, a, b, data);
    },
    async delete(accountId, kind, a, b) {
      await gate();
      cache.clear();
      return del.run(accountId, kind, a, b).changes === 1;
    },
    async deleteFrom(accountId, kind, a) {
      await gate();
      cache.clear();
      return delFrom.run(accountId, kind, a).changes;
    },
    async count(accountId, kind) {
      await gate();
      return count.get(accountId, kind) as number;
    },
  };
}
