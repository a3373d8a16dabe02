// Enhanced fan-out's SubscribeToShard: an ACTIVE consumer's subscription to one shard, answered as
// an event stream of SubscribeToShardEvents pushed as records are committed, for the configured
// time (AWS: 5 minutes), then the stream ends. At the end of a closed shard the last event carries
// ChildShards and no ContinuationSequenceNumber, and the stream ends. Errors before the stream are
// the call's; once it runs, the stream ends with one (ResourceInUseException when a later call took
// the subscription over, ResourceNotFoundException when the consumer or stream went away).
import { ResourceInUseException } from '../../generated/kinesis/errors.js';
import type { Operations } from '../../generated/kinesis/operations.js';
import type { Record as KinesisRecord, SubscribeToShardEventStream } from '../../generated/kinesis/shapes.js';
import type { ConsumerRecord } from '../../store/types.js';
import { parseConsumerArn, shardId, shardIndexOf } from '../../shared/kinesis-names.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import { nextArrival } from './arrivals.js';
import { consumerNotFound, findConsumer } from './consumer-lookup.js';
import { invalidArgument, shardDoesNotExist, shardNotFound, streamNotFound } from './errors.js';
import { MAX_EVENT_BYTES, MAX_EVENT_RECORDS } from './limits.js';
import { findByName } from './lookup.js';
import { childrenOf, startingPoint } from './reading.js';
import { createdSeconds, sequenceNumber } from './sequence-numbers.js';
import { CLOSED_SHARD_SETTLE_MS, consumerStatus, shardExists, streamStatus } from './state.js';
import { subscribe, type Subscription } from './subscriptions.js';

type H = ServiceHandlers<Operations>;

/** How long a subscriber waits for an append before it looks at the store itself (a closed shard settling, records from another process). */
const LOOK_MS = 500;
/** With no records for this long, an empty event still tells the subscriber it is caught up (its ContinuationSequenceNumber and MillisBehindLatest). */
const QUIET_EVENT_MS = 5_000;

const consumerNotActive = (c: ConsumerRecord, stream: string, accountId: string) => new ResourceInUseException(
  `Consumer ${c.name} with creation timestamp ${createdSeconds(c.createdAt)} under stream: ${stream} , account ${accountId} is not in ACTIVE status.`,
);

/** What a subscription reads: the shard, from which counter, and nothing that arrived before `notBefore`. */
interface Reader {
  accountId: string;
  region: string;
  streamName: string;
  streamId: number;
  consumer: ConsumerRecord;
  shard: number;
  shardCreatedAt: number;
  from: number;
  notBefore: number;
}

const SubscribeToShard: H['SubscribeToShard'] = async (input, ctx) => {
  const arn = parseConsumerArn(input.ConsumerARN);
  if (!arn) throw invalidArgument(`ConsumerARN ${input.ConsumerARN} is not the ARN of a consumer.`);
  // A consumer of another Region is not found at this Region's endpoint.
  if (arn.region !== ctx.region) throw consumerNotFound(arn.consumerName, arn.name, arn.accountId);
  const f = await findByName(ctx, arn);
  const consumer = await findConsumer(ctx, f, arn.consumerName, arn.createdSeconds);
  const s = f.stream;
  const now = ctx.now.getTime();
  if (consumerStatus(consumer, now) !== 'ACTIVE') throw consumerNotActive(consumer, s.name, s.accountId);
  if (f.status !== 'ACTIVE' && f.status !== 'UPDATING') throw streamNotFound(s.name, s.accountId);
  const index = shardIndexOf(input.ShardId);
  if (index === undefined) throw shardNotFound(input.ShardId, s.name, s.accountId);
  const shard = (await ctx.store.streams.shards(s.id)).find((x) => x.index === index && shardExists(x, now));
  if (!shard) throw shardDoesNotExist(shardId(index), s.name, s.accountId);
  const p = input.StartingPosition;
  const start = await startingPoint(ctx, s, shard, { type: p.Type, sequenceNumber: p.SequenceNumber, timestamp: p.Timestamp }, 'SubscribeToShard');
  // AT_TIMESTAMP starts at the first record that arrived then or later, so the continuation never reaches back before it.
  let from = start.from;
  if (start.notBefore > 0) from = (await ctx.store.streamRecords.firstArrivedAt(s.id, index, start.notBefore)) ?? (await ctx.store.streamRecords.tip(s.id, index)).counter + 1;
  const sub = subscribe(`${s.id}/${consumer.name}/${consumer.createdAt}/${index}`, now);
  if (!sub) throw new ResourceInUseException(`Another active subscription exists for this consumer: ${s.accountId}:${s.name}:${shardId(index)}:${consumer.name}`);
  return {
    EventStream: events(ctx, {
      accountId: s.accountId, region: s.region, streamName: s.name, streamId: s.id, consumer, shard: index, shardCreatedAt: shard.createdAt, from, notBefore: start.notBefore,
    }, sub),
  };
};

