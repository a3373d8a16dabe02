// The Kinesis aggregates' contract (contract/kinesis.ts) on SQLite, a new file per test; and what
// only a file shows: numbering goes on after the store is opened again, past records trimmed away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { tempSqliteStore } from '../support/temp-store.js';
import { kinesisContract, streamRecord, twoShards } from './contract/kinesis.js';

const temp = () => tempSqliteStore('rolegate-kinesis-');

kinesisContract('sqlite', async () => temp());

test('a shard\'s numbering goes on after the store is opened again, even once its records were trimmed away', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-kinesis-'));
  const file = join(dir, 'k.db');
  const T0 = 1_700_000_000_000;
  try {
    let store = openSqliteStore(file);
    const s = (await store.streams.create(streamRecord('s'), twoShards, T0))!;
    await store.streamRecords.append(s.id, T0, [{ shard: 0, partitionKey: 'k', data: Buffer.from('a') }, { shard: 1, partitionKey: 'k', data: Buffer.from('b') }], 0);
    await store.streamRecords.append(s.id, T0 + 60_000, [{ shard: 0, partitionKey: 'k', data: Buffer.from('c') }], T0 + 1);
    await store.close();
    store = openSqliteStore(file);
    assert.deepEqual(await store.streamRecords.tip(s.id, 0), { counter: 2, arrival: T0 + 60_000 });
    assert.deepEqual(await store.streamRecords.tip(s.id, 1), { counter: 1, arrival: T0 }, 'shard 1 was emptied by the trim');
    const next = await store.streamRecords.append(s.id, T0 + 60_001, [{ shard: 1, partitionKey: 'k', data: Buffer.from('d') }, { shard: 0, partitionKey: 'k', data: Buffer.from('e') }], 0);
    assert.deepEqual(next?.counters, [2, 3]);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
