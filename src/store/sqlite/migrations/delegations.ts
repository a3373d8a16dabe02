// The schema of IAM's temporary delegation requests on SQLite: one row per request, its record as
// JSON text, with its workflow id unique per requestor account and its token's hash unique; and the
// messages IAM would publish to the requests' SNS topics. An applied version is never edited: a change is a new version.
import type { Migration } from '../migrate.js';

export const delegationMigrations: readonly Migration[] = [
  {
    version: 70,
    sql: `
CREATE TABLE delegation_requests (id TEXT PRIMARY KEY, requestor_account TEXT NOT NULL, workflow_id TEXT NOT NULL, owner_account TEXT, owned INTEGER NOT NULL, token_hash TEXT UNIQUE, created TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (requestor_account, workflow_id));
CREATE INDEX delegation_requests_owner ON delegation_requests (owner_account, owned, created);
CREATE TABLE delegation_notifications (seq INTEGER PRIMARY KEY AUTOINCREMENT, topic_account TEXT NOT NULL, topic_arn TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX delegation_notifications_topic ON delegation_notifications (topic_account, seq);
`,
  },
];
