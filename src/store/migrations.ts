// Versioned schema migrations, shared by the engines: each entry runs once, in order, in one transaction.
export const migrations: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE accounts (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE access_keys (
  access_key_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, user_key TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX access_keys_user ON access_keys (account_id, user_key);
CREATE TABLE entities (
  account_id TEXT NOT NULL, kind TEXT NOT NULL, name_key TEXT NOT NULL, path TEXT NOT NULL,
  id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (account_id, kind, name_key));
CREATE UNIQUE INDEX entities_id ON entities (kind, id);
CREATE TABLE links (
  account_id TEXT NOT NULL, kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, data TEXT,
  PRIMARY KEY (account_id, kind, a, b));
CREATE INDEX links_b ON links (account_id, kind, b);
`,
  },
  {
    version: 2,
    sql: `
CREATE TABLE decisions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, request_id TEXT NOT NULL, account_id TEXT NOT NULL,
  principal TEXT NOT NULL, action TEXT NOT NULL, result TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX decisions_request ON decisions (request_id);
CREATE INDEX decisions_principal ON decisions (principal, seq);
`,
  },
  {
    // Cross-account requests: the resource's account reads the decision too.
    version: 3,
    sql: `
ALTER TABLE decisions ADD COLUMN resource_account TEXT;
CREATE INDEX decisions_resource_account ON decisions (resource_account, seq) WHERE resource_account IS NOT NULL;
`,
  },
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
