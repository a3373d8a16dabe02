// The Firehose aggregate on SQLite: streams as JSON rows with their delivery counters beside them,
// the buffer as one row per append (its records end to end, with their lengths), batches and
// source positions. A record's seq is its row's seq × 2^16 plus its place in the row. Every multi-row change runs in
// one better-sqlite3 transaction (a SAVEPOINT inside a store transaction). Outside a store
// transaction, the appends that arrive while one is written commit together (group commit): one
// disk sync for all of them, each caller answered only after the COMMIT that holds its records, and
// an append that fails (its own SAVEPOINT) fails alone. No other table's SQL here.
import type Database from 'better-sqlite3';
import type {
  BufferedRecordInfo, DeliveryBatch, DeliveryFailure, DeliveryState, DeliveryStreamRecord, FirehoseTable, NewRecord, ShardPosition,
} from '../contract/firehose.js';
import { groupCommitter } from './group-commit.js';
import type { Gate } from './lock.js';

type Appended = { seqs: number[]; bufferedRecords: number; bufferedBytes: number } | undefined;

/** A record's seq: its row's, times this, plus its index in the row (so a row holds at most this many). */
const PER_ROW = 65_536;

interface ChunkRow { seq: number; arrived_at: number; count: number; lengths: Buffer; consumed: number }

const asBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

export const firehoseResetSql = 'DELETE FROM firehose_records; DELETE FROM firehose_batches; DELETE FROM firehose_positions; DELETE FROM firehose_streams';

interface StateRow {
  buffered_records: number; buffered_bytes: number; delivered_records: number; delivered_objects: number;
  dropped_records: number; failure: string | null;
}

/** Finished batches kept per stream besides the pending one: the last, so batch ids keep growing. */
const KEEP_FINISHED = 1;

