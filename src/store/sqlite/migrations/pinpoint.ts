// The Pinpoint area's schema on SQLite (src/store/sqlite/pinpoint.ts). An applied version is never
// edited: a change is a new version, numbered after the last of every area.
import type { Migration } from '../migrate.js';

export const pinpointMigrations: readonly Migration[] = [
  {
    // Apps, endpoints, segment versions, jobs, recommenders (JSON documents in `data`, keys beside
    // them), each app's outbox of events (seq under AUTOINCREMENT only grows) and its delivery state.
    version: 8,
    sql: `
CREATE TABLE pinpoint_apps (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, created_at BIGINT NOT NULL, data TEXT NOT NULL);
CREATE INDEX pinpoint_apps_account ON pinpoint_apps (account_id, region, id);
CREATE TABLE pinpoint_endpoints (
  app_id TEXT NOT NULL, id TEXT NOT NULL, user_id TEXT, data TEXT NOT NULL, PRIMARY KEY (app_id, id)) WITHOUT ROWID;
CREATE INDEX pinpoint_endpoints_user ON pinpoint_endpoints (app_id, user_id);
CREATE TABLE pinpoint_segments (
  app_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (app_id, id, version)) WITHOUT ROWID;
CREATE TABLE pinpoint_jobs (
  app_id TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, segment_id TEXT, created_at BIGINT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (app_id, id)) WITHOUT ROWID;
CREATE INDEX pinpoint_jobs_order ON pinpoint_jobs (app_id, type, created_at DESC, id);
CREATE TABLE pinpoint_recommenders (
  account_id TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL, created_at BIGINT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (account_id, region, id)) WITHOUT ROWID;
CREATE TABLE pinpoint_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT NOT NULL, arrived_at BIGINT NOT NULL, data BLOB NOT NULL);
CREATE INDEX pinpoint_outbox_app ON pinpoint_outbox (app_id, seq);
CREATE TABLE pinpoint_outbox_state (
  app_id TEXT PRIMARY KEY, delivered INTEGER NOT NULL DEFAULT 0, failure TEXT);
`,
  },
  {
    // The member lists of imported segments: endpoint ids under the list's id (the import job's).
    version: 9,
    sql: `
CREATE TABLE pinpoint_segment_members (
  app_id TEXT NOT NULL, list TEXT NOT NULL, endpoint_id TEXT NOT NULL, PRIMARY KEY (app_id, list, endpoint_id)) WITHOUT ROWID;
`,
  },
  {
    // Message templates: one row per account, region, name and channel type, its versions in `data`.
    version: 90,
    sql: `
CREATE TABLE pinpoint_templates (
  account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, created_at BIGINT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (account_id, region, name, type)) WITHOUT ROWID;
`,
  },
];
