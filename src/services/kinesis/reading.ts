// Reading records: GetShardIterator (TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER,
// AT_TIMESTAMP) hands out a sealed iterator holding the shard and the next counter; GetRecords reads
// from it, answers the next iterator, how far behind the shard's newest record the reader is, and,
// at the end of a closed shard, no next iterator but the shard's children. Iterators expire after
// 5 minutes. Records older than the stream's retention are never read.
import type { Operations } from '../../generated/kinesis/operations.js';
import type { ChildShard, Record as KinesisRecord } from '../../generated/kinesis/shapes.js';
import type { ShardRecord, StreamRecord } from '../../store/types.js';
import { shardId, shardIndexOf, streamArn } from '../../shared/kinesis-names.js';
import { decodeIterator, encodeIterator } from '../../shared/kinesis-tokens.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import {
  invalidArgument, invalidShardIterator, iteratorExpired, shardDoesNotExist, shardNotFound, throughputExceeded,
} from './errors.js';
import { DEFAULT_GET_RECORDS_LIMIT, ITERATOR_LIFETIME_MS, MAX_GET_RECORDS_BYTES } from './limits.js';
import { PARTITION, streamNamed } from './lookup.js';
import { createdSeconds, parseSequenceNumber, sequenceNumber } from './sequence-numbers.js';
import { CLOSED_SHARD_SETTLE_MS, shardExists, streamStatus } from './state.js';
import { admitRead, chargeRead } from './throughput.js';

type H = ServiceHandlers<Operations>;

const TYPES_MESSAGE = 'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber.';

/** Where a reader starts: GetShardIterator's type and sequence number or timestamp, or SubscribeToShard's StartingPosition. */
export interface StartingPosition {
  type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
  sequenceNumber?: string;
  timestamp?: Date;
}

/**
 * The counter a reader of the shard starts from, and the arrival time before which it reads
 * nothing (AT_TIMESTAMP); InvalidArgumentException, in GetShardIterator's words, for a position it
 * cannot start from. `operation` is the one its messages name.
 */
