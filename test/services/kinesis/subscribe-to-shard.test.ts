// SubscribeToShard (enhanced fan-out) through @aws-sdk/client-kinesis over HTTP/2, reading the
// event stream as the SDK does (iterating EventStream): each StartingPosition, records pushed as
// they are put, the end of a closed shard after SplitShard and MergeShards (ChildShards, no
// ContinuationSequenceNumber), the stream's end after its time, the errors before the stream and
// within it (SubscribeToShard and SubscribeToShardEvent, API Reference), and the authorize step.
// What only a consumer's CREATING and DELETING show is run on the handler with a moved clock.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStreamCommand, DeregisterStreamConsumerCommand, MergeShardsCommand, PutRecordsCommand, RegisterStreamConsumerCommand, SplitShardCommand,
  SubscribeToShardCommand, type KinesisClient, type StartingPosition, type SubscribeToShardEvent,
} from '@aws-sdk/client-kinesis';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startRolegate, TEST_ACCOUNT, useRolegate, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import { createSealer } from '../../../src/auth/secrets.js';
import { handlers } from '../../../src/services/kinesis/index.js';
import { defaultServiceSettings } from '../../../src/shared/service-settings.js';
import type { HandlerContext } from '../../../src/services/types.js';
import type { Store } from '../../../src/store/types.js';
import { AwsError } from '../../../src/protocol/errors.js';

const rg = useRolegate({ env: { ROLEGATE_KINESIS_THROTTLING: 'off', ROLEGATE_KINESIS_SUBSCRIPTION_MS: '60000' } });
const S0 = 'shardId-000000000000';
const arn = (name: string) => `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/${name}`;
const MID = (1n << 127n).toString();

async function put(k: KinesisClient, stream: string, texts: string[], hashKey?: string): Promise<string[]> {
  const out = await k.send(new PutRecordsCommand({ StreamName: stream, Records: texts.map((t) => ({ Data: Buffer.from(t), PartitionKey: `pk-${t}`, ...(hashKey ? { ExplicitHashKey: hashKey } : {}) })) }));
  return out.Records!.map((r) => r.SequenceNumber!);
}

async function consumer(k: KinesisClient, stream: string, name: string): Promise<string> {
  return (await k.send(new RegisterStreamConsumerCommand({ StreamARN: arn(stream), ConsumerName: name }))).Consumer!.ConsumerARN!;
}

/** A stream of `shards` shards with one consumer, `c`. */
async function setUp(k: KinesisClient, shards = 1): Promise<string> {
  await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: shards }));
  return consumer(k, 's', 'c');
}

interface Subscribed {
  /** The next event; undefined once the stream ended. */
  next(): Promise<SubscribeToShardEvent | undefined>;
  /** Events until their records number at least `n`: the records' data as text, and the events read. */
  records(n: number): Promise<{ texts: string[]; events: SubscribeToShardEvent[] }>;
  /** Every event left until the stream ends. */
  rest(): Promise<SubscribeToShardEvent[]>;
  close(): void;
}

async function subscribe(k: KinesisClient, consumerArn: string, position: StartingPosition, shard = S0): Promise<Subscribed> {
  const abort = new AbortController();
  const out = await k.send(new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: shard, StartingPosition: position }), { abortSignal: abort.signal });
  const it = out.EventStream![Symbol.asyncIterator]();
  const next = async () => {
    const r = await it.next();
    if (r.done) return undefined;
    assert.ok(r.value.SubscribeToShardEvent, `an event, not ${JSON.stringify(r.value)}`);
    return r.value.SubscribeToShardEvent;
  };
  return {
    next,
    async records(n) {
      const texts: string[] = [];
      const events: SubscribeToShardEvent[] = [];
      while (texts.length < n) {
        const e = await next();
        assert.ok(e, `the stream ended after ${texts.length} of ${n} records`);
        events.push(e);
        for (const r of e.Records ?? []) texts.push(Buffer.from(r.Data!).toString());
      }
      return { texts, events };
    },
    async rest() {
      const events: SubscribeToShardEvent[] = [];
      for (let e = await next(); e; e = await next()) events.push(e);
      return events;
    },
    close: () => abort.abort(),
  };
}

const TIMEOUT = { timeout: 30_000 };

