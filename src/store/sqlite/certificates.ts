// The certificates on SQLite: server certificates keyed by (account, lower-cased name), signing
// certificates by id (upload order kept by rowid) and indexed by owner ('' for the account root, whose name no user can have)
// and by fingerprint; each record as JSON text. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { ServerCertificateRecord, ServerCertificateTable, SigningCertificateRecord, SigningCertificateTable } from '../contract/certificates.js';
import type { Gate } from './lock.js';

export const certificatesResetSql = 'DELETE FROM server_certificates; DELETE FROM signing_certificates';

export function sqliteServerCertificateTable(db: Database.Database, gate: Gate): ServerCertificateTable {
  const get = db.prepare('SELECT data FROM server_certificates WHERE account_id = ? AND name_key = ?').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO server_certificates (account_id, name_key, data) VALUES (?, ?, ?)');
  const put = db.prepare('INSERT INTO server_certificates (account_id, name_key, data) VALUES (?, ?, ?) ON CONFLICT (account_id, name_key) DO UPDATE SET data = excluded.data');
  const del = db.prepare('DELETE FROM server_certificates WHERE account_id = ? AND name_key = ?');
  const list = db.prepare('SELECT data FROM server_certificates WHERE account_id = ? ORDER BY name_key').pluck();
  const count = db.prepare('SELECT COUNT(*) FROM server_certificates WHERE account_id = ?').pluck();
  return {
    async get(accountId, name) {
      await gate();
      const d = get.get(accountId, name.toLowerCase()) as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as ServerCertificateRecord);
    },
    async create(accountId, c) {
      await gate();
      return insert.run(accountId, c.name.toLowerCase(), JSON.stringify(c)).changes === 1;
    },
    async put(accountId, c) {
      await gate();
      put.run(accountId, c.name.toLowerCase(), JSON.stringify(c));
    },
    async delete(accountId, name) {
      await gate();
      return del.run(accountId, name.toLowerCase()).changes === 1;
    },
    async list(accountId) {
      await gate();
      return (list.all(accountId) as string[]).map((d) => JSON.parse(d) as ServerCertificateRecord);
    },
    async count(accountId) {
      await gate();
      return count.get(accountId) as number;
    },
  };
}

const ownerKey = (userName: string | null) => (userName === null ? '' : userName.toLowerCase());

export function sqliteSigningCertificateTable(db: Database.Database, gate: Gate): SigningCertificateTable {
  const get = db.prepare('SELECT data FROM signing_certificates WHERE certificate_id = ?').pluck();
  const put = db.prepare(
    'INSERT INTO signing_certificates (certificate_id, account_id, owner_key, fingerprint, upload_date, data) VALUES (?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (certificate_id) DO UPDATE SET account_id = excluded.account_id, owner_key = excluded.owner_key, ' +
      'fingerprint = excluded.fingerprint, upload_date = excluded.upload_date, data = excluded.data',
  );
  const del = db.prepare('DELETE FROM signing_certificates WHERE certificate_id = ?');
  const forUser = db.prepare('SELECT data FROM signing_certificates WHERE account_id = ? AND owner_key = ? ORDER BY upload_date, rowid').pluck();
  const withFingerprint = db.prepare('SELECT data FROM signing_certificates WHERE account_id = ? AND fingerprint = ? ORDER BY certificate_id').pluck();
  const parse = (rows: unknown[]) => (rows as string[]).map((d) => JSON.parse(d) as SigningCertificateRecord);
  return {
    async get(id) {
      await gate();
      const d = get.get(id) as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as SigningCertificateRecord);
    },
    async put(c) {
      await gate();
      put.run(c.id, c.accountId, ownerKey(c.userName), c.fingerprint, c.uploadDate, JSON.stringify(c));
    },
    async delete(id) {
      await gate();
      return del.run(id).changes === 1;
    },
    async forUser(accountId, userName) {
      await gate();
      return parse(forUser.all(accountId, ownerKey(userName)));
    },
    async withFingerprint(accountId, fingerprint) {
      await gate();
      return parse(withFingerprint.all(accountId, fingerprint));
    },
  };
}
