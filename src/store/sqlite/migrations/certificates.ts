// The schema of IAM's server and signing certificates on SQLite: one row per certificate, its
// record as JSON text (a server certificate's private key inside it only sealed). An applied version
// is never edited: a change is a new version.
import type { Migration } from '../migrate.js';

export const certificateMigrations: readonly Migration[] = [
  {
    version: 50,
    sql: `
CREATE TABLE server_certificates (account_id TEXT NOT NULL, name_key TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (account_id, name_key));
CREATE TABLE signing_certificates (certificate_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, owner_key TEXT NOT NULL, fingerprint TEXT NOT NULL, upload_date TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX signing_certificates_owner ON signing_certificates (account_id, owner_key);
CREATE INDEX signing_certificates_fingerprint ON signing_certificates (account_id, fingerprint);
`,
  },
];