describe('SubscribeToShard: each starting position', () => {
  it('TRIM_HORIZON delivers the shard from its oldest record: data, partition key, sequence number and arrival time as put', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k);
    const before = Date.now();
    const seqs = await put(k, 's', ['a', 'b', 'c']);
    const sub = await subscribe(k, c, { Type: 'TRIM_HORIZON' });
    const { texts, events } = await sub.records(3);
    sub.close();
    assert.deepEqual(texts, ['a', 'b', 'c']);
    const records = events.flatMap((e) => e.Records ?? []);
    assert.deepEqual(records.map((r) => r.SequenceNumber), seqs);
    assert.deepEqual(records.map((r) => r.PartitionKey), ['pk-a', 'pk-b', 'pk-c']);
    for (const r of records) {
      assert.ok(r.ApproximateArrivalTimestamp instanceof Date);
      assert.ok(r.ApproximateArrivalTimestamp.getTime() >= before - 1000 && r.ApproximateArrivalTimestamp.getTime() <= Date.now() + 1000);
    }
    const last = events[events.length - 1];
    assert.equal(last.ContinuationSequenceNumber, seqs[2], 'the continuation is the last record delivered');
    assert.equal(last.MillisBehindLatest, 0);
  });

  it('AT_SEQUENCE_NUMBER starts at the record, AFTER_SEQUENCE_NUMBER after it', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const at = await setUp(k);
    const afterIt = await consumer(k, 's', 'after');
    const seqs = await put(k, 's', ['a', 'b', 'c']);
    const s1 = await subscribe(k, at, { Type: 'AT_SEQUENCE_NUMBER', SequenceNumber: seqs[1] });
    assert.deepEqual((await s1.records(2)).texts, ['b', 'c']);
    s1.close();
    const s2 = await subscribe(k, afterIt, { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: seqs[1] });
    assert.deepEqual((await s2.records(1)).texts, ['c']);
    s2.close();
  });

  it('AT_TIMESTAMP starts at the first record that arrived at or after the time', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k);
    await put(k, 's', ['old']);
    await new Promise((r) => setTimeout(r, 50));
    const at = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await put(k, 's', ['new1', 'new2']);
    const sub = await subscribe(k, c, { Type: 'AT_TIMESTAMP', Timestamp: at });
    assert.deepEqual((await sub.records(2)).texts, ['new1', 'new2']);
    sub.close();
  });

  it('LATEST delivers nothing put before the call: a first event without records, then the records put after it, pushed as they arrive', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k);
    await put(k, 's', ['before']);
    const sub = await subscribe(k, c, { Type: 'LATEST' });
    const first = (await sub.next())!;
    assert.deepEqual(first.Records, []);
    assert.ok(first.ContinuationSequenceNumber, 'an empty event still carries where to continue');
    assert.equal(first.MillisBehindLatest, 0);
    const seqs = await put(k, 's', ['after1', 'after2']);
    const { texts, events } = await sub.records(2);
    sub.close();
    assert.deepEqual(texts, ['after1', 'after2']);
    assert.equal(events[events.length - 1].ContinuationSequenceNumber, seqs[1]);
  });

  it("an empty event's ContinuationSequenceNumber, read AFTER_SEQUENCE_NUMBER by another subscription, goes on from there", TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k);
    await put(k, 's', ['seen-before']);
    const s1 = await subscribe(k, c, { Type: 'LATEST' });
    const continuation = (await s1.next())!.ContinuationSequenceNumber!;
    s1.close();
    await put(k, 's', ['later']);
    const s2 = await subscribe(k, await consumer(k, 's', 'other'), { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: continuation });
    assert.deepEqual((await s2.records(1)).texts, ['later']);
    s2.close();
  });
});