export async function startingPoint(
  ctx: HandlerContext, stream: StreamRecord, shard: ShardRecord, position: StartingPosition, operation: string,
): Promise<{ from: number; notBefore: number }> {
  const { type, sequenceNumber: seq } = position;
  const index = shard.index;
  const id = shardId(index);
  const now = ctx.now.getTime();
  if (type === 'AT_TIMESTAMP') {
    if (position.timestamp === undefined) {
      throw invalidArgument('Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
    }
    const at = position.timestamp.getTime();
    if (at > now) throw invalidArgument(`The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${at}, currentTimestampInMillis: ${now}`);
    return { from: 0, notBefore: at };
  }
  if (type === 'TRIM_HORIZON' || type === 'LATEST') {
    if (seq !== undefined) throw invalidArgument(`${TYPES_MESSAGE} Request specified ${type} and also a StartingSequenceNumber.`);
    return { from: type === 'TRIM_HORIZON' ? 0 : (await ctx.store.streamRecords.tip(stream.id, index)).counter + 1, notBefore: 0 };
  }
  if (seq === undefined) throw invalidArgument(`${TYPES_MESSAGE} Request specified ${type} and no StartingSequenceNumber.`);
  const parsed = parseSequenceNumber(seq);
  if (!parsed) {
    throw invalidArgument(`StartingSequenceNumber ${seq} used in ${operation} on shard ${id} in stream ${stream.name} under account ${stream.accountId} is invalid.`);
  }
  if (parsed.shardIndex !== index) {
    throw invalidArgument(`Invalid StartingSequenceNumber. It encodes ${shardId(parsed.shardIndex)}, while it was used in a call to a shard with ${id}`);
  }
  if (parsed.shardCreatedSeconds !== createdSeconds(shard.createdAt)) {
    throw invalidArgument(`StartingSequenceNumber ${seq} used in ${operation} on shard ${id} in stream ${stream.name} under account ${stream.accountId} is invalid because it did not come from this stream.`);
  }
  const counter = Number(parsed.counter > BigInt(Number.MAX_SAFE_INTEGER - 1) ? BigInt(Number.MAX_SAFE_INTEGER - 1) : parsed.counter);
  return { from: type === 'AT_SEQUENCE_NUMBER' ? counter : counter + 1, notBefore: 0 };
}

const GetShardIterator: H['GetShardIterator'] = async (input, ctx) => {
  const n = streamNamed(ctx, input);
  const index = shardIndexOf(input.ShardId);
  if (index === undefined) throw shardNotFound(input.ShardId, n.name, n.accountId);
  const id = shardId(index);
  const now = ctx.now.getTime();
  const stream = await ctx.store.streams.get(n.accountId, n.region, n.name);
  const status = stream && streamStatus(stream, now);
  if (!stream || (status !== 'ACTIVE' && status !== 'UPDATING')) throw shardDoesNotExist(id, n.name, n.accountId);
  const shard = (await ctx.store.streams.shards(stream.id)).find((s) => s.index === index && shardExists(s, now));
  if (!shard) throw shardDoesNotExist(id, n.name, n.accountId);

  const { from, notBefore } = await startingPoint(ctx, stream, shard, {
    type: input.ShardIteratorType, sequenceNumber: input.StartingSequenceNumber, timestamp: input.Timestamp,
  }, 'GetShardIterator');
  return {
    ShardIterator: encodeIterator(ctx.sealer, {
      accountId: stream.accountId, region: stream.region, streamName: stream.name, streamId: stream.id, shard: index, from, notBefore, issuedAt: now,
    }),
  };
};

/** The shards a closed shard's records continue in. */
export function childrenOf(shard: ShardRecord, all: readonly ShardRecord[]): ChildShard[] {
  return all.filter((s) => s.parent === shard.index || s.adjacentParent === shard.index).map((s) => ({
    ShardId: shardId(s.index),
    ParentShards: [s.parent, s.adjacentParent].filter((p): p is number => p !== undefined).map(shardId),
    HashKeyRange: { StartingHashKey: s.startingHashKey, EndingHashKey: s.endingHashKey },
  }));
}

const GetRecords: H['GetRecords'] = async (input, ctx) => {
  const it = decodeIterator(ctx.sealer, input.ShardIterator);
  if (!it) throw invalidShardIterator();
  const now = ctx.now.getTime();
  if (now - it.issuedAt > ITERATOR_LIFETIME_MS) throw iteratorExpired(it.issuedAt, now, ITERATOR_LIFETIME_MS);
  if (input.StreamARN !== undefined && input.StreamARN !== streamArn({ partition: PARTITION, region: it.region, accountId: it.accountId, name: it.streamName })) {
    throw invalidArgument(`StreamARN ${input.StreamARN} is not the stream of the ShardIterator.`);
  }
  const id = shardId(it.shard);
  const stream = await ctx.store.streams.get(it.accountId, it.region, it.streamName);
  const status = stream && streamStatus(stream, now);
  // A stream deleted (and perhaps made again under its name) since the iterator was handed out.
  if (!stream || stream.id !== it.streamId || (status !== 'ACTIVE' && status !== 'UPDATING')) throw shardDoesNotExist(id, it.streamName, it.accountId);
  const all = await ctx.store.streams.shards(stream.id);
  const shard = all.find((s) => s.index === it.shard);
  if (!shard) throw shardDoesNotExist(id, it.streamName, it.accountId);
  const throttling = ctx.settings.kinesis.throttling;
  if (throttling && !admitRead(stream.id, it.shard, now)) throw throughputExceeded(id, stream.name, stream.accountId);

  const notBefore = Math.max(it.notBefore, now - stream.retentionHours * 3_600_000);
  const read = await ctx.store.streamRecords.read(stream.id, it.shard, {
    from: it.from, notBefore, limit: input.Limit ?? DEFAULT_GET_RECORDS_LIMIT, maxBytes: MAX_GET_RECORDS_BYTES,
  });
  const kms = stream.encryption === 'KMS';
  let bytes = 0;
  const records: KinesisRecord[] = new Array(read.records.length);
  for (let i = 0; i < read.records.length; i++) {
    const r = read.records[i];
    bytes += r.data.length;
    const record: KinesisRecord = {
      SequenceNumber: sequenceNumber(shard.createdAt, shard.index, r.counter, r.arrival),
      ApproximateArrivalTimestamp: new Date(r.arrival),
      Data: r.data,
      PartitionKey: r.partitionKey,
    };
    if (kms) record.EncryptionType = 'KMS';
    records[i] = record;
  }
  if (throttling) chargeRead(stream.id, it.shard, bytes, now);
  const last = read.records.length ? read.records[read.records.length - 1].counter : undefined;
  const next = last !== undefined ? last + 1 : it.from;
  const millisBehindLatest = read.next ? Math.max(0, now - read.next.arrival) : 0;
  // The end of a closed shard: once it has settled, no next iterator, and the shards that follow it.
  if (!read.next && shard.closedAt !== undefined && shard.closedAt + CLOSED_SHARD_SETTLE_MS <= now) {
    return { Records: records, MillisBehindLatest: millisBehindLatest, ChildShards: childrenOf(shard, all) };
  }
  return {
    Records: records,
    NextShardIterator: encodeIterator(ctx.sealer, { ...it, from: next, issuedAt: now }),
    MillisBehindLatest: millisBehindLatest,
  };
};

export const readingHandlers: H = { GetShardIterator, GetRecords };
