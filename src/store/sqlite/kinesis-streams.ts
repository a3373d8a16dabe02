// Kinesis streams on SQLite: one row per stream (its record as JSON text, what lookups and listings
// use as columns), its shards and consumers as rows of their own. Records are in kinesis-records.ts.
// A change of several rows runs in one better-sqlite3 transaction, which becomes a SAVEPOINT inside
// a store transaction, so it is atomic either way. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { ConsumerRecord, ShardRecord, StreamRecord, StreamTable } from '../contract/kinesis.js';
import type { KinesisCache } from './kinesis-cache.js';
import type { Gate } from './lock.js';

export const kinesisStreamsResetSql = 'DELETE FROM kinesis_records; DELETE FROM kinesis_consumers; DELETE FROM kinesis_shards; DELETE FROM kinesis_streams';

interface StreamRow { id: number; data: string }
interface ShardRow {
  idx: number; parent: number | null; adjacent_parent: number | null; starting_hash_key: string; ending_hash_key: string;
  created_at: number; closed_at: number | null;
}

type NewShard = Omit<ShardRecord, 'streamId'>;

const toStream = (r: StreamRow): StreamRecord => ({ ...(JSON.parse(r.data) as Omit<StreamRecord, 'id'>), id: r.id });
const nameKey = (s: { accountId: string; region: string; name: string }) => `${s.accountId}/${s.region}/${s.name}`;

/** The record as stored: the id lives in its column only. */
function stored(s: Omit<StreamRecord, 'id'> | StreamRecord): string {
  const { id: _id, ...rest } = s as StreamRecord;
  return JSON.stringify(rest);
}

function toShard(streamId: number, r: ShardRow): ShardRecord {
  const s: ShardRecord = {
    streamId, index: r.idx, startingHashKey: r.starting_hash_key, endingHashKey: r.ending_hash_key, createdAt: r.created_at,
  };
  if (r.parent !== null) s.parent = r.parent;
  if (r.adjacent_parent !== null) s.adjacentParent = r.adjacent_parent;
  if (r.closed_at !== null) s.closedAt = r.closed_at;
  return s;
}

