// S3's object versions on SQLite: one row per version or delete marker, its record as JSON text
// and, as columns, what listings filter on; s3_segments names each version's blobs. A change of
// several rows runs in one better-sqlite3 transaction, which becomes a SAVEPOINT inside a store
// transaction, so it is atomic either way. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { ListedObject, ObjectScanOptions, ObjectTable, ObjectVersionRecord } from '../contract/s3.js';
import type { Gate } from './lock.js';
import type { RowCache } from './row-cache.js';
import { keyRange, rangeSql, statementCache } from './s3-keys.js';

export const objectsResetSql = 'DELETE FROM s3_segments; DELETE FROM s3_objects';

interface Row { seq: number; is_latest: number; data: string }

const COLUMNS = 'seq, is_latest, data';

function toRecord(r: Row): ObjectVersionRecord {
  const v = JSON.parse(r.data) as ObjectVersionRecord;
  v.seq = r.seq;
  v.isLatest = r.is_latest === 1;
  return v;
}

/** The record as stored: `seq` and `isLatest` live in their columns only. */
function stored(v: ObjectVersionRecord): string {
  const { seq: _seq, isLatest: _isLatest, ...rest } = v;
  return JSON.stringify(rest);
}

export function sqliteObjectTable(db: Database.Database, gate: Gate, cache: RowCache): ObjectTable {
  // Every GetObject and HeadObject reads the key's latest version: its row is cached by bucket and
  // key as `seq\ndata` (JSON text has no raw newline); every write of a key drops its entry.
  const latestKey = (bucket: string, key: string) => `o\u0000${bucket}\u0000${key}`;
  const readLatest = (bucket: string, key: string): Row | undefined => {
    const text = cache.read(latestKey(bucket, key), () => {
      const r = latest.get(bucket, key) as Row | undefined;
      return r && `${r.seq}\n${r.data}`;
    });
    if (text === undefined) return undefined;
    const nl = text.indexOf('\n');
    return { seq: Number(text.slice(0, nl)), is_latest: 1, data: text.slice(nl + 1) };
  };
  const byVersion = db.prepare(`SELECT ${COLUMNS} FROM s3_objects WHERE bucket = ? AND key = ? AND version_id = ?`);
  const latest = db.prepare(`SELECT ${COLUMNS} FROM s3_objects WHERE bucket = ? AND key = ? AND is_latest = 1`);
  const clearLatest = db.prepare('UPDATE s3_objects SET is_latest = 0 WHERE bucket = ? AND key = ? AND is_latest = 1');
  const insert = db.prepare(
    'INSERT INTO s3_objects (bucket, key, version_id, is_latest, delete_marker, size, etag, last_modified, storage_class, data) ' +
      'VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?) RETURNING seq',
  ).pluck();
  const change = db.prepare(
    'UPDATE s3_objects SET delete_marker = ?, size = ?, etag = ?, last_modified = ?, storage_class = ?, data = ? ' +
      'WHERE bucket = ? AND key = ? AND version_id = ? RETURNING seq',
  ).pluck();
  const del = db.prepare('DELETE FROM s3_objects WHERE seq = ?');
  const promoteNewest = db.prepare(
    'UPDATE s3_objects SET is_latest = 1 WHERE seq = (SELECT seq FROM s3_objects WHERE bucket = ? AND key = ? ORDER BY seq DESC LIMIT 1)',
  );
  const addSegment = db.prepare('INSERT OR IGNORE INTO s3_segments (seq, blob) VALUES (?, ?)');
  const dropSegments = db.prepare('DELETE FROM s3_segments WHERE seq = ?');
  const withinKey = db.prepare(
    `SELECT ${COLUMNS} FROM s3_objects WHERE bucket = ? AND key = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
  );
  const any = db.prepare('SELECT EXISTS (SELECT 1 FROM s3_objects WHERE bucket = ?)').pluck();
  const ofBucket = db.prepare(`SELECT ${COLUMNS} FROM s3_objects WHERE bucket = ? ORDER BY key, seq DESC`);
  const dropBucketSegments = db.prepare('DELETE FROM s3_segments WHERE seq IN (SELECT seq FROM s3_objects WHERE bucket = ?)');
  const dropBucket = db.prepare('DELETE FROM s3_objects WHERE bucket = ?');
  const statement = statementCache(db);

  const addSegments = (seq: number, v: ObjectVersionRecord) => {
    for (const s of v.segments) addSegment.run(seq, s.blob);
  };
  const putTx = db.transaction((v: ObjectVersionRecord) => {
    cache.drop(latestKey(v.bucket, v.key));
    const old = byVersion.get(v.bucket, v.key, v.versionId) as Row | undefined;
    if (old) {
      dropSegments.run(old.seq);
      del.run(old.seq);
    }
    clearLatest.run(v.bucket, v.key);
    const seq = insert.get(v.bucket, v.key, v.versionId, v.deleteMarker ? 1 : 0, v.size, v.etag, v.lastModified, v.storageClass, stored(v)) as number;
    addSegments(seq, v);
    return old && toRecord(old);
  });
  const updateTx = db.transaction((v: ObjectVersionRecord) => {
    cache.drop(latestKey(v.bucket, v.key));
    const seq = change.get(v.deleteMarker ? 1 : 0, v.size, v.etag, v.lastModified, v.storageClass, stored(v), v.bucket, v.key, v.versionId) as number | undefined;
    if (seq === undefined) return false;
    dropSegments.run(seq);
    addSegments(seq, v);
    return true;
  });
  const deleteTx = db.transaction((bucket: string, key: string, versionId: string) => {
    cache.drop(latestKey(bucket, key));
    const row = byVersion.get(bucket, key, versionId) as Row | undefined;
    if (!row) return undefined;
    dropSegments.run(row.seq);
    del.run(row.seq);
    if (row.is_latest === 1) promoteNewest.run(bucket, key);
    return toRecord(row);
  });
  const deleteBucketTx = db.transaction((bucket: string) => {
    const rows = ofBucket.all(bucket) as Row[];
    for (const r of rows) cache.drop(latestKey(bucket, (JSON.parse(r.data) as ObjectVersionRecord).key));
    dropBucketSegments.run(bucket);
    dropBucket.run(bucket);
    return rows.map(toRecord);
  });

  /** Rows of keys in the range, by key then seq (newest first); `latestOnly` keeps the listed latest versions. */
  const scanKeys = (bucket: string, o: ObjectScanOptions, latestOnly: boolean, limit: number): Row[] => {
    const r = keyRange(o.prefix, o.afterKey);
    if (r === undefined || limit <= 0) return [];
    const range = rangeSql('key', r);
    const sql = latestOnly
      ? `SELECT ${COLUMNS} FROM s3_objects WHERE bucket = ? AND ${range.sql} AND is_latest = 1 AND delete_marker = 0 ORDER BY key LIMIT ?`
      : `SELECT ${COLUMNS} FROM s3_objects WHERE bucket = ? AND ${range.sql} ORDER BY key, seq DESC LIMIT ?`;
    return statement(sql).all(bucket, ...range.args, limit) as Row[];
  };

  const LISTED = "key, size, etag, last_modified AS lastModified, storage_class AS storageClass, " +
    "json_extract(data, '$.checksum.algorithm') AS checksumAlgorithm, json_extract(data, '$.checksum.type') AS checksumType";

  return {
    async scanListing(bucket, o) {
      await gate();
      const r = keyRange(o.prefix, o.afterKey);
      if (r === undefined || o.limit <= 0) return [];
      const range = rangeSql('key', r);
      const rows = statement(`SELECT ${LISTED} FROM s3_objects WHERE bucket = ? AND ${range.sql} AND is_latest = 1 AND delete_marker = 0 ORDER BY key LIMIT ?`)
        .all(bucket, ...range.args, o.limit) as (ListedObject & { checksumAlgorithm: string | null; checksumType: 'FULL_OBJECT' | 'COMPOSITE' | null })[];
      for (const row of rows) {
        if (row.checksumAlgorithm === null) delete (row as Partial<ListedObject>).checksumAlgorithm;
        if (row.checksumType === null) delete (row as Partial<ListedObject>).checksumType;
      }
      return rows;
    },
    async put(v) {
      await gate();
      const replaced = putTx.immediate(v);
      return replaced ? { replaced } : {};
    },
    async get(bucket, key, versionId) {
      await gate();
      const row = versionId === undefined ? readLatest(bucket, key) : (byVersion.get(bucket, key, versionId) as Row | undefined);
      return row && toRecord(row);
    },
    async update(v) {
      await gate();
      return updateTx.immediate(v);
    },
    async deleteVersion(bucket, key, versionId) {
      await gate();
      return deleteTx.immediate(bucket, key, versionId);
    },
    async scan(bucket, o) {
      await gate();
      return scanKeys(bucket, o, true, o.limit).map(toRecord);
    },
    async scanVersions(bucket, o) {
      await gate();
      // Within afterKey first (its older versions), then the keys after it: two index ranges, since
      // one comparison cannot order key ascending and seq descending together.
      const inKey = o.afterKey !== undefined && o.afterSeq !== undefined && o.limit > 0 && o.afterKey.startsWith(o.prefix ?? '')
        ? (withinKey.all(bucket, o.afterKey, o.afterSeq, o.limit) as Row[])
        : [];
      const rest = scanKeys(bucket, o, false, o.limit - inKey.length);
      return inKey.concat(rest).map(toRecord);
    },
    async any(bucket) {
      await gate();
      return any.get(bucket) === 1;
    },
    async deleteBucketObjects(bucket) {
      await gate();
      return deleteBucketTx.immediate(bucket);
    },
  };
}