describe('SubscribeToShard: the end of a closed shard', () => {
  it('after SplitShard, a subscription reads the parent to its end: its records, then an event with both children and no ContinuationSequenceNumber, then the stream ends', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k);
    const sub = await subscribe(k, c, { Type: 'TRIM_HORIZON' });
    await put(k, 's', ['x', 'y']);
    assert.deepEqual((await sub.records(2)).texts, ['x', 'y']);
    await k.send(new SplitShardCommand({ StreamName: 's', ShardToSplit: S0, NewStartingHashKey: MID }));
    const rest = await sub.rest();
    const last = rest[rest.length - 1];
    assert.ok(last, 'an event at the end');
    assert.equal(last.ContinuationSequenceNumber, undefined);
    assert.deepEqual(rest.flatMap((e) => e.Records ?? []), []);
    assert.deepEqual(last.ChildShards, [
      { ShardId: 'shardId-000000000001', ParentShards: [S0], HashKeyRange: { StartingHashKey: '0', EndingHashKey: (BigInt(MID) - 1n).toString() } },
      { ShardId: 'shardId-000000000002', ParentShards: [S0], HashKeyRange: { StartingHashKey: MID, EndingHashKey: ((1n << 128n) - 1n).toString() } },
    ]);
    for (const e of rest.slice(0, -1)) assert.equal(e.ChildShards, undefined, 'only the last event names the children');
  });

  it('after MergeShards, each parent read from TRIM_HORIZON ends with its records and the one child naming both parents', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k, 2);
    await put(k, 's', ['low'], '0');
    await put(k, 's', ['high'], MID);
    await k.send(new MergeShardsCommand({ StreamName: 's', ShardToMerge: S0, AdjacentShardToMerge: 'shardId-000000000001' }));
    const child = { ShardId: 'shardId-000000000002', ParentShards: [S0, 'shardId-000000000001'], HashKeyRange: { StartingHashKey: '0', EndingHashKey: ((1n << 128n) - 1n).toString() } };
    for (const [shard, text] of [[S0, 'low'], ['shardId-000000000001', 'high']] as const) {
      const sub = await subscribe(k, c, { Type: 'TRIM_HORIZON' }, shard);
      const events = await sub.rest();
      assert.deepEqual(events.flatMap((e) => e.Records ?? []).map((r) => Buffer.from(r.Data!).toString()), [text]);
      assert.deepEqual(events[events.length - 1].ChildShards, [child]);
      assert.equal(events[events.length - 1].ContinuationSequenceNumber, undefined);
    }
  });
});

describe('SubscribeToShard: malformed input', () => {
  it('refuses a ConsumerARN outside the model\'s pattern and a ShardId over 128 characters with ValidationException, naming each member', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    await rejectsWith(k.send(new SubscribeToShardCommand({ ConsumerARN: 'not-an-arn', ShardId: S0, StartingPosition: { Type: 'LATEST' } })), 'ValidationException', 400,
      /^1 validation error detected: Value 'not-an-arn' at 'consumerARN' failed to satisfy constraint: Member must satisfy regular expression pattern: /);
    await rejectsWith(k.send(new SubscribeToShardCommand({ ConsumerARN: `${arn('s')}/consumer/c:1700000000`, ShardId: 'x'.repeat(129), StartingPosition: { Type: 'LATEST' } })), 'ValidationException', 400,
      /^1 validation error detected: Value 'x{129}' at 'shardId' failed to satisfy constraint: Member must have length less than or equal to 128$/);
  });
});

