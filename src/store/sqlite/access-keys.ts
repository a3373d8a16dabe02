// The access keys aggregate on SQLite: one row per key, indexed by owner (the lower-cased user name,
// '' for the root). Lookups by key id go through the row cache; no other table's SQL here.
import type Database from 'better-sqlite3';
import type { AccessKeyRecord, AccessKeyTable } from '../contract/access-keys.js';
import type { Gate } from './lock.js';
import type { RowCache } from './row-cache.js';

/** What reset removes: every user's keys; the roots' keys stay. */
export const accessKeysResetSql = "DELETE FROM access_keys WHERE user_key <> ''";

export function sqliteAccessKeyTable(db: Database.Database, gate: Gate, cache: RowCache): AccessKeyTable {
  const get = db.prepare('SELECT data FROM access_keys WHERE access_key_id = ?').pluck();
  const put = db.prepare(
    'INSERT INTO access_keys (access_key_id, account_id, user_key, data) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (access_key_id) DO UPDATE SET account_id = excluded.account_id, user_key = excluded.user_key, data = excluded.data',
  );
  const del = db.prepare('DELETE FROM access_keys WHERE access_key_id = ?');
  const forUser = db.prepare('SELECT data FROM access_keys WHERE account_id = ? AND user_key = ? ORDER BY access_key_id').pluck();
  const userKey = (u: string | null) => (u === null ? '' : u.toLowerCase());
  return {
    async get(id) {
      await gate();
      const d = cache.read(`k\u0000${id}`, () => get.get(id) as string | undefined);
      return d === undefined ? undefined : (JSON.parse(d) as AccessKeyRecord);
    },
    async put(k) {
      await gate();
      cache.drop(`k\u0000${k.accessKeyId}`);
      put.run(k.accessKeyId, k.accountId, userKey(k.userName), JSON.stringify(k));
    },
    async delete(id) {
      await gate();
      cache.drop(`k\u0000${id}`);
      return del.run(id).changes === 1;
    },
    async forUser(accountId, userName) {
      await gate();
      return (forUser.all(accountId, userKey(userName)) as string[]).map((d) => JSON.parse(d) as AccessKeyRecord);
    },
  };
}
