// The schema of IAM's credentials and account settings on SQLite: login profiles, SSH public keys,
// per-account settings (password policy, credential report) and account aliases. An applied version
// is never edited: a change is a new version.
import type { Migration } from '../migrate.js';

export const iamCredentialMigrations: readonly Migration[] = [
  {
    version: 20,
    sql: `
CREATE TABLE login_profiles (account_id TEXT NOT NULL, user_key TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (account_id, user_key));
CREATE TABLE ssh_public_keys (key_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, user_key TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX ssh_public_keys_user ON ssh_public_keys (account_id, user_key);
CREATE TABLE account_settings (account_id TEXT NOT NULL, setting TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (account_id, setting));
CREATE TABLE account_aliases (account_id TEXT PRIMARY KEY, alias TEXT NOT NULL UNIQUE);
`,
  },
];
