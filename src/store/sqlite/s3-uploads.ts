// S3's multipart uploads and their parts on SQLite: records as JSON text, uploads listed by
// (bucket, key, initiated, upload id), parts keyed by (upload id, part number) with their blob as a
// column the start-up sweep asks. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { PartRecord, UploadRecord, UploadTable } from '../contract/s3.js';
import type { Gate } from './lock.js';
import { keyRange, rangeSql, statementCache } from './s3-keys.js';

export const uploadsResetSql = 'DELETE FROM s3_parts; DELETE FROM s3_uploads';

const parse = <T>(rows: string[]): T[] => rows.map((d) => JSON.parse(d) as T);

export function sqliteUploadTable(db: Database.Database, gate: Gate): UploadTable {
  const insert = db.prepare('INSERT INTO s3_uploads (upload_id, bucket, key, initiated, data) VALUES (?, ?, ?, ?, ?)');
  const get = db.prepare('SELECT data FROM s3_uploads WHERE upload_id = ?').pluck();
  const position = db.prepare('SELECT initiated FROM s3_uploads WHERE bucket = ? AND key = ? AND upload_id = ?').pluck();
  const part = db.prepare('SELECT data FROM s3_parts WHERE upload_id = ? AND part_number = ?').pluck();
  const upsertPart = db.prepare(
    'INSERT INTO s3_parts (upload_id, part_number, blob, data) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (upload_id, part_number) DO UPDATE SET blob = excluded.blob, data = excluded.data',
  );
  const parts = db.prepare('SELECT data FROM s3_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?').pluck();
  const allParts = db.prepare('SELECT data FROM s3_parts WHERE upload_id = ? ORDER BY part_number').pluck();
  const dropParts = db.prepare('DELETE FROM s3_parts WHERE upload_id = ?');
  const dropUpload = db.prepare('DELETE FROM s3_uploads WHERE upload_id = ?');
  const bucketParts = db.prepare(
    'SELECT p.data FROM s3_uploads u JOIN s3_parts p ON p.upload_id = u.upload_id WHERE u.bucket = ? ORDER BY u.key, u.initiated, u.upload_id, p.part_number',
  ).pluck();
  const dropBucketParts = db.prepare('DELETE FROM s3_parts WHERE upload_id IN (SELECT upload_id FROM s3_uploads WHERE bucket = ?)');
  const dropBucketUploads = db.prepare('DELETE FROM s3_uploads WHERE bucket = ?');
  const statement = statementCache(db);

  const putPartTx = db.transaction((p: PartRecord) => {
    const old = part.get(p.uploadId, p.partNumber) as string | undefined;
    upsertPart.run(p.uploadId, p.partNumber, p.blob, JSON.stringify(p));
    return old === undefined ? undefined : (JSON.parse(old) as PartRecord);
  });
  const finishTx = db.transaction((uploadId: string) => {
    const rows = allParts.all(uploadId) as string[];
    dropParts.run(uploadId);
    dropUpload.run(uploadId);
    return parse<PartRecord>(rows);
  });
  const deleteBucketTx = db.transaction((bucket: string) => {
    const rows = bucketParts.all(bucket) as string[];
    dropBucketParts.run(bucket);
    dropBucketUploads.run(bucket);
    return parse<PartRecord>(rows);
  });

  return {
    async create(u) {
      await gate();
      insert.run(u.uploadId, u.bucket, u.key, u.initiated, JSON.stringify(u));
    },
    async get(uploadId) {
      await gate();
      const data = get.get(uploadId) as string | undefined;
      return data === undefined ? undefined : (JSON.parse(data) as UploadRecord);
    },
    async scan(bucket, o) {
      await gate();
      const r = keyRange(o.prefix, o.keyMarker);
      if (r === undefined || o.limit <= 0) return [];
      const order = 'ORDER BY key, initiated, upload_id LIMIT ?';
      // Within keyMarker after uploadIdMarker: from that upload's place in the key's order. An upload
      // gone since (completed or aborted) has no place, and the listing goes on after the key.
      const initiated = o.keyMarker !== undefined && o.uploadIdMarker !== undefined && !r.inclusive
        ? (position.get(bucket, o.keyMarker, o.uploadIdMarker) as number | undefined)
        : undefined;
      if (initiated !== undefined) {
        const upper = r.to === undefined ? '' : ' AND key < ?';
        const sql = `SELECT data FROM s3_uploads WHERE bucket = ? AND (key, initiated, upload_id) > (?, ?, ?)${upper} ${order}`;
        const args = r.to === undefined ? [] : [r.to];
        return parse<UploadRecord>(statement(sql).pluck().all(bucket, r.from, initiated, o.uploadIdMarker, ...args, o.limit) as string[]);
      }
      const range = rangeSql('key', r);
      const sql = `SELECT data FROM s3_uploads WHERE bucket = ? AND ${range.sql} ${order}`;
      return parse<UploadRecord>(statement(sql).pluck().all(bucket, ...range.args, o.limit) as string[]);
    },
    async putPart(p) {
      await gate();
      const replaced = putPartTx.immediate(p);
      return replaced ? { replaced } : {};
    },
    async parts(uploadId, afterPart, limit) {
      await gate();
      return parse<PartRecord>(parts.all(uploadId, afterPart, limit) as string[]);
    },
    async finish(uploadId) {
      await gate();
      return finishTx.immediate(uploadId);
    },
    async deleteBucketUploads(bucket) {
      await gate();
      return deleteBucketTx.immediate(bucket);
    },
  };
}
