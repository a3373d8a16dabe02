// The service-specific credentials aggregate on SQLite: rows keyed by credential id and indexed by
// (account, lower-cased user name, creation time); each row's record as JSON text. No other table's SQL.
import type Database from 'better-sqlite3';
import type { ServiceSpecificCredentialRecord, ServiceSpecificCredentialTable } from '../contract/service-credentials.js';
import type { Gate } from './lock.js';

/** What reset removes: every credential. */
export const serviceCredentialsResetSql = 'DELETE FROM service_specific_credentials';

export function sqliteServiceSpecificCredentialTable(db: Database.Database, gate: Gate): ServiceSpecificCredentialTable {
  const get = db.prepare('SELECT data FROM service_specific_credentials WHERE credential_id = ?').pluck();
  const put = db.prepare(
    'INSERT INTO service_specific_credentials (credential_id, account_id, user_key, created, data) VALUES (?, ?, ?, ?, ?) ' +
      'ON CONFLICT (credential_id) DO UPDATE SET account_id = excluded.account_id, user_key = excluded.user_key, created = excluded.created, data = excluded.data',
  );
  const del = db.prepare('DELETE FROM service_specific_credentials WHERE credential_id = ?');
  const forUser = db.prepare('SELECT data FROM service_specific_credentials WHERE account_id = ? AND user_key = ? ORDER BY created, credential_id').pluck();
  const list = db.prepare('SELECT data FROM service_specific_credentials WHERE account_id = ? ORDER BY user_key, created, credential_id').pluck();
  const parse = (rows: unknown[]) => (rows as string[]).map((d) => JSON.parse(d) as ServiceSpecificCredentialRecord);
  return {
    async get(id) {
      await gate();
      const d = get.get(id) as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as ServiceSpecificCredentialRecord);
    },
    async put(c) {
      await gate();
      put.run(c.id, c.accountId, c.userName.toLowerCase(), c.createDate, JSON.stringify(c));
    },
    async delete(id) {
      await gate();
      return del.run(id).changes === 1;
    },
    async forUser(accountId, userName) {
      await gate();
      return parse(forUser.all(accountId, userName.toLowerCase()));
    },
    async list(accountId) {
      await gate();
      return parse(list.all(accountId));
    },
  };
}
