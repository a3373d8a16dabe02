// The Kinesis aggregates' contract cases (streams, shards, consumers, records: appends numbered per
// shard, reads by counter, retention), for every engine: through the contract's methods only,
// never SQL or an engine's internals (each engine's test file supplies the store).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConsumerRecord, ShardRecord, Store, StreamRecord } from '../../../src/store/types.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

const T0 = 1_700_000_000_000;
const HALF = '170141183460469231731687303715884105727';
const MAX = '340282366920938463463374607431768211455';

export const streamRecord = (name: string, extra: Partial<StreamRecord> = {}): Omit<StreamRecord, 'id'> => ({
  accountId: A1, region: 'us-east-1', name, createdAt: T0, activeAt: T0, updatingUntil: 0, mode: 'PROVISIONED', retentionHours: 24,
  encryption: 'NONE', shardLevelMetrics: [], tags: {}, maxRecordSizeKiB: 1024, nextShardIndex: 2, ...extra,
});

export const twoShards: Omit<ShardRecord, 'streamId'>[] = [
  { index: 0, startingHashKey: '0', endingHashKey: HALF, createdAt: T0 },
  { index: 1, startingHashKey: (BigInt(HALF) + 1n).toString(), endingHashKey: MAX, createdAt: T0 },
];

const data = (s: string) => Buffer.from(s);
const entry = (shard: number, text: string, partitionKey = 'pk') => ({ shard, partitionKey, data: data(text) });

async function made(store: Store, name = 's', extra: Partial<StreamRecord> = {}): Promise<StreamRecord> {
  const s = await store.streams.create(streamRecord(name, extra), twoShards, T0);
  assert.ok(s);
  return s;
}

const texts = (rs: { data: Buffer }[]) => rs.map((r) => r.data.toString());

