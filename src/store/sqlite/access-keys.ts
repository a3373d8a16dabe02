// The access keys aggregate on SQLite: one row per key, indexed by owner (the lower-cased user name,
// '' for the root). Lookups by key id go through the row cache, read again from the file once a
// second, so that `rolegate account deactivate-key` run beside a running server takes effect.
// No other table's SQL here.
import type Database from 'better-sqlite3';
import type { AccessKeyRecord, AccessKeyTable } from '../contract/access-keys.js';
import type { Gate } from './lock.js';
import type { RowCache } from './row-cache.js';

/** What reset removes: every user's keys; the roots' keys stay. */
export const accessKeysResetSql = "DELETE FROM access_keys WHERE user_key <> ''";

/** How long a cached key row is trusted before the file is read again (another process may change it). */
export const ACCESS_KEY_RECHECK_MS = 1_000;

export function sqliteAccessKeyTable(db: Database.Database, gate: Gate, cache: RowCache): AccessKeyTable {
  const get = db.prepare('SELECT data FROM access_keys WHERE access_key_id = ?').pluck();
  const put = db.prepare(
    'INSERT INTO access_keys (access_key_id, account_id, user_key, data) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (access_key_id) DO UPDATE SET account_id = excluded.account_id, user_key = excluded.user_key, data = excluded.data',
  );
  const del = db.prepare('DELETE FROM access_keys WHERE access_key_id = ?');
  const forUser = db.prepare('SELECT data FROM access_keys WHERE account_id = ? AND user_key = ? ORDER BY access_key_id').pluck();
  const any = db.prepare('SELECT data FROM access_keys ORDER BY access_key_id LIMIT 1').pluck();
  const userKey = (u: string | null) => (u === null ? '' : u.toLowerCase());
  // When each cached row was read from the file; shared by the tables of one store.
  const readAt = recheckTimes(cache);
  return {
    async get(id) {
      await gate();
      const now = Date.now();
      const at = readAt.get(id);
      if (at === undefined || now - at >= ACCESS_KEY_RECHECK_MS) {
        cache.drop(`k\u0000${id}`);
        if (readAt.size >= 50_000) readAt.clear();
        readAt.set(id, now);
      }
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
    async any() {
      await gate();
      const d = any.get() as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as AccessKeyRecord);
    },
  };
}

const recheck = new WeakMap<RowCache, Map<string, number>>();
function recheckTimes(cache: RowCache): Map<string, number> {
  let m = recheck.get(cache);
  if (!m) recheck.set(cache, (m = new Map()));
  return m;
}