describe('SubscribeToShard: errors before the stream', () => {
  it('answers ResourceNotFoundException for a consumer, a stream or a shard that does not exist', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k);
    const sub = (ConsumerARN: string, ShardId = S0) => k.send(new SubscribeToShardCommand({ ConsumerARN, ShardId, StartingPosition: { Type: 'LATEST' } }));
    await rejectsWith(sub(`${arn('s')}/consumer/nobody:1700000000`), 'ResourceNotFoundException', 400, `Consumer nobody under stream s not found for account ${TEST_ACCOUNT}.`);
    await rejectsWith(sub(`${arn('nope')}/consumer/c:1700000000`), 'ResourceNotFoundException', 400, `Stream nope under account ${TEST_ACCOUNT} not found.`);
    await rejectsWith(sub(c, 'shardId-000000000005'), 'ResourceNotFoundException', 400, `Shard shardId-000000000005 in stream s under account ${TEST_ACCOUNT} does not exist`);
    const created = Number(/:(\d+)$/.exec(c)![1]);
    await rejectsWith(sub(c.replace(/:\d+$/, `:${created - 1}`)), 'ResourceNotFoundException', 400, `Consumer c under stream s not found for account ${TEST_ACCOUNT}.`);
  });

  it('answers InvalidArgumentException for a starting position it cannot start from', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k);
    const sub = (StartingPosition: StartingPosition) => k.send(new SubscribeToShardCommand({ ConsumerARN: c, ShardId: S0, StartingPosition }));
    await rejectsWith(sub({ Type: 'AT_SEQUENCE_NUMBER' }), 'InvalidArgumentException', 400, /Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber\.$/);
    await rejectsWith(sub({ Type: 'AT_SEQUENCE_NUMBER', SequenceNumber: '1234' }), 'InvalidArgumentException', 400,
      `StartingSequenceNumber 1234 used in SubscribeToShard on shard ${S0} in stream s under account ${TEST_ACCOUNT} is invalid.`);
    await rejectsWith(sub({ Type: 'AT_TIMESTAMP' }), 'InvalidArgumentException', 400, /^Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP/);
    await rejectsWith(sub({ Type: 'AT_TIMESTAMP', Timestamp: new Date(Date.now() + 3_600_000) }), 'InvalidArgumentException', 400, /cannot be greater than the currentTimestampInMillis/);
    await k.send(new CreateStreamCommand({ StreamName: 'two', ShardCount: 2 }));
    const [other] = await put(k, 'two', ['x'], MID);
    const c2 = await consumer(k, 'two', 'c');
    await rejectsWith(k.send(new SubscribeToShardCommand({ ConsumerARN: c2, ShardId: S0, StartingPosition: { Type: 'AT_SEQUENCE_NUMBER', SequenceNumber: other } })), 'InvalidArgumentException', 400,
      `Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with ${S0}`);
  });

  it('answers ResourceInUseException to a second call for the same consumer and shard within 5 seconds; another shard or consumer is free', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k, 2);
    const first = await subscribe(k, c, { Type: 'LATEST' });
    await rejectsWith(k.send(new SubscribeToShardCommand({ ConsumerARN: c, ShardId: S0, StartingPosition: { Type: 'LATEST' } })), 'ResourceInUseException', 400,
      /^Another active subscription exists for this consumer/);
    const otherShard = await subscribe(k, c, { Type: 'LATEST' }, 'shardId-000000000001');
    const otherConsumer = await subscribe(k, await consumer(k, 's', 'd'), { Type: 'LATEST' });
    for (const s of [first, otherShard, otherConsumer]) s.close();
  });

  it('refuses a caller without kinesis:SubscribeToShard on the consumer with AccessDeniedException before any event; allowed on the consumer, it subscribes', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k);
    const iam = rg.server.iam();
    const user = async (name: string, statement: object) => {
      await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) }));
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
      return rg.server.kinesis({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    };
    const reader = await user('reader', { Effect: 'Allow', Action: ['kinesis:DescribeStreamConsumer', 'kinesis:GetRecords', 'kinesis:GetShardIterator'], Resource: '*' });
    await rejectsWith(reader.send(new SubscribeToShardCommand({ ConsumerARN: c, ShardId: S0, StartingPosition: { Type: 'LATEST' } })), 'AccessDeniedException', 400,
      new RegExp(`is not authorized to perform: kinesis:SubscribeToShard on resource: ${c.replace(/[/:.]/g, (x) => `\\${x}`)}`));
    const fanOut = await user('fan-out', { Effect: 'Allow', Action: 'kinesis:SubscribeToShard', Resource: c });
    await put(k, 's', ['r']);
    const sub = await subscribe(fanOut, c, { Type: 'TRIM_HORIZON' });
    assert.deepEqual((await sub.records(1)).texts, ['r']);
    sub.close();
  });
});

