// S3's buckets on SQLite: one row per bucket, its name unique across accounts, its record as JSON
// text, listed by (account, name) with the marker of src/store/marker.ts. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { Page } from '../contract/page.js';
import type { BucketRecord, BucketTable } from '../contract/s3.js';
import { encodeMarker } from '../marker.js';
import type { Gate } from './lock.js';
import type { RowCache } from './row-cache.js';
import { keyRange, rangeSql, statementCache } from './s3-keys.js';

export const bucketsResetSql = 'DELETE FROM s3_buckets';

export function sqliteBucketTable(db: Database.Database, gate: Gate, cache: RowCache): BucketTable {
  // Every S3 request reads its bucket (authorization and handler): the row's text is cached by name.
  const key = (name: string) => `b\u0000${name}`;
  const insert = db.prepare('INSERT OR IGNORE INTO s3_buckets (name, account_id, created_at, data) VALUES (?, ?, ?, ?)');
  const get = db.prepare('SELECT data FROM s3_buckets WHERE name = ?').pluck();
  const update = db.prepare('UPDATE s3_buckets SET account_id = ?, created_at = ?, data = ? WHERE name = ?');
  const del = db.prepare('DELETE FROM s3_buckets WHERE name = ?');
  const statement = statementCache(db);
  return {
    async create(b) {
      await gate();
      cache.drop(key(b.name));
      return insert.run(b.name, b.accountId, b.createdAt, JSON.stringify(b)).changes === 1;
    },
    async get(name) {
      await gate();
      const data = cache.read(key(name), () => get.get(name) as string | undefined);
      return data === undefined ? undefined : (JSON.parse(data) as BucketRecord);
    },
    async put(b) {
      await gate();
      cache.drop(key(b.name));
      return update.run(b.accountId, b.createdAt, JSON.stringify(b), b.name).changes === 1;
    },
    async delete(name) {
      await gate();
      cache.drop(key(name));
      return del.run(name).changes === 1;
    },
    async list(accountId, o): Promise<Page<BucketRecord>> {
      await gate();
      const r = keyRange(o.prefix, o.after);
      if (r === undefined || o.max <= 0) return { items: [] };
      const range = rangeSql('name', r);
      const rows = statement(`SELECT data FROM s3_buckets WHERE account_id = ? AND ${range.sql} ORDER BY name LIMIT ?`)
        .pluck().all(accountId, ...range.args, o.max + 1) as string[];
      const items = rows.slice(0, o.max).map((d) => JSON.parse(d) as BucketRecord);
      return { items, marker: rows.length > o.max ? encodeMarker(items[o.max - 1].name) : undefined };
    },
  };
}
