// The store's transactions and reset on SQLite: one at a time under the lock, BEGIN IMMEDIATE to
// COMMIT; a failure rolls back and empties the caches. Names no table: each aggregate gives its deletes.
import type Database from 'better-sqlite3';
import type { Store, StoreTables } from '../contract/store.js';
import type { Lock } from './lock.js';
import type { RowCache } from './row-cache.js';

/** `inside` are the tables whose gate never waits; `resetSql` the aggregates' deletes, in order. */
export function sqliteTransactions(
  db: Database.Database, lock: Lock, cache: RowCache, inside: StoreTables, resetSql: readonly string[],
): Pick<Store, 'transaction' | 'reset'> {
  const reset = `BEGIN IMMEDIATE; ${resetSql.join('; ')}; COMMIT;`;
  return {
    transaction(fn) {
      return lock.run(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(inside);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          cache.clear();
          throw e;
        }
      });
    },
    async reset() {
      await lock.run(async () => {
        try {
          db.exec(reset);
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        } finally {
          cache.clear();
        }
      });
    },
  };
}