describe('SubscribeToShard: errors within the stream', () => {
  it('a call 5 seconds or more after a successful one takes the subscription over: the earlier stream ends with ResourceInUseException', { timeout: 40_000 }, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k);
    const first = await subscribe(k, c, { Type: 'LATEST' });
    await first.next();
    await new Promise((r) => setTimeout(r, 5_100));
    const second = await subscribe(k, c, { Type: 'LATEST' });
    const err = await first.rest().then(() => undefined, (e: Error) => e);
    assert.ok(err, 'the earlier stream ends with an error');
    assert.equal(err.name, 'ResourceInUseException');
    assert.match(err.message, /^Another active subscription exists for this consumer/);
    await put(k, 's', ['to-the-second']);
    assert.deepEqual((await second.records(1)).texts, ['to-the-second']);
    second.close();
  });

  it('deregistering the consumer ends its stream with ResourceNotFoundException', TIMEOUT, async () => {
    const k = rg.server.kinesis();
    const c = await setUp(k);
    const sub = await subscribe(k, c, { Type: 'LATEST' });
    await sub.next();
    await k.send(new DeregisterStreamConsumerCommand({ ConsumerARN: c }));
    const err = await sub.rest().then(() => undefined, (e: Error) => e);
    assert.equal(err?.name, 'ResourceNotFoundException');
    assert.equal(err?.message, `Consumer c under stream s not found for account ${TEST_ACCOUNT}.`);
  });
});

describe('SubscribeToShard: the stream lasts its configured time (AWS: 5 minutes), then ends', () => {
  let server: Rolegate;
  before(async () => {
    server = await startRolegate({ env: { ROLEGATE_KINESIS_THROTTLING: 'off', ROLEGATE_KINESIS_SUBSCRIPTION_MS: '1500' } });
  });
  after(() => server.stop());

  it('delivers what arrives until its time is up, then the event stream ends without an error', TIMEOUT, async () => {
    const k = server.kinesis();
    const c = await setUp(k);
    const sub = await subscribe(k, c, { Type: 'LATEST' });
    await put(k, 's', ['in-time']);
    assert.deepEqual((await sub.records(1)).texts, ['in-time']);
    const rest = await sub.rest();
    assert.deepEqual(rest.flatMap((e) => e.Records ?? []), []);
  });
});

describe('SubscribeToShard: a consumer not ACTIVE (the handler with a moved clock)', () => {
  const T0 = Date.UTC(2026, 0, 22, 1, 22, 2);
  const STATE_MS = 10_000;
  let dir: string;
  let store: Store;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolegate-kinesis-fan-out-'));
    store = openSqliteStore(join(dir, 'k.db'));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const at = (ms: number) => ({
    accountId: TEST_ACCOUNT, region: 'us-east-1', requestId: 'r', now: new Date(ms), clock: () => ms, store, sealer: createSealer(randomBytes(32)),
    settings: { ...defaultServiceSettings, kinesis: { stateMs: STATE_MS, throttling: false, subscriptionMs: 60_000 } },
  }) as unknown as HandlerContext;
  const refusal = (p: Promise<unknown>) => p.then(() => assert.fail('subscribed'), (e: unknown) => {
    assert.ok(e instanceof AwsError);
    return e;
  });

  it('answers ResourceInUseException while the consumer is CREATING and while it is DELETING', async () => {
    await handlers.CreateStream!({ StreamName: 's', ShardCount: 1 }, at(T0));
    const t1 = T0 + STATE_MS;
    const c = (await handlers.RegisterStreamConsumer!({ StreamARN: arn('s'), ConsumerName: 'c' }, at(t1)))!.Consumer;
    const input = { ConsumerARN: c.ConsumerARN, ShardId: S0, StartingPosition: { Type: 'LATEST' as const } };
    const creating = await refusal(handlers.SubscribeToShard!(input, at(t1 + 1)));
    assert.equal(creating.code, 'ResourceInUseException');
    assert.equal(creating.message, `Consumer c with creation timestamp ${Math.floor(t1 / 1000)} under stream: s , account ${TEST_ACCOUNT} is not in ACTIVE status.`);
    const t2 = t1 + STATE_MS;
    const active = (await handlers.SubscribeToShard!(input, at(t2)))!.EventStream[Symbol.asyncIterator]();
    const first = (await active.next()).value as { SubscribeToShardEvent: SubscribeToShardEvent };
    assert.deepEqual(first.SubscribeToShardEvent.Records, []);
    await active.return!(undefined);
    await handlers.DeregisterStreamConsumer!({ ConsumerARN: c.ConsumerARN }, at(t2 + 1_000));
    const deleting = await refusal(handlers.SubscribeToShard!(input, at(t2 + 10_000 - 1)));
    assert.equal(deleting.code, 'ResourceInUseException');
    assert.match(deleting.message, /is not in ACTIVE status\.$/);
  });
});
