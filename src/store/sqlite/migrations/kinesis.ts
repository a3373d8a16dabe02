// The Kinesis area's schema on SQLite (src/store/sqlite/kinesis-*.ts). An applied version is never
// edited: a change is a new version, numbered after the last of every area.
import type Database from 'better-sqlite3';
import type { Migration } from '../migrate.js';
import { storedPrincipalBinder } from '../bind-stored-principals.js';

/** Stream and consumer policies saved before principals were kept by unique id get their users and roles bound. */
function bindResourcePolicies(db: Database.Database): void {
  const bind = storedPrincipalBinder(db);
  const rebind = (data: string): string | undefined => {
    const record = JSON.parse(data) as { policy?: string };
    if (typeof record.policy !== 'string') return undefined;
    const bound = bind(record.policy);
    if (bound === record.policy) return undefined;
    record.policy = bound;
    return JSON.stringify(record);
  };
  const stream = db.prepare('UPDATE kinesis_streams SET data = ? WHERE id = ?');
  for (const r of db.prepare('SELECT id, data FROM kinesis_streams').all() as { id: number; data: string }[]) {
    const data = rebind(r.data);
    if (data !== undefined) stream.run(data, r.id);
  }
  const consumer = db.prepare('UPDATE kinesis_consumers SET data = ? WHERE stream_id = ? AND name = ?');
  for (const r of db.prepare('SELECT stream_id, name, data FROM kinesis_consumers').all() as { stream_id: number; name: string; data: string }[]) {
    const data = rebind(r.data);
    if (data !== undefined) consumer.run(data, r.stream_id, r.name);
  }
}

export const kinesisMigrations: readonly Migration[] = [
  {
    // Times are milliseconds since the epoch; `data` is the rest of a record as JSON text. A stream's
    // `id` is the rowid under AUTOINCREMENT, never reused, and keys its shards, records and consumers.
    // Records are keyed by (stream, shard, counter) in a table without rowids, so a shard's records
    // lie together in counter order; their data is a BLOB, their other fields columns.
    version: 6,
    sql: `
CREATE TABLE kinesis_streams (
  id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
  created_at BIGINT NOT NULL, gone_at BIGINT, data TEXT NOT NULL);
CREATE UNIQUE INDEX kinesis_streams_name ON kinesis_streams (account_id, region, name);
CREATE TABLE kinesis_shards (
  stream_id INTEGER NOT NULL, idx INTEGER NOT NULL, parent INTEGER, adjacent_parent INTEGER,
  starting_hash_key TEXT NOT NULL, ending_hash_key TEXT NOT NULL, created_at BIGINT NOT NULL, closed_at BIGINT,
  last_counter INTEGER NOT NULL, last_arrival BIGINT NOT NULL, PRIMARY KEY (stream_id, idx)) WITHOUT ROWID;
CREATE TABLE kinesis_records (
  stream_id INTEGER NOT NULL, shard INTEGER NOT NULL, counter INTEGER NOT NULL, arrival BIGINT NOT NULL,
  partition_key TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (stream_id, shard, counter)) WITHOUT ROWID;
CREATE TABLE kinesis_consumers (
  stream_id INTEGER NOT NULL, name TEXT NOT NULL, created_at BIGINT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (stream_id, name)) WITHOUT ROWID;
`,
  },
  {
    // Stream and consumer policies keep their user and role principals by unique id from now on.
    version: 12,
    sql: '',
    run: bindResourcePolicies,
  },
];
