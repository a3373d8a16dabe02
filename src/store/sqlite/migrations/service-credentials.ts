// The schema of IAM users' service-specific credentials on SQLite: one row per credential, its record
// (the secret sealed) as JSON text, indexed by owner; and the service last-accessed reports by job id. An applied version is never edited: a change is a new version.
import type { Migration } from '../migrate.js';

export const serviceCredentialMigrations: readonly Migration[] = [
  {
    version: 60,
    sql: `
CREATE TABLE service_specific_credentials (credential_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, user_key TEXT NOT NULL, created TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX service_specific_credentials_user ON service_specific_credentials (account_id, user_key, created);
CREATE TABLE access_reports (account_id TEXT NOT NULL, job_id TEXT NOT NULL, created TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (account_id, job_id));
`,
  },
];