export function sqliteStreamTable(db: Database.Database, gate: Gate, cache: KinesisCache): StreamTable {
  const byName = db.prepare('SELECT id, data, gone_at FROM kinesis_streams WHERE account_id = ? AND region = ? AND name = ?');
  const insert = db.prepare('INSERT INTO kinesis_streams (account_id, region, name, created_at, gone_at, data) VALUES (?, ?, ?, ?, ?, ?) RETURNING id').pluck();
  const update = db.prepare('UPDATE kinesis_streams SET gone_at = ?, data = ? WHERE id = ?');
  const nameOf = db.prepare('SELECT account_id AS accountId, region, name FROM kinesis_streams WHERE id = ?');
  /** Any change to a stream's row drops it from memory (by id: remove and clear know only the id). */
  const forgetRow = (streamId: number) => {
    const n = nameOf.get(streamId) as { accountId: string; region: string; name: string } | undefined;
    if (n) cache.streams.delete(nameKey(n));
  };
  const listing = db.prepare(
    'SELECT id, data FROM kinesis_streams WHERE account_id = ? AND region = ? AND name > ? AND (gone_at IS NULL OR gone_at > ?) ORDER BY name LIMIT ?',
  );
  const present = db.prepare('SELECT id, data FROM kinesis_streams WHERE account_id = ? AND region = ? AND (gone_at IS NULL OR gone_at > ?)');
  const dropRecords = db.prepare('DELETE FROM kinesis_records WHERE stream_id = ?');
  const dropConsumers = db.prepare('DELETE FROM kinesis_consumers WHERE stream_id = ?');
  const dropShards = db.prepare('DELETE FROM kinesis_shards WHERE stream_id = ?');
  const dropStream = db.prepare('DELETE FROM kinesis_streams WHERE id = ?');
  const shardsOf = db.prepare(
    'SELECT idx, parent, adjacent_parent, starting_hash_key, ending_hash_key, created_at, closed_at FROM kinesis_shards WHERE stream_id = ? ORDER BY idx',
  );
  const addShard = db.prepare(
    'INSERT INTO kinesis_shards (stream_id, idx, parent, adjacent_parent, starting_hash_key, ending_hash_key, created_at, closed_at, last_counter, last_arrival) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)',
  );
  const closeShard = db.prepare('UPDATE kinesis_shards SET closed_at = ? WHERE stream_id = ? AND idx = ?');
  const openShards = db.prepare('SELECT COUNT(*) FROM kinesis_shards WHERE stream_id = ? AND (closed_at IS NULL OR closed_at > ?)').pluck();
  const consumersOf = db.prepare('SELECT data FROM kinesis_consumers WHERE stream_id = ? ORDER BY created_at, name').pluck();
  const consumer = db.prepare('SELECT data FROM kinesis_consumers WHERE stream_id = ? AND name = ?').pluck();
  const putConsumer = db.prepare('INSERT OR REPLACE INTO kinesis_consumers (stream_id, name, created_at, data) VALUES (?, ?, ?, ?)');
  const dropConsumer = db.prepare('DELETE FROM kinesis_consumers WHERE stream_id = ? AND name = ?');

  const insertShards = (streamId: number, shards: readonly NewShard[]) => {
    for (const s of shards) {
      addShard.run(streamId, s.index, s.parent ?? null, s.adjacentParent ?? null, s.startingHashKey, s.endingHashKey, s.createdAt, s.closedAt ?? null);
    }
  };
  const removeTx = db.transaction((streamId: number) => {
    cache.forget(streamId);
    forgetRow(streamId);
    dropRecords.run(streamId);
    dropConsumers.run(streamId);
    dropShards.run(streamId);
    dropStream.run(streamId);
  });
  const clearTx = db.transaction((streamId: number) => {
    cache.forget(streamId);
    dropRecords.run(streamId);
    dropConsumers.run(streamId);
  });
  const createTx = db.transaction((s: Omit<StreamRecord, 'id'>, shards: readonly NewShard[], now: number): StreamRecord | undefined => {
    const existing = byName.get(s.accountId, s.region, s.name) as (StreamRow & { gone_at: number | null }) | undefined;
    if (existing) {
      if (existing.gone_at === null || existing.gone_at > now) return undefined;
      removeTx(existing.id);
    }
    cache.streams.delete(nameKey(s));
    const id = insert.get(s.accountId, s.region, s.name, s.createdAt, s.goneAt ?? null, stored(s)) as number;
    insertShards(id, shards);
    return { ...s, id };
  });
  const reshardTx = db.transaction((streamId: number, closes: readonly { index: number; closedAt: number }[], adds: readonly NewShard[]) => {
    cache.shards.delete(streamId);
    for (const c of closes) closeShard.run(c.closedAt, streamId, c.index);
    insertShards(streamId, adds);
  });

  return {
    async create(s, shards, now) {
      await gate();
      return createTx.immediate(s, shards, now);
    },
    async get(accountId, region, name) {
      await gate();
      const key = `${accountId}/${region}/${name}`;
      let s = cache.streams.get(key);
      if (s === undefined) {
        const row = byName.get(accountId, region, name) as StreamRow | undefined;
        if (!row) return undefined;
        s = Object.freeze(toStream(row));
        cache.streams.set(key, s);
      }
      return s;
    },
    async put(s) {
      await gate();
      cache.streams.delete(nameKey(s));
      return update.run(s.goneAt ?? null, stored(s), s.id).changes === 1;
    },
    async list(accountId, region, o) {
      await gate();
      if (o.max <= 0) return [];
      return (listing.all(accountId, region, o.after ?? '', o.now, o.max) as StreamRow[]).map(toStream);
    },
    async remove(streamId) {
      await gate();
      removeTx.immediate(streamId);
    },
    async clear(streamId) {
      await gate();
      clearTx.immediate(streamId);
    },
    async shards(streamId) {
      await gate();
      let list = cache.shards.get(streamId);
      if (list === undefined) {
        list = Object.freeze((shardsOf.all(streamId) as ShardRow[]).map((r) => Object.freeze(toShard(streamId, r))));
        cache.shards.set(streamId, list);
      }
      return list;
    },
    async reshard(streamId, closes, adds) {
      await gate();
      reshardTx.immediate(streamId, closes, adds);
    },
    async usage(accountId, region, now) {
      await gate();
      let openShardCount = 0;
      let onDemandStreams = 0;
      let creating = 0;
      for (const row of present.all(accountId, region, now) as StreamRow[]) {
        const s = toStream(row);
        if (s.activeAt > now) creating++;
        if (s.mode === 'ON_DEMAND') onDemandStreams++;
        else openShardCount += openShards.get(s.id, now) as number;
      }
      return { openShards: openShardCount, onDemandStreams, creating };
    },
    async consumers(streamId) {
      await gate();
      return (consumersOf.all(streamId) as string[]).map((d) => JSON.parse(d) as ConsumerRecord);
    },
    async getConsumer(streamId, name) {
      await gate();
      const data = consumer.get(streamId, name) as string | undefined;
      return data === undefined ? undefined : (JSON.parse(data) as ConsumerRecord);
    },
    async putConsumer(c) {
      await gate();
      putConsumer.run(c.streamId, c.name, c.createdAt, JSON.stringify(c));
    },
    async removeConsumer(streamId, name) {
      await gate();
      dropConsumer.run(streamId, name);
    },
  };
}
