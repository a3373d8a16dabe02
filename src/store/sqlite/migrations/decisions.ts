// The decision log's schema on SQLite (written by decisions-worker.ts). An applied version is never
// edited: a change is a new version, numbered after the last of every area.
import type { Migration } from '../migrate.js';

export const decisionMigrations: readonly Migration[] = [
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
];
