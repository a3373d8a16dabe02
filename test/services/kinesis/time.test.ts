// What only time shows, with the handlers called directly on a store and a clock the test moves:
// iterators expire after 5 minutes, records past the retention period are not read and are removed,
// a closed shard expires from listings with its records. The handler context is the one a request
// gets, but for its time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import { createSealer } from '../../../src/auth/secrets.js';
import { handlers } from '../../../src/services/kinesis/index.js';
import { defaultServiceSettings } from '../../../src/shared/service-settings.js';
import type { HandlerContext } from '../../../src/services/types.js';
import type { Store } from '../../../src/store/types.js';
import { AwsError } from '../../../src/protocol/errors.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 22, 1, 22, 2);
let dir: string;
let store: Store;
const sealer = createSealer(randomBytes(32));

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rolegate-kinesis-time-'));
  store = openSqliteStore(join(dir, 'k.db'));
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function at(ms: number): HandlerContext {
  return {
    accountId: '111122223333', region: 'us-east-1', requestId: 'r', now: new Date(ms), store, sealer,
    settings: { ...defaultServiceSettings, kinesis: { stateMs: 0, throttling: false } },
  } as unknown as HandlerContext;
}

async function call<K extends keyof typeof handlers>(op: K, input: unknown, ms: number) {
  return (handlers[op] as (i: unknown, c: HandlerContext) => Promise<any>)(input, at(ms));
}

async function rejects(p: Promise<unknown>, code: string, message?: string) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AwsError);
    assert.equal(e.code, code);
    if (message) assert.equal(e.message, message);
    return true;
  });
}

const put = (stream: string, text: string, ms: number) => call('PutRecords', { StreamName: stream, Records: [{ Data: Buffer.from(text), PartitionKey: 'k' }] }, ms);
const texts = (out: { Records: { Data: Buffer }[] }) => out.Records.map((r) => Buffer.from(r.Data).toString());

describe('Shard iterators over time', () => {
  it('expire 5 minutes after they were handed out, with Kinesis\'s message; the next iterator starts its own 5 minutes', async () => {
    await call('CreateStream', { StreamName: 'it', ShardCount: 1 }, T0);
    await put('it', 'a', T0);
    const { ShardIterator } = await call('GetShardIterator', { StreamName: 'it', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }, T0);
    const fresh = await call('GetRecords', { ShardIterator }, T0 + 299_000);
    assert.deepEqual(texts(fresh), ['a']);
    await rejects(call('GetRecords', { ShardIterator }, T0 + 300_001), 'ExpiredIteratorException',
      'Iterator expired. The iterator was created at time Thu Jan 22 01:22:02 UTC 2026 while right now it is Thu Jan 22 01:27:02 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.');
    assert.deepEqual(texts(await call('GetRecords', { ShardIterator: fresh.NextShardIterator }, T0 + 500_000)), []);
  });
});

describe('Retention', () => {
  it('does not read records older than the retention period, and removes them as the stream is written', async () => {
    await call('CreateStream', { StreamName: 'ret', ShardCount: 1 }, T0);
    await put('ret', 'day-one', T0);
    await put('ret', 'day-two', T0 + 23 * HOUR);
    const horizon = (ms: number) => call('GetShardIterator', { StreamName: 'ret', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }, ms);
    assert.deepEqual(texts(await call('GetRecords', { ShardIterator: (await horizon(T0 + 24 * HOUR - 1)).ShardIterator }, T0 + 24 * HOUR - 1)), ['day-one', 'day-two']);
    assert.deepEqual(texts(await call('GetRecords', { ShardIterator: (await horizon(T0 + 25 * HOUR)).ShardIterator }, T0 + 25 * HOUR)), ['day-two']);
    // A write a day later trims: the record is gone from the store, not just unread.
    await put('ret', 'day-three', T0 + 25 * HOUR);
    const s = (await store.streams.get('111122223333', 'us-east-1', 'ret'))!;
    const kept = await store.streamRecords.read(s.id, 0, { from: 0, notBefore: 0, limit: 10, maxBytes: 1e6 });
    assert.deepEqual(kept.records.map((r) => r.data.toString()), ['day-two', 'day-three']);
  });

  it('applies a decreased retention period at once, and an increased one keeps records longer', async () => {
    await call('CreateStream', { StreamName: 'longer', ShardCount: 1 }, T0);
    await call('IncreaseStreamRetentionPeriod', { StreamName: 'longer', RetentionPeriodHours: 48 }, T0);
    await put('longer', 'kept', T0);
    const read = async (ms: number) => texts(await call('GetRecords', {
      ShardIterator: (await call('GetShardIterator', { StreamName: 'longer', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }, ms)).ShardIterator,
    }, ms));
    assert.deepEqual(await read(T0 + 30 * HOUR), ['kept']);
    await call('DecreaseStreamRetentionPeriod', { StreamName: 'longer', RetentionPeriodHours: 24 }, T0 + 30 * HOUR);
    assert.deepEqual(await read(T0 + 30 * HOUR), []);
  });

  it('lists a closed shard until its records are past retention, then no longer', async () => {
    await call('CreateStream', { StreamName: 'closed', ShardCount: 1 }, T0);
    await call('SplitShard', { StreamName: 'closed', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' }, T0);
    const ids = async (ms: number) => (await call('ListShards', { StreamName: 'closed' }, ms)).Shards.map((s: { ShardId: string }) => s.ShardId);
    assert.deepEqual(await ids(T0 + 23 * HOUR), ['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']);
    assert.deepEqual(await ids(T0 + 24 * HOUR), ['shardId-000000000001', 'shardId-000000000002']);
  });
});

describe('ListShards tokens over time', () => {
  it('expire after 5 minutes with ExpiredNextTokenException', async () => {
    await call('CreateStream', { StreamName: 'tok', ShardCount: 3 }, T0);
    const page = await call('ListShards', { StreamName: 'tok', MaxResults: 1 }, T0);
    assert.equal((await call('ListShards', { NextToken: page.NextToken }, T0 + 299_000)).Shards.length, 2);
    await rejects(call('ListShards', { NextToken: page.NextToken }, T0 + 300_001), 'ExpiredNextTokenException');
  });
});
