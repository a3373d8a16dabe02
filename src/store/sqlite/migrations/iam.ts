// The IAM area's schema on SQLite: accounts, access keys, entities and links, each row's record as
// JSON text. An applied version is never edited: a change is a new version, numbered after the last.
import type { Migration } from '../migrate.js';

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
];
