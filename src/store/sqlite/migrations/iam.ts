// The IAM area's schema on SQLite: accounts, access keys, entities and links, each row's record as
// JSON text. An applied version is never edited: a change is a new version, numbered after the last.
import type Database from 'better-sqlite3';
import type { Migration } from '../migrate.js';
import { storedPrincipalBinder } from '../bind-stored-principals.js';

/** Trust policies saved before principals were kept by unique id get their users and roles bound. */
function bindTrustPolicies(db: Database.Database): void {
  const bind = storedPrincipalBinder(db);
  const update = db.prepare("UPDATE entities SET data = ? WHERE account_id = ? AND kind = 'role' AND name_key = ?");
  const rows = db.prepare("SELECT account_id, name_key, data FROM entities WHERE kind = 'role'").all() as { account_id: string; name_key: string; data: string }[];
  for (const r of rows) {
    const role = JSON.parse(r.data) as { assumeRolePolicyDocument: string };
    const bound = bind(role.assumeRolePolicyDocument);
    if (bound === role.assumeRolePolicyDocument) continue;
    role.assumeRolePolicyDocument = bound;
    update.run(JSON.stringify(role), r.account_id, r.name_key);
  }
}

export const iamMigrations: readonly Migration[] = [
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
    // Trust policies keep their user and role principals by unique id (AIDA…, AROA…) from now on.
    version: 10,
    sql: '',
    run: bindTrustPolicies,
  },
];