export function sqliteFirehoseTable(db: Database.Database, gate: Gate, groupCommit = false): FirehoseTable {
  const insert = db.prepare('INSERT OR IGNORE INTO firehose_streams (id, account_id, region, name, type, data) VALUES (?, ?, ?, ?, ?, ?)');
  const byName = db.prepare('SELECT data FROM firehose_streams WHERE account_id = ? AND region = ? AND name = ?').pluck();
  const byId = db.prepare('SELECT data FROM firehose_streams WHERE id = ?').pluck();
  const update = db.prepare('UPDATE firehose_streams SET type = ?, data = ? WHERE id = ?');
  const list = db.prepare(
    'SELECT data FROM firehose_streams WHERE account_id = ? AND region = ? AND (? IS NULL OR type = ?) AND name > ? ORDER BY name LIMIT ?',
  ).pluck();
  const removeStream = db.prepare('DELETE FROM firehose_streams WHERE id = ?');
  const removeRecords = db.prepare('DELETE FROM firehose_records WHERE stream_id = ?');
  const removeBatches = db.prepare('DELETE FROM firehose_batches WHERE stream_id = ?');
  const removePositions = db.prepare('DELETE FROM firehose_positions WHERE stream_id = ?');
  const resetCounters = db.prepare('UPDATE firehose_streams SET buffered_records = 0, buffered_bytes = 0 WHERE id = ?');
  const exists = db.prepare('SELECT 1 FROM firehose_streams WHERE id = ?').pluck();
  const addChunk = db.prepare('INSERT INTO firehose_records (stream_id, arrived_at, count, lengths, data) VALUES (?, ?, ?, ?, ?)');
  const grow = db.prepare(
    'UPDATE firehose_streams SET buffered_records = buffered_records + ?, buffered_bytes = buffered_bytes + ? WHERE id = ? ' +
      'RETURNING buffered_records, buffered_bytes',
  );
  const putPosition = db.prepare(
    'INSERT INTO firehose_positions (stream_id, shard_id, sequence_number, is_finished) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (stream_id, shard_id) DO UPDATE SET sequence_number = excluded.sequence_number, is_finished = excluded.is_finished',
  );
  const chunksFrom = db.prepare('SELECT seq, arrived_at, count, lengths, consumed FROM firehose_records WHERE stream_id = ? AND seq >= ? ORDER BY seq');
  const chunkData = db.prepare('SELECT seq, count, lengths, data FROM firehose_records WHERE stream_id = ? AND seq >= ? AND seq <= ? ORDER BY seq');
  const addBatch = db.prepare('INSERT OR IGNORE INTO firehose_batches (stream_id, batch_id, is_pending, data) VALUES (?, ?, 1, ?)');
  const pending = db.prepare('SELECT data FROM firehose_batches WHERE stream_id = ? AND is_pending = 1').pluck();
  const endBatch = db.prepare(
    'UPDATE firehose_batches SET is_pending = 0, finished_at = ?, outcome = ? WHERE stream_id = ? AND batch_id = ? AND is_pending = 1',
  );
  const pruneBatches = db.prepare('DELETE FROM firehose_batches WHERE stream_id = ? AND is_pending = 0 AND batch_id <= ?');
  const dropChunks = db.prepare('DELETE FROM firehose_records WHERE stream_id = ? AND seq < ?');
  const chunkCount = db.prepare('SELECT count FROM firehose_records WHERE stream_id = ? AND seq = ?').pluck();
  const consume = db.prepare('UPDATE firehose_records SET consumed = ? WHERE stream_id = ? AND seq = ?');
  const dropChunk = db.prepare('DELETE FROM firehose_records WHERE stream_id = ? AND seq = ?');
  /** Takes the buffer's records up to `lastSeq` out of it: the rows before its row, and that row's head. */
  const dropThrough = (id: string, lastSeq: number) => {
    const row = Math.floor(lastSeq / PER_ROW);
    dropChunks.run(id, row);
    const count = chunkCount.get(id, row) as number | undefined;
    if (count === undefined) return;
    const taken = (lastSeq % PER_ROW) + 1;
    if (taken >= count) dropChunk.run(id, row);
    else consume.run(taken, id, row);
  };
  const delivered = db.prepare(
    'UPDATE firehose_streams SET buffered_records = MAX(buffered_records - ?, 0), buffered_bytes = MAX(buffered_bytes - ?, 0), ' +
      'delivered_records = delivered_records + ?, delivered_objects = delivered_objects + 1, failure = NULL WHERE id = ?',
  );
  const dropped = db.prepare(
    'UPDATE firehose_streams SET buffered_records = MAX(buffered_records - ?, 0), buffered_bytes = MAX(buffered_bytes - ?, 0), ' +
      'dropped_records = dropped_records + ? WHERE id = ?',
  );
  const failureOf = db.prepare('SELECT failure FROM firehose_streams WHERE id = ?').pluck();
  const setFailure = db.prepare('UPDATE firehose_streams SET failure = ? WHERE id = ?');
  const state = db.prepare(
    'SELECT buffered_records, buffered_bytes, delivered_records, delivered_objects, dropped_records, failure FROM firehose_streams WHERE id = ?',
  );
  const positions = db.prepare('SELECT shard_id, sequence_number, is_finished FROM firehose_positions WHERE stream_id = ? ORDER BY shard_id');

  const parse = (data: string | undefined) => (data === undefined ? undefined : (JSON.parse(data) as DeliveryStreamRecord));

  const removeTx = db.transaction((id: string) => {
    removeRecords.run(id);
    removeBatches.run(id);
    removePositions.run(id);
    return removeStream.run(id).changes === 1;
  });
  const discardTx = db.transaction((id: string) => {
    removeRecords.run(id);
    removeBatches.run(id);
    removePositions.run(id);
    resetCounters.run(id);
  });
  const appendTx = db.transaction((id: string, records: readonly NewRecord[], marks: readonly ShardPosition[] | undefined): Appended => {
    if (exists.get(id) === undefined) return undefined;
    const seqs: number[] = [];
    let bytes = 0;
    // One row per run of records that arrived together, at most PER_ROW of them.
    for (let start = 0; start < records.length; ) {
      let end = start + 1;
      while (end < records.length && end - start < PER_ROW && records[end].arrivedAt === records[start].arrivedAt) end++;
      const lengths = Buffer.alloc((end - start) * 4);
      const parts: Buffer[] = new Array(end - start);
      for (let i = start; i < end; i++) {
        const data = asBuffer(records[i].data);
        lengths.writeUInt32LE(data.byteLength, (i - start) * 4);
        parts[i - start] = data;
        bytes += data.byteLength;
      }
      const row = Number(addChunk.run(id, records[start].arrivedAt, end - start, lengths, Buffer.concat(parts)).lastInsertRowid);
      for (let i = 0; i < end - start; i++) seqs.push(row * PER_ROW + i);
      start = end;
    }
    for (const p of marks ?? []) putPosition.run(id, p.shardId, p.sequenceNumber ?? null, p.isFinished ? 1 : 0);
    const after = grow.get(records.length, bytes, id) as { buffered_records: number; buffered_bytes: number };
    return { seqs, bufferedRecords: after.buffered_records, bufferedBytes: after.buffered_bytes };
  });
  // PutRecord(Batch) calls that arrive together commit together, each answered after the commit.
  const appendGrouped = groupCommitter(db, gate, (p: { streamId: string; records: readonly NewRecord[]; marks?: readonly ShardPosition[] }) => appendTx(p.streamId, p.records, p.marks));

  const planTx = db.transaction((b: DeliveryBatch) => {
    if (exists.get(b.streamId) === undefined || pending.get(b.streamId) !== undefined) return false;
    return addBatch.run(b.streamId, b.batchId, JSON.stringify(b)).changes === 1;
  });
  const finishTx = db.transaction((id: string, batchId: number, outcome: 'delivered' | 'dropped', at: number) => {
    const data = pending.get(id) as string | undefined;
    const b = data === undefined ? undefined : (JSON.parse(data) as DeliveryBatch);
    if (!b || b.batchId !== batchId) return false;
    endBatch.run(at, outcome, id, batchId);
    // A batch starts at the head of the buffer, so its records are all those up to its last.
    dropThrough(id, b.lastSeq);
    if (outcome === 'delivered') delivered.run(b.records, b.bytes, b.records, id);
    else dropped.run(b.records, b.bytes, b.records, id);
    pruneBatches.run(id, batchId - KEEP_FINISHED);
    return true;
  });
  const failTx = db.transaction((id: string, f: { code: string; message: string; at: number } | undefined) => {
    if (!f) return void setFailure.run(null, id);
    const before = failureOf.get(id) as string | null | undefined;
    const since = before ? (JSON.parse(before) as DeliveryFailure).since : f.at;
    const failure: DeliveryFailure = { code: f.code, message: f.message, since, at: f.at };
    setFailure.run(JSON.stringify(failure), id);
  });

  return {
    async create(s) {
      await gate();
      return insert.run(s.id, s.accountId, s.region, s.name, s.type, JSON.stringify(s)).changes === 1;
    },
    async get(accountId, region, name) {
      await gate();
      return parse(byName.get(accountId, region, name) as string | undefined);
    },
    async getById(id) {
      await gate();
      return parse(byId.get(id) as string | undefined);
    },
    async put(s) {
      await gate();
      return update.run(s.type, JSON.stringify(s), s.id).changes === 1;
    },
    async remove(id) {
      await gate();
      return removeTx.immediate(id);
    },
    async list(accountId, region, o) {
      await gate();
      if (o.limit <= 0) return [];
      const rows = list.all(accountId, region, o.type ?? null, o.type ?? null, o.after ?? '', o.limit + 1) as string[];
      return rows.map((d) => JSON.parse(d) as DeliveryStreamRecord);
    },
    append(streamId, records, marks) {
      if (!groupCommit) return Promise.resolve(gate()).then(() => appendTx.immediate(streamId, records, marks));
      return appendGrouped({ streamId, records, marks });
    },
    async scan(streamId, afterSeq, limit) {
      await gate();
      const out: BufferedRecordInfo[] = [];
      if (limit <= 0) return out;
      const fromRow = afterSeq === undefined ? 0 : Math.floor(afterSeq / PER_ROW);
      for (const c of chunksFrom.iterate(streamId, fromRow) as IterableIterator<ChunkRow>) {
        const skip = afterSeq !== undefined && c.seq === fromRow ? (afterSeq % PER_ROW) + 1 : 0;
        for (let i = Math.max(c.consumed, skip); i < c.count; i++) {
          out.push({ seq: c.seq * PER_ROW + i, size: c.lengths.readUInt32LE(i * 4), arrivedAt: c.arrived_at });
          // Leaving the loop ends the statement (better-sqlite3 closes the iterator).
          if (out.length >= limit) return out;
        }
      }
      return out;
    },
    async read(streamId, firstSeq, lastSeq) {
      await gate();
      const out: Buffer[] = [];
      const rows = chunkData.all(streamId, Math.floor(firstSeq / PER_ROW), Math.floor(lastSeq / PER_ROW)) as { seq: number; count: number; lengths: Buffer; data: Buffer }[];
      for (const c of rows) {
        let offset = 0;
        for (let i = 0; i < c.count; i++) {
          const length = c.lengths.readUInt32LE(i * 4);
          const seq = c.seq * PER_ROW + i;
          if (seq >= firstSeq && seq <= lastSeq) out.push(c.data.subarray(offset, offset + length));
          offset += length;
        }
      }
      return out;
    },
    async plan(batch) {
      await gate();
      return planTx.immediate(batch);
    },
    async pending(streamId) {
      await gate();
      const data = pending.get(streamId) as string | undefined;
      return data === undefined ? undefined : (JSON.parse(data) as DeliveryBatch);
    },
    async finish(streamId, batchId, outcome, at) {
      await gate();
      return finishTx.immediate(streamId, batchId, outcome, at);
    },
    async fail(streamId, failure) {
      await gate();
      failTx.immediate(streamId, failure);
    },
    async state(streamId): Promise<DeliveryState | undefined> {
      await gate();
      const r = state.get(streamId) as StateRow | undefined;
      if (!r) return undefined;
      return {
        ...(r.failure ? { failure: JSON.parse(r.failure) as DeliveryFailure } : {}),
        bufferedRecords: r.buffered_records, bufferedBytes: r.buffered_bytes, deliveredRecords: r.delivered_records,
        deliveredObjects: r.delivered_objects, droppedRecords: r.dropped_records,
      };
    },
    async positions(streamId) {
      await gate();
      const rows = positions.all(streamId) as { shard_id: string; sequence_number: string | null; is_finished: number }[];
      return rows.map((r): ShardPosition => ({ shardId: r.shard_id, ...(r.sequence_number !== null ? { sequenceNumber: r.sequence_number } : {}), isFinished: r.is_finished === 1 }));
    },
    async discard(streamId) {
      await gate();
      discardTx.immediate(streamId);
    },
  };
}
