// The Firehose area's schema on SQLite (src/store/sqlite/firehose.ts). An applied version is never
// edited: a change is a new version, numbered after the last of every area.
import type { Migration } from '../migrate.js';

export const firehoseMigrations: readonly Migration[] = [
  {
    // Delivery streams (their record as JSON text, the delivery counters and last failure beside
    // it), the buffer of records acknowledged and not yet delivered — one row per append (a
    // PutRecordBatch, a read of the source): its records' bytes end to end in `data`, their lengths
    // as 32-bit little-endian numbers in `lengths`, `consumed` of them already delivered; `seq`
    // under AUTOINCREMENT only grows —, the batches planned from it (at most one pending per stream),
    // and the positions read in a Kinesis source. Times are milliseconds since the epoch.
    version: 7,
    sql: `
CREATE TABLE firehose_streams (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
  buffered_records INTEGER NOT NULL DEFAULT 0, buffered_bytes INTEGER NOT NULL DEFAULT 0,
  delivered_records INTEGER NOT NULL DEFAULT 0, delivered_objects INTEGER NOT NULL DEFAULT 0,
  dropped_records INTEGER NOT NULL DEFAULT 0, failure TEXT);
CREATE UNIQUE INDEX firehose_streams_name ON firehose_streams (account_id, region, name);
CREATE TABLE firehose_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, arrived_at BIGINT NOT NULL, count INTEGER NOT NULL,
  lengths BLOB NOT NULL, data BLOB NOT NULL, consumed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX firehose_records_stream ON firehose_records (stream_id, seq);
CREATE TABLE firehose_batches (
  stream_id TEXT NOT NULL, batch_id INTEGER NOT NULL, is_pending INTEGER NOT NULL, data TEXT NOT NULL,
  finished_at BIGINT, outcome TEXT, PRIMARY KEY (stream_id, batch_id)) WITHOUT ROWID;
CREATE UNIQUE INDEX firehose_batches_pending ON firehose_batches (stream_id) WHERE is_pending = 1;
CREATE TABLE firehose_positions (
  stream_id TEXT NOT NULL, shard_id TEXT NOT NULL, sequence_number TEXT, is_finished INTEGER NOT NULL,
  PRIMARY KEY (stream_id, shard_id)) WITHOUT ROWID;
`,
  },
];
