// The S3 area's schema on SQLite (src/store/sqlite/s3-*.ts). Keys are TEXT under the BINARY
// collation, which compares the UTF-8 bytes, as S3 orders keys. An applied version is never edited:
// a change is a new version, numbered after the last of every area.
import type Database from 'better-sqlite3';
import type { Migration } from '../migrate.js';
import { storedPrincipalBinder } from '../bind-stored-principals.js';

/** Bucket policies saved before principals were kept by unique id get their users and roles bound. */
function bindBucketPolicies(db: Database.Database): void {
  const bind = storedPrincipalBinder(db);
  const update = db.prepare('UPDATE s3_buckets SET data = ? WHERE name = ?');
  for (const r of db.prepare('SELECT name, data FROM s3_buckets').all() as { name: string; data: string }[]) {
    const bucket = JSON.parse(r.data) as { config: Record<string, unknown> };
    const policy = bucket.config?.policy;
    if (typeof policy !== 'string') continue;
    const bound = bind(policy);
    if (bound === policy) continue;
    bucket.config.policy = bound;
    update.run(JSON.stringify(bucket), r.name);
  }
}

export const s3Migrations: readonly Migration[] = [
  {
    // Times are milliseconds since the epoch; `data` is the record as JSON text. `seq` is the rowid
    // under AUTOINCREMENT, so it only grows, even past deleted versions. A version's columns copy
    // what listings filter and sort on; s3_segments and the parts' `blob` name every blob a row holds
    // (the start-up sweep asks them by blob id).
    version: 5,
    sql: `
CREATE TABLE s3_buckets (name TEXT PRIMARY KEY, account_id TEXT NOT NULL, created_at BIGINT NOT NULL, data TEXT NOT NULL);
CREATE INDEX s3_buckets_account ON s3_buckets (account_id, name);
CREATE TABLE s3_objects (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, bucket TEXT NOT NULL, key TEXT NOT NULL, version_id TEXT NOT NULL,
  is_latest INTEGER NOT NULL, delete_marker INTEGER NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL,
  last_modified BIGINT NOT NULL, storage_class TEXT NOT NULL, data TEXT NOT NULL);
CREATE UNIQUE INDEX s3_objects_version ON s3_objects (bucket, key, version_id);
CREATE INDEX s3_objects_versions ON s3_objects (bucket, key, seq DESC);
CREATE UNIQUE INDEX s3_objects_latest ON s3_objects (bucket, key) WHERE is_latest = 1;
CREATE INDEX s3_objects_listing ON s3_objects (bucket, key) WHERE is_latest = 1 AND delete_marker = 0;
CREATE TABLE s3_segments (seq INTEGER NOT NULL, blob TEXT NOT NULL, PRIMARY KEY (seq, blob)) WITHOUT ROWID;
CREATE INDEX s3_segments_blob ON s3_segments (blob);
CREATE TABLE s3_uploads (
  upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key TEXT NOT NULL, initiated BIGINT NOT NULL, data TEXT NOT NULL);
CREATE INDEX s3_uploads_listing ON s3_uploads (bucket, key, initiated, upload_id);
CREATE TABLE s3_parts (
  upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, blob TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (upload_id, part_number)) WITHOUT ROWID;
CREATE INDEX s3_parts_blob ON s3_parts (blob);
`,
  },
  {
    // Bucket policies keep their user and role principals by unique id (AIDA…, AROA…) from now on.
    version: 11,
    sql: '',
    run: bindBucketPolicies,
  },
];