/** The stream's events until the subscription's time is up, the shard's end, or an error. */
async function* events(ctx: HandlerContext, r: Reader, sub: Subscription): AsyncGenerator<SubscribeToShardEventStream> {
  const ends = ctx.now.getTime() + ctx.settings.kinesis.subscriptionMs;
  let from = r.from;
  // Read AFTER_SEQUENCE_NUMBER, the continuation goes on from where this subscription is: after its last record, or before its first.
  let continuation = sequenceNumber(r.shardCreatedAt, r.shard, Math.max(from - 1, 0), r.shardCreatedAt);
  let sentAt = -Infinity;
  try {
    for (;;) {
      if (sub.takenOver) throw new ResourceInUseException(`Another active subscription exists for this consumer: ${r.accountId}:${r.streamName}:${shardId(r.shard)}:${r.consumer.name}`);
      const now = ctx.clock();
      if (now >= ends) return;
      const stream = await ctx.store.streams.get(r.accountId, r.region, r.streamName);
      const status = stream && streamStatus(stream, now);
      if (!stream || stream.id !== r.streamId || (status !== 'ACTIVE' && status !== 'UPDATING')) throw streamNotFound(r.streamName, r.accountId);
      const consumer = await ctx.store.streams.getConsumer(r.streamId, r.consumer.name);
      const consumerState = consumer && consumer.createdAt === r.consumer.createdAt ? consumerStatus(consumer, now) : undefined;
      if (!consumerState) throw consumerNotFound(r.consumer.name, r.streamName, r.accountId);
      if (consumerState !== 'ACTIVE') throw consumerNotActive(r.consumer, r.streamName, r.accountId);
      const all = await ctx.store.streams.shards(r.streamId);
      const shard = all.find((x) => x.index === r.shard);
      if (!shard) throw shardDoesNotExist(shardId(r.shard), r.streamName, r.accountId);

      const read = await ctx.store.streamRecords.read(r.streamId, r.shard, {
        from, notBefore: Math.max(r.notBefore, now - stream.retentionHours * 3_600_000), limit: MAX_EVENT_RECORDS, maxBytes: MAX_EVENT_BYTES,
      });
      const kms = stream.encryption === 'KMS';
      const records: KinesisRecord[] = new Array(read.records.length);
      for (let i = 0; i < read.records.length; i++) {
        const x = read.records[i];
        records[i] = { SequenceNumber: sequenceNumber(shard.createdAt, shard.index, x.counter, x.arrival), ApproximateArrivalTimestamp: new Date(x.arrival), Data: x.data, PartitionKey: x.partitionKey };
        if (kms) records[i].EncryptionType = 'KMS';
      }
      if (records.length) {
        from = read.records[records.length - 1].counter + 1;
        continuation = records[records.length - 1].SequenceNumber;
      }
      if (!read.next && shard.closedAt !== undefined && shard.closedAt + CLOSED_SHARD_SETTLE_MS <= now) {
        yield { SubscribeToShardEvent: { Records: records, MillisBehindLatest: 0, ChildShards: childrenOf(shard, all) } };
        return;
      }
      if (records.length || now - sentAt >= QUIET_EVENT_MS) {
        yield { SubscribeToShardEvent: { Records: records, ContinuationSequenceNumber: continuation, MillisBehindLatest: read.next ? Math.max(0, now - read.next.arrival) : 0 } };
        sentAt = now;
      }
      if (read.next) continue;
      await nextArrival(r.streamId, Math.min(LOOK_MS, ends - now), sub);
    }
  } finally {
    sub.release();
  }
}

export const fanOutHandlers: H = { SubscribeToShard };
