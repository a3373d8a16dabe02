// The user credentials aggregate on SQLite: login profiles keyed by (account, lower-cased user
// name), SSH public keys by id and indexed by owner; each row's record as JSON text. No other table's SQL.
import type Database from 'better-sqlite3';
import type { LoginProfileRecord, LoginProfileTable, SshPublicKeyRecord, SshPublicKeyTable } from '../contract/user-credentials.js';
import type { Gate } from './lock.js';

/** What reset removes: every profile and key. */
export const userCredentialsResetSql = 'DELETE FROM login_profiles; DELETE FROM ssh_public_keys';

export function sqliteLoginProfileTable(db: Database.Database, gate: Gate): LoginProfileTable {
  const get = db.prepare('SELECT data FROM login_profiles WHERE account_id = ? AND user_key = ?').pluck();
  const put = db.prepare('INSERT INTO login_profiles (account_id, user_key, data) VALUES (?, ?, ?) ON CONFLICT (account_id, user_key) DO UPDATE SET data = excluded.data');
  const del = db.prepare('DELETE FROM login_profiles WHERE account_id = ? AND user_key = ?');
  const list = db.prepare('SELECT data FROM login_profiles WHERE account_id = ? ORDER BY user_key').pluck();
  return {
    async get(accountId, userName) {
      await gate();
      const d = get.get(accountId, userName.toLowerCase()) as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as LoginProfileRecord);
    },
    async put(p) {
      await gate();
      put.run(p.accountId, p.userName.toLowerCase(), JSON.stringify(p));
    },
    async delete(accountId, userName) {
      await gate();
      return del.run(accountId, userName.toLowerCase()).changes === 1;
    },
    async list(accountId) {
      await gate();
      return (list.all(accountId) as string[]).map((d) => JSON.parse(d) as LoginProfileRecord);
    },
  };
}

export function sqliteSshPublicKeyTable(db: Database.Database, gate: Gate): SshPublicKeyTable {
  const get = db.prepare('SELECT data FROM ssh_public_keys WHERE key_id = ?').pluck();
  const put = db.prepare(
    'INSERT INTO ssh_public_keys (key_id, account_id, user_key, data) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (key_id) DO UPDATE SET account_id = excluded.account_id, user_key = excluded.user_key, data = excluded.data',
  );
  const del = db.prepare('DELETE FROM ssh_public_keys WHERE key_id = ?');
  const forUser = db.prepare('SELECT data FROM ssh_public_keys WHERE account_id = ? AND user_key = ? ORDER BY key_id').pluck();
  return {
    async get(id) {
      await gate();
      const d = get.get(id) as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as SshPublicKeyRecord);
    },
    async put(k) {
      await gate();
      put.run(k.id, k.accountId, k.userName.toLowerCase(), JSON.stringify(k));
    },
    async delete(id) {
      await gate();
      return del.run(id).changes === 1;
    },
    async forUser(accountId, userName) {
      await gate();
      return (forUser.all(accountId, userName.toLowerCase()) as string[]).map((d) => JSON.parse(d) as SshPublicKeyRecord);
    },
  };
}
