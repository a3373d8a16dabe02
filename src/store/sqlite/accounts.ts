// The accounts aggregate on SQLite: one row per account, its record as JSON text, read without the
// row cache. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { Account, AccountTable } from '../contract/accounts.js';
import type { Gate } from './lock.js';

export function sqliteAccountTable(db: Database.Database, gate: Gate): AccountTable {
  const get = db.prepare('SELECT data FROM accounts WHERE id = ?').pluck();
  const put = db.prepare('INSERT INTO accounts (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data');
  const list = db.prepare('SELECT data FROM accounts ORDER BY id').pluck();
  return {
    async get(id) {
      await gate();
      const d = get.get(id) as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as Account);
    },
    async put(a) {
      await gate();
      put.run(a.id, JSON.stringify(a));
    },
    async list() {
      await gate();
      return (list.all() as string[]).map((d) => JSON.parse(d) as Account);
    },
  };
}
