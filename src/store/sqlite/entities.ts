// The IAM entities on SQLite: one table for every kind, keyed by (account, kind, lower-cased name),
// records as JSON text, lookups by name through the row cache. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { EntityKind, EntityTable, EntityTypes, ListOptions } from '../contract/entities.js';
import type { Page } from '../contract/page.js';
import { decodeMarker, encodeMarker } from '../marker.js';
import type { Gate } from './lock.js';
import type { RowCache } from './row-cache.js';

export const entitiesResetSql = 'DELETE FROM entities';

export function sqliteEntityTable<K extends EntityKind>(db: Database.Database, kind: K, gate: Gate, cache: RowCache): EntityTable<K> {
  const cacheKey = (account: string, nameKey: string) => `e\u0000${account}\u0000${kind}\u0000${nameKey}`;
  const get = db.prepare('SELECT data FROM entities WHERE account_id = ? AND kind = ? AND name_key = ?').pluck();
  const byId = db.prepare('SELECT account_id, data FROM entities WHERE kind = ? AND id = ?');
  const idOf = db.prepare('SELECT id FROM entities WHERE account_id = ? AND kind = ? AND name_key = ?').pluck();
  const idKey = (account: string, nameKey: string) => `i\u0000${account}\u0000${kind}\u0000${nameKey}`;
  const drop = (account: string, nameKey: string) => {
    cache.drop(cacheKey(account, nameKey));
    cache.drop(idKey(account, nameKey));
  };
  const insert = db.prepare('INSERT OR IGNORE INTO entities (account_id, kind, name_key, path, id, data) VALUES (?, ?, ?, ?, ?, ?)');
  const upsert = db.prepare(
    'INSERT INTO entities (account_id, kind, name_key, path, id, data) VALUES (?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (account_id, kind, name_key) DO UPDATE SET path = excluded.path, id = excluded.id, data = excluded.data',
  );
  const del = db.prepare('DELETE FROM entities WHERE account_id = ? AND kind = ? AND name_key = ?');
  const list = db.prepare(
    'SELECT name_key, data FROM entities WHERE account_id = ? AND kind = ? AND substr(path, 1, length(?)) = ? AND name_key > ? ORDER BY name_key LIMIT ?',
  );
  const count = db.prepare('SELECT COUNT(*) FROM entities WHERE account_id = ? AND kind = ?').pluck();
  return {
    async get(accountId, name) {
      await gate();
      const nameKey = name.toLowerCase();
      const data = cache.read(cacheKey(accountId, nameKey), () => get.get(accountId, kind, nameKey) as string | undefined);
      return data === undefined ? undefined : JSON.parse(data);
    },
    async idOf(accountId, name) {
      await gate();
      const nameKey = name.toLowerCase();
      return cache.read(idKey(accountId, nameKey), () => idOf.get(accountId, kind, nameKey) as string | undefined);
    },
    async getById(id) {
      await gate();
      const row = byId.get(kind, id) as { account_id: string; data: string } | undefined;
      return row ? { accountId: row.account_id, entity: JSON.parse(row.data) } : undefined;
    },
    async create(accountId, e) {
      await gate();
      drop(accountId, e.name.toLowerCase());
      return insert.run(accountId, kind, e.name.toLowerCase(), e.path, e.id, JSON.stringify(e)).changes === 1;
    },
    async put(accountId, e) {
      await gate();
      drop(accountId, e.name.toLowerCase());
      upsert.run(accountId, kind, e.name.toLowerCase(), e.path, e.id, JSON.stringify(e));
    },
    async delete(accountId, name) {
      await gate();
      drop(accountId, name.toLowerCase());
      return del.run(accountId, kind, name.toLowerCase()).changes === 1;
    },
    async list(accountId, o: ListOptions): Promise<Page<EntityTypes[K]>> {
      await gate();
      const prefix = o.pathPrefix ?? '/';
      const after = o.marker ? decodeMarker(o.marker) : '';
      const rows = list.all(accountId, kind, prefix, prefix, after, o.maxItems + 1) as { name_key: string; data: string }[];
      const items = rows.slice(0, o.maxItems).map((r) => JSON.parse(r.data));
      return { items, marker: rows.length > o.maxItems ? encodeMarker(rows[o.maxItems - 1].name_key) : undefined };
    },
    async count(accountId) {
      await gate();
      return count.get(accountId, kind) as number;
    },
  };
}