export function kinesisContract(engine: string, open: StoreFactory) {
  describe(`Kinesis streams contract on ${engine}`, () => {
    const store = freshStore(open);

    test('create gives the stream an id and its shards; a second stream of the name in the account and Region is refused', async () => {
      const s = await made(store());
      assert.equal(typeof s.id, 'number');
      assert.deepEqual(await store().streams.get(A1, 'us-east-1', 's'), s);
      assert.deepEqual((await store().streams.shards(s.id)).map((x) => [x.index, x.startingHashKey, x.endingHashKey]), [[0, '0', HALF], [1, (BigInt(HALF) + 1n).toString(), MAX]]);
      assert.equal(await store().streams.create(streamRecord('s'), twoShards, T0), undefined);
      assert.ok(await store().streams.create(streamRecord('s', { accountId: A2 }), twoShards, T0), 'another account may use the name');
      assert.ok(await store().streams.create(streamRecord('s', { region: 'eu-west-1' }), twoShards, T0), 'another Region may use the name');
    });

    test('a stream whose DELETING has ended gives up its name: the new one has another id and none of the old records', async () => {
      const old = await made(store());
      await store().streamRecords.append(old.id, T0, [entry(0, 'old')], 0);
      await store().streams.put({ ...old, goneAt: T0 + 10 });
      assert.equal(await store().streams.create(streamRecord('s'), twoShards, T0 + 5), undefined, 'still DELETING');
      const again = await store().streams.create(streamRecord('s'), twoShards, T0 + 10);
      assert.ok(again);
      assert.notEqual(again.id, old.id);
      assert.deepEqual((await store().streamRecords.read(again.id, 0, { from: 0, notBefore: 0, limit: 10, maxBytes: 1e6 })).records, []);
      assert.deepEqual((await store().streamRecords.read(old.id, 0, { from: 0, notBefore: 0, limit: 10, maxBytes: 1e6 })).records, []);
    });

    test('list answers an account\'s streams in a Region by name, after a name, leaving out the gone ones', async () => {
      for (const n of ['c', 'a', 'b']) await made(store(), n);
      await made(store(), 'z', { accountId: A2 });
      const b = (await store().streams.get(A1, 'us-east-1', 'b'))!;
      await store().streams.put({ ...b, goneAt: T0 + 1 });
      const names = async (o: { after?: string; max: number; now: number }) => (await store().streams.list(A1, 'us-east-1', o)).map((s) => s.name);
      assert.deepEqual(await names({ max: 10, now: T0 }), ['a', 'b', 'c']);
      assert.deepEqual(await names({ max: 10, now: T0 + 1 }), ['a', 'c']);
      assert.deepEqual(await names({ after: 'a', max: 1, now: T0 }), ['b']);
    });

    test('reshard closes shards and adds their children together; the shard list handed out does not change under its holder', async () => {
      const s = await made(store());
      const before = await store().streams.shards(s.id);
      await store().streams.reshard(s.id, [{ index: 0, closedAt: T0 + 100 }], [
        { index: 2, parent: 0, startingHashKey: '0', endingHashKey: '99', createdAt: T0 + 100 },
        { index: 3, parent: 0, startingHashKey: '100', endingHashKey: HALF, createdAt: T0 + 100 },
      ]);
      assert.equal(before.length, 2);
      assert.equal(before[0].closedAt, undefined);
      const after = await store().streams.shards(s.id);
      assert.deepEqual(after.map((x) => [x.index, x.parent, x.closedAt]), [[0, undefined, T0 + 100], [1, undefined, undefined], [2, 0, undefined], [3, 0, undefined]]);
    });

    test('a reshard in a transaction that rolls back leaves the shards as they were', async () => {
      const s = await made(store());
      await store().streams.shards(s.id);
      await assert.rejects(store().transaction(async (t) => {
        await t.streams.reshard(s.id, [{ index: 1, closedAt: T0 }], [{ index: 2, startingHashKey: '0', endingHashKey: MAX, createdAt: T0 }]);
        assert.equal((await t.streams.shards(s.id)).length, 3, 'the transaction reads its own change');
        throw new Error('undo');
      }));
      assert.deepEqual((await store().streams.shards(s.id)).map((x) => [x.index, x.closedAt]), [[0, undefined], [1, undefined]]);
    });

    test('usage counts open shards of provisioned streams, on-demand streams and streams still CREATING', async () => {
      await made(store(), 'p');
      await made(store(), 'creating', { activeAt: T0 + 1000 });
      await made(store(), 'od', { mode: 'ON_DEMAND' });
      const gone = await made(store(), 'gone');
      await store().streams.put({ ...gone, goneAt: T0 });
      assert.deepEqual(await store().streams.usage(A1, 'us-east-1', T0), { openShards: 4, onDemandStreams: 1, creating: 1 });
      assert.deepEqual(await store().streams.usage(A2, 'us-east-1', T0), { openShards: 0, onDemandStreams: 0, creating: 0 });
    });

    test('consumers are kept per stream, replaced by name, and removed; clear removes records and consumers and keeps the shards', async () => {
      const s = await made(store());
      const c: ConsumerRecord = { streamId: s.id, name: 'app', createdAt: T0, activeAt: T0, tags: { team: 'x' } };
      await store().streams.putConsumer(c);
      await store().streams.putConsumer({ ...c, name: 'other', createdAt: T0 + 1 });
      assert.deepEqual(await store().streams.getConsumer(s.id, 'app'), c);
      await store().streams.putConsumer({ ...c, goneAt: T0 + 5 });
      assert.equal((await store().streams.getConsumer(s.id, 'app'))?.goneAt, T0 + 5);
      await store().streams.removeConsumer(s.id, 'other');
      assert.deepEqual((await store().streams.consumers(s.id)).map((x) => x.name), ['app']);
      await store().streamRecords.append(s.id, T0, [entry(0, 'r')], 0);
      await store().streams.clear(s.id);
      assert.deepEqual(await store().streams.consumers(s.id), []);
      assert.equal((await store().streams.shards(s.id)).length, 2);
    });

    test('remove takes the stream, its shards, consumers and records', async () => {
      const s = await made(store());
      await store().streamRecords.append(s.id, T0, [entry(0, 'r')], 0);
      await store().streams.remove(s.id);
      assert.equal(await store().streams.get(A1, 'us-east-1', 's'), undefined);
      assert.deepEqual(await store().streams.shards(s.id), []);
      assert.equal(await store().streamRecords.append(s.id, T0, [entry(0, 'late')], 0), undefined, 'nothing is appended to a removed stream');
    });

    test('reset removes every stream', async () => {
      const s = await made(store());
      await store().streamRecords.append(s.id, T0, [entry(0, 'r')], 0);
      await store().reset();
      assert.equal(await store().streams.get(A1, 'us-east-1', 's'), undefined);
      assert.deepEqual((await store().streamRecords.tip(s.id, 0)), { counter: 0, arrival: 0 });
    });
  });

  describe(`Kinesis records contract on ${engine}`, () => {
    const store = freshStore(open);

    test('an append numbers each shard\'s records from 1 in the order given, and the tip follows', async () => {
      const s = await made(store());
      const a = await store().streamRecords.append(s.id, T0, [entry(0, 'a'), entry(1, 'b'), entry(0, 'c')], 0);
      assert.deepEqual(a, { counters: [1, 1, 2], arrivals: [T0, T0, T0] });
      const b = await store().streamRecords.append(s.id, T0 + 5, [entry(0, 'd')], 0);
      assert.deepEqual(b, { counters: [3], arrivals: [T0 + 5] });
      assert.deepEqual(await store().streamRecords.tip(s.id, 0), { counter: 3, arrival: T0 + 5 });
      assert.deepEqual(await store().streamRecords.tip(s.id, 1), { counter: 1, arrival: T0 });
      const read = await store().streamRecords.read(s.id, 0, { from: 0, notBefore: 0, limit: 10, maxBytes: 1e6 });
      assert.deepEqual(read.records.map((r) => [r.counter, r.arrival, r.partitionKey, r.data.toString()]), [[1, T0, 'pk', 'a'], [2, T0, 'pk', 'c'], [3, T0 + 5, 'pk', 'd']]);
    });

    test('arrival times never go back within a shard: an earlier one takes the shard\'s newest', async () => {
      const s = await made(store());
      await store().streamRecords.append(s.id, T0 + 100, [entry(0, 'late')], 0);
      const a = await store().streamRecords.append(s.id, T0 + 50, [entry(0, 'early'), entry(1, 'other')], 0);
      assert.deepEqual(a?.arrivals, [T0 + 100, T0 + 50]);
    });

    test('appends made together are committed together, each numbered after the last', async () => {
      const s = await made(store());
      const all = await Promise.all(Array.from({ length: 50 }, (_, i) => store().streamRecords.append(s.id, T0, [entry(0, `x${i}`), entry(0, `y${i}`)], 0)));
      const counters = all.flatMap((a) => a!.counters).sort((x, y) => x - y);
      assert.deepEqual(counters, Array.from({ length: 100 }, (_, i) => i + 1));
      for (const a of all) assert.equal(a!.counters[1], a!.counters[0] + 1, 'one append\'s records are consecutive');
      assert.equal((await store().streamRecords.read(s.id, 0, { from: 0, notBefore: 0, limit: 1000, maxBytes: 1e9 })).records.length, 100);
    });

    test('an append into a stream that is deleting answers undefined', async () => {
      const s = await made(store());
      await store().streams.put({ ...s, goneAt: T0 + 1000 });
      assert.equal(await store().streamRecords.append(s.id, T0, [entry(0, 'x')], 0), undefined);
    });

    test('an append inside a store transaction commits with it, or not at all', async () => {
      const s = await made(store());
      await assert.rejects(store().transaction(async (t) => {
        await t.streamRecords.append(s.id, T0, [entry(0, 'undone')], 0);
        throw new Error('undo');
      }));
      assert.deepEqual((await store().streamRecords.read(s.id, 0, { from: 0, notBefore: 0, limit: 10, maxBytes: 1e6 })).records, []);
      const kept = await store().transaction((t) => t.streamRecords.append(s.id, T0, [entry(0, 'kept')], 0));
      assert.deepEqual(kept?.counters, [1], 'the undone append took no counter');
    });

    test('read starts at a counter, stops at the limit or the byte budget (one record at least) and names the next record', async () => {
      const s = await made(store());
      await store().streamRecords.append(s.id, T0, ['aaaa', 'bbbb', 'cccc', 'dddd'].map((t) => entry(0, t)), 0);
      const r = (o: Partial<{ from: number; limit: number; maxBytes: number }>) => store().streamRecords.read(s.id, 0, { from: 0, notBefore: 0, limit: 10, maxBytes: 1e6, ...o });
      const two = await r({ from: 2, limit: 2 });
      assert.deepEqual(texts(two.records), ['bbbb', 'cccc']);
      assert.deepEqual(two.next, { counter: 4, arrival: T0 });
      assert.deepEqual(texts((await r({ maxBytes: 9 })).records), ['aaaa', 'bbbb']);
      assert.deepEqual(texts((await r({ maxBytes: 1 })).records), ['aaaa']);
      const end = await r({ from: 3 });
      assert.deepEqual(texts(end.records), ['cccc', 'dddd']);
      assert.equal(end.next, undefined);
      assert.deepEqual((await r({ from: 5 })).records, []);
    });

    test('read skips the records that arrived before notBefore; firstArrivedAt finds the first that did not', async () => {
      const s = await made(store());
      for (let i = 0; i < 40; i++) await store().streamRecords.append(s.id, T0 + i * 10, [entry(0, `r${i}`)], 0);
      const r = await store().streamRecords.read(s.id, 0, { from: 0, notBefore: T0 + 255, limit: 3, maxBytes: 1e6 });
      assert.deepEqual(texts(r.records), ['r26', 'r27', 'r28']);
      assert.equal(await store().streamRecords.firstArrivedAt(s.id, 0, T0), 1);
      assert.equal(await store().streamRecords.firstArrivedAt(s.id, 0, T0 + 1), 2);
      assert.equal(await store().streamRecords.firstArrivedAt(s.id, 0, T0 + 390), 40);
      assert.equal(await store().streamRecords.firstArrivedAt(s.id, 0, T0 + 391), undefined);
      assert.deepEqual((await store().streamRecords.read(s.id, 0, { from: 0, notBefore: T0 + 1000, limit: 3, maxBytes: 1e6 })).records, []);
    });

    test('an append removes the stream\'s records that arrived before trimBefore, and counters go on after a shard is emptied', async () => {
      const s = await made(store());
      await store().streamRecords.append(s.id, T0, [entry(0, 'old'), entry(1, 'old')], 0);
      // A minute later (the trim runs at most once a minute), with retention ending just after T0.
      await store().streamRecords.append(s.id, T0 + 60_000, [entry(0, 'new')], T0 + 1);
      const all = (shard: number) => store().streamRecords.read(s.id, shard, { from: 0, notBefore: 0, limit: 10, maxBytes: 1e6 });
      assert.deepEqual(texts((await all(0)).records), ['new']);
      assert.deepEqual((await all(1)).records, [], 'a shard with no new record is trimmed too');
      assert.deepEqual(await store().streamRecords.tip(s.id, 1), { counter: 1, arrival: T0 });
      assert.deepEqual((await store().streamRecords.append(s.id, T0 + 60_001, [entry(1, 'next')], T0 + 1))?.counters, [2]);
    });
  });
}
