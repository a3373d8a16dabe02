// The jobs area's schema on SQLite (src/store/sqlite/jobs.ts). An applied version is never edited:
// a change is a new version, numbered after the last of every area.
import type { Migration } from '../migrate.js';

export const jobMigrations: readonly Migration[] = [
  {
    // Background jobs (src/jobs): times are milliseconds since the epoch; JSON columns are text.
    version: 4,
    sql: `
CREATE TABLE jobs (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, account_id TEXT NOT NULL, state TEXT NOT NULL,
  input TEXT NOT NULL, checkpoint TEXT, progress TEXT NOT NULL,
  attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL, next_run_at BIGINT NOT NULL,
  lease_owner TEXT, lease_expires_at BIGINT, last_error TEXT,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, finished_at BIGINT);
CREATE INDEX jobs_queued ON jobs (state, next_run_at);
CREATE INDEX jobs_leased ON jobs (state, lease_expires_at);
CREATE INDEX jobs_account ON jobs (account_id, created_at);
`,
  },
];
