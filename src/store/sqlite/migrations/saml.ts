// The schema of IAM's SAML providers on SQLite: one row per provider, its record as JSON text (the
// metadata document, up to 10 MB, inside it). An applied version is never edited: a change is a new version.
import type { Migration } from '../migrate.js';

export const samlMigrations: readonly Migration[] = [
  {
    version: 40,
    sql: `
CREATE TABLE saml_providers (account_id TEXT NOT NULL, name_key TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (account_id, name_key));
`,
  },
];
