// The SAML providers on SQLite: keyed by (account, lower-cased name), each record as JSON text.
// Not cached: a record carries its whole metadata document. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { SamlProviderRecord, SamlProviderTable } from '../contract/saml-providers.js';
import type { Gate } from './lock.js';

export const samlProvidersResetSql = 'DELETE FROM saml_providers';

export function sqliteSamlProviderTable(db: Database.Database, gate: Gate): SamlProviderTable {
  const get = db.prepare('SELECT data FROM saml_providers WHERE account_id = ? AND name_key = ?').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO saml_providers (account_id, name_key, data) VALUES (?, ?, ?)');
  const put = db.prepare('INSERT INTO saml_providers (account_id, name_key, data) VALUES (?, ?, ?) ON CONFLICT (account_id, name_key) DO UPDATE SET data = excluded.data');
  const del = db.prepare('DELETE FROM saml_providers WHERE account_id = ? AND name_key = ?');
  const list = db.prepare('SELECT data FROM saml_providers WHERE account_id = ? ORDER BY name_key').pluck();
  const count = db.prepare('SELECT COUNT(*) FROM saml_providers WHERE account_id = ?').pluck();
  return {
    async get(accountId, name) {
      await gate();
      const d = get.get(accountId, name.toLowerCase()) as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as SamlProviderRecord);
    },
    async create(accountId, p) {
      await gate();
      return insert.run(accountId, p.name.toLowerCase(), JSON.stringify(p)).changes === 1;
    },
    async put(accountId, p) {
      await gate();
      put.run(accountId, p.name.toLowerCase(), JSON.stringify(p));
    },
    async delete(accountId, name) {
      await gate();
      return del.run(accountId, name.toLowerCase()).changes === 1;
    },
    async list(accountId) {
      await gate();
      return (list.all(accountId) as string[]).map((d) => JSON.parse(d) as SamlProviderRecord);
    },
    async count(accountId) {
      await gate();
      return count.get(accountId) as number;
    },
  };
}
