// Kinesis records on SQLite: one row per record keyed by (stream, shard, counter), data as a BLOB.
// An append numbers its records from each shard's newest counter (kept in memory, read from the rows
// once) and inserts them with one multi-row INSERT. Outside a store transaction, the appends that
// arrive while one is being written are committed together (group commit): each caller's promise
// resolves only after the COMMIT that holds its records, and a failing append (a SAVEPOINT of its
// own) fails alone. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { AppendEntry, Appended, ReadResult, ShardTip, StoredRecord, StreamRecordTable } from '../contract/kinesis.js';
import type { KinesisCache } from './kinesis-cache.js';
import { groupCommitter } from './group-commit.js';
import type { Gate } from './lock.js';

/** Each stream's records past retention are removed at most this often. */
const TRIM_EVERY_MS = 60_000;
/** GetRecords reads its rows this many at a time. */
const READ_PAGE = 256;
/** The rows of one INSERT statement at most (6 values a row; SQLite binds at most 32,766). */
const ROWS_PER_INSERT = 500;

const asBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

export function sqliteStreamRecordTable(db: Database.Database, gate: Gate, cache: KinesisCache, groupCommit: boolean): StreamRecordTable {
  const live = db.prepare('SELECT 1 FROM kinesis_streams WHERE id = ? AND gone_at IS NULL').pluck();
  const newest = db.prepare('SELECT counter, arrival FROM kinesis_records WHERE stream_id = ? AND shard = ? ORDER BY counter DESC LIMIT 1').raw();
  const floor = db.prepare('SELECT last_counter, last_arrival FROM kinesis_shards WHERE stream_id = ? AND idx = ?').raw();
  const keepFloor = db.prepare('UPDATE kinesis_shards SET last_counter = ?, last_arrival = ? WHERE stream_id = ? AND idx = ?');
  const shardIndexes = db.prepare('SELECT idx FROM kinesis_shards WHERE stream_id = ?').pluck();
  const range = db.prepare('SELECT counter, arrival, partition_key, data FROM kinesis_records WHERE stream_id = ? AND shard = ? AND counter >= ? ORDER BY counter LIMIT ?').raw();
  const probe = db.prepare('SELECT counter, arrival FROM kinesis_records WHERE stream_id = ? AND shard = ? AND counter >= ? ORDER BY counter LIMIT 1').raw();
  const trim = db.prepare('DELETE FROM kinesis_records WHERE stream_id = ? AND shard = ? AND counter < ?');
  const inserts = new Map<number, Database.Statement>();
  const insertOf = (rows: number) => {
    let s = inserts.get(rows);
    if (s === undefined) {
      s = db.prepare(`INSERT INTO kinesis_records (stream_id, shard, counter, arrival, partition_key, data) VALUES ${'(?, ?, ?, ?, ?, ?),'.repeat(rows - 1)}(?, ?, ?, ?, ?, ?)`);
      inserts.set(rows, s);
    }
    return s;
  };
  const trimmedAt = new Map<number, number>();

  /** The shard's newest record: from memory, else its newest row, else the floor kept when its records were trimmed. */
  const tipOf = (streamId: number, shard: number): ShardTip => {
    const key = `${streamId}/${shard}`;
    let tip = cache.tips.get(key);
    if (tip === undefined) {
      const row = (newest.get(streamId, shard) ?? floor.get(streamId, shard)) as [number, number] | undefined;
      tip = row ? { counter: row[0], arrival: row[1] } : { counter: 0, arrival: 0 };
      cache.tips.set(key, tip);
    }
    return tip;
  };

  /**
   * The counter of the first record at or after `from` that arrived at `arrival` or later. Arrivals
   * only grow along a shard, so "the first record at or after counter c arrived in time" turns true
   * once and stays true: a binary search over counters finds where.
   */
  const firstArrived = (streamId: number, shard: number, arrival: number, from: number): number | undefined => {
    const first = probe.get(streamId, shard, from) as [number, number] | undefined;
    if (!first) return undefined;
    if (first[1] >= arrival) return first[0];
    const top = newest.get(streamId, shard) as [number, number];
    if (top[1] < arrival) return undefined;
    let lo = first[0];
    let hi = top[0];
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if ((probe.get(streamId, shard, mid) as [number, number])[1] >= arrival) hi = mid;
      else lo = mid;
    }
    return (probe.get(streamId, shard, hi) as [number, number])[0];
  };

  /** Removes records past retention; each shard's newest counter is kept first, so numbering never restarts. */
  const trimStream = (streamId: number, before: number) => {
    for (const shard of shardIndexes.all(streamId) as number[]) {
      const keep = firstArrived(streamId, shard, before, 0);
      if (keep === undefined) {
        const tip = tipOf(streamId, shard);
        keepFloor.run(tip.counter, tip.arrival, streamId, shard);
      }
      trim.run(streamId, shard, keep ?? Number.MAX_SAFE_INTEGER);
    }
  };

  /** One request's records, numbered per shard in request order, inserted in statements of up to 500 rows. */
  const writeOne = (streamId: number, arrival: number, entries: readonly AppendEntry[], trimBefore: number): Appended | undefined => {
    if (live.get(streamId) === undefined) return undefined;
    const n = entries.length;
    const counters = new Array<number>(n);
    const arrivals = new Array<number>(n);
    // The shards' tips after this append, committed to memory only once its rows are written.
    const tips = new Map<number, ShardTip>();
    for (let start = 0; start < n; start += ROWS_PER_INSERT) {
      const end = Math.min(n, start + ROWS_PER_INSERT);
      const values: unknown[] = new Array((end - start) * 6);
      let v = 0;
      for (let i = start; i < end; i++) {
        const e = entries[i];
        let tip = tips.get(e.shard);
        if (tip === undefined) {
          const was = tipOf(streamId, e.shard);
          tip = { counter: was.counter, arrival: Math.max(was.arrival, arrival) };
          tips.set(e.shard, tip);
        }
        counters[i] = ++tip.counter;
        arrivals[i] = tip.arrival;
        values[v++] = streamId;
        values[v++] = e.shard;
        values[v++] = tip.counter;
        values[v++] = tip.arrival;
        values[v++] = e.partitionKey;
        values[v++] = asBuffer(e.data);
      }
      insertOf(end - start).run(values);
    }
    const trimmed = trimmedAt.get(streamId);
    if (trimmed === undefined || arrival - trimmed >= TRIM_EVERY_MS) {
      trimmedAt.set(streamId, arrival);
      trimStream(streamId, trimBefore);
    }
    for (const [shard, tip] of tips) cache.tips.set(`${streamId}/${shard}`, tip);
    return { counters, arrivals };
  };

  const one = db.transaction(writeOne);
  type Append = { streamId: number; arrival: number; entries: AppendEntry[]; trimBefore: number };
  const appendGrouped = groupCommitter(db, gate, (p: Append) => writeOne(p.streamId, p.arrival, p.entries, p.trimBefore), {
    // A write's SAVEPOINT rolled back: the tips it may have moved are read again.
    onWriteFailed: (p) => cache.forget(p.streamId),
    onGroupFailed: () => cache.clear(),
  });

  return {
    append(streamId, arrival, entries, trimBefore) {
      if (!groupCommit) return Promise.resolve(gate()).then(() => one(streamId, arrival, entries, trimBefore));
      return appendGrouped({ streamId, arrival, entries, trimBefore });
    },
    async tip(streamId, shard) {
      await gate();
      const t = tipOf(streamId, shard);
      return { counter: t.counter, arrival: t.arrival };
    },
    async read(streamId, shard, o): Promise<ReadResult> {
      await gate();
      let from = o.from;
      // Pages of rows, so a large Limit never holds more than one page past the byte budget.
      const records: StoredRecord[] = [];
      let bytes = 0;
      let first = true;
      for (;;) {
        const want = Math.min(o.limit - records.length + 1, READ_PAGE);
        const rows = range.all(streamId, shard, from, want) as [number, number, string, Buffer][];
        if (first) {
          first = false;
          if (rows.length === 0) return { records: [] };
          // Records that arrived before notBefore are a prefix of the shard: skip it without reading it.
          if (rows[0][1] < o.notBefore) {
            const at = firstArrived(streamId, shard, o.notBefore, from);
            if (at === undefined) return { records: [] };
            from = at;
            continue;
          }
        }
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          if (records.length >= o.limit || (records.length > 0 && bytes + row[3].length > o.maxBytes)) {
            return { records, next: { counter: row[0], arrival: row[1] } };
          }
          bytes += row[3].length;
          records.push({ counter: row[0], arrival: row[1], partitionKey: row[2], data: row[3] });
        }
        if (rows.length < want) return { records };
        from = rows[rows.length - 1][0] + 1;
      }
    },
    async firstArrivedAt(streamId, shard, arrival) {
      await gate();
      return firstArrived(streamId, shard, arrival, 0);
    },
  };
}
