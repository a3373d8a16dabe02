// Streams: CreateStream (provisioned with ShardCount, or ON_DEMAND with 4 shards), DeleteStream,
// DescribeStream (shards in pages), DescribeStreamSummary, ListStreams, DescribeLimits and the
// retention period. A stream is CREATING for the configured time after it is made and DELETING for
// as long after it is deleted, read from the times on its row.
import { ResourceInUseException } from '../../generated/kinesis/errors.js';
import type { Operations } from '../../generated/kinesis/operations.js';
import type { StreamRecord } from '../../store/types.js';
import { decodeMarker, encodeMarker } from '../../store/marker.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import { invalidArgument, limitExceeded, shardLimitExceeded, streamExists, streamNotActive } from './errors.js';
import { encryptionOf, enhancedMonitoring, shardShape } from './descriptions.js';
import { evenRanges } from './hash-keys.js';
import { activeStream, findStream, listedShards, PARTITION } from './lookup.js';
import { streamArn } from '../../shared/kinesis-names.js';
import { shardOpen, streamStatus } from './state.js';
import { checkTags } from './tags.js';
import {
  DEFAULT_MAX_RECORD_KIB, DEFAULT_RETENTION_HOURS, MAX_CREATING_STREAMS, MAX_RETENTION_HOURS, MAX_TAGS, MIN_RETENTION_HOURS,
  ON_DEMAND_INITIAL_SHARDS, ON_DEMAND_STREAM_LIMIT, shardLimit,
} from './limits.js';

type H = ServiceHandlers<Operations>;

export const stateMs = (ctx: HandlerContext) => ctx.settings.kinesis.stateMs;

const CreateStream: H['CreateStream'] = async (input, ctx) => {
  const now = ctx.now.getTime();
  const mode = input.StreamModeDetails?.StreamMode ?? 'PROVISIONED';
  if (mode === 'ON_DEMAND' && input.ShardCount !== undefined) throw invalidArgument('ShardCount is not expected when StreamMode=ON_DEMAND');
  if (mode === 'PROVISIONED' && input.ShardCount === undefined) throw invalidArgument('ShardCount is expected when StreamMode=PROVISIONED');
  if (mode === 'PROVISIONED' && input.WarmThroughputMiBps !== undefined) throw invalidArgument('WarmThroughputMiBps is only supported for streams in ON_DEMAND mode.');
  const count = input.ShardCount ?? ON_DEMAND_INITIAL_SHARDS;
  const tags = input.Tags ?? {};
  checkTags(tags, `stream ${input.StreamName} under account ${ctx.accountId}`);
  if (Object.keys(tags).length > MAX_TAGS) {
    throw invalidArgument(`Failed to add tags to stream ${input.StreamName} under account ${ctx.accountId} because a given stream cannot have more than ${MAX_TAGS} tags associated with it.`);
  }
  const existing = await ctx.store.streams.get(ctx.accountId, ctx.region, input.StreamName);
  if (existing && streamStatus(existing, now)) throw streamExists(input.StreamName, ctx.accountId);
  const usage = await ctx.store.streams.usage(ctx.accountId, ctx.region, now);
  if (usage.creating >= MAX_CREATING_STREAMS) {
    throw limitExceeded(`The account ${ctx.accountId} already has ${usage.creating} streams in the CREATING state in ${ctx.region}; at most ${MAX_CREATING_STREAMS} may be created at once.`);
  }
  if (mode === 'ON_DEMAND' && usage.onDemandStreams >= ON_DEMAND_STREAM_LIMIT) {
    throw limitExceeded(`This request would exceed the on-demand stream count limit of ${ON_DEMAND_STREAM_LIMIT} for the account ${ctx.accountId} in ${ctx.region}.`);
  }
  const limit = shardLimit(ctx.region);
  if (mode === 'PROVISIONED' && usage.openShards + count > limit) throw shardLimitExceeded(ctx.accountId, ctx.region, usage.openShards, limit, count);
  const activeAt = now + stateMs(ctx);
  const stream: Omit<StreamRecord, 'id'> = {
    accountId: ctx.accountId, region: ctx.region, name: input.StreamName, createdAt: now, activeAt, updatingUntil: 0,
    mode, retentionHours: DEFAULT_RETENTION_HOURS, encryption: 'NONE', shardLevelMetrics: [], tags: { ...tags },
    maxRecordSizeKiB: input.MaxRecordSizeInKiB ?? DEFAULT_MAX_RECORD_KIB, nextShardIndex: count,
    ...(input.WarmThroughputMiBps !== undefined ? { warmThroughputMiBps: input.WarmThroughputMiBps } : {}),
  };
  // The shards come into being when the stream turns ACTIVE.
  const shards = evenRanges(count).map((r, index) => ({ index, startingHashKey: r.start.toString(), endingHashKey: r.end.toString(), createdAt: activeAt }));
  if (!(await ctx.store.streams.create(stream, shards, now))) throw streamExists(input.StreamName, ctx.accountId);
};

const DeleteStream: H['DeleteStream'] = async (input, ctx) => {
  const f = await findStream(ctx, input);
  const s = f.stream;
  if (f.status === 'CREATING' || f.status === 'DELETING') throw streamNotActive(s.name, s.accountId, f.status);
  const now = ctx.now.getTime();
  if (!input.EnforceConsumerDeletion) {
    const consumers = (await ctx.store.streams.consumers(s.id)).filter((c) => c.goneAt === undefined || c.goneAt > now);
    if (consumers.length) {
      throw new ResourceInUseException(
        `Stream ${s.name} under account ${s.accountId} has registered consumers. Deregister them first, or delete with EnforceConsumerDeletion.`,
      );
    }
  }
  const delay = stateMs(ctx);
  if (delay === 0) {
    await ctx.store.streams.remove(s.id);
    return;
  }
  // DELETING for the configured time: its records and consumers go now, its name when that ends.
  await ctx.store.transaction(async (t) => {
    await t.streams.put({ ...s, goneAt: now + delay });
    await t.streams.clear(s.id);
  });
};

const DescribeStream: H['DescribeStream'] = async (input, ctx) => {
  const f = await findStream(ctx, input);
  const s = f.stream;
  const now = ctx.now.getTime();
  const limit = input.Limit ?? 100;
  const after = input.ExclusiveStartShardId;
  const shards = (await listedShards(ctx, s)).map((sh) => shardShape(sh, now)).filter((sh) => after === undefined || sh.ShardId > after);
  return {
    StreamDescription: {
      StreamName: s.name,
      StreamARN: f.arn,
      StreamStatus: f.status,
      StreamModeDetails: { StreamMode: s.mode },
      Shards: shards.slice(0, limit),
      HasMoreShards: shards.length > limit,
      RetentionPeriodHours: s.retentionHours,
      StreamCreationTimestamp: new Date(s.createdAt),
      EnhancedMonitoring: enhancedMonitoring(s),
      ...encryptionOf(s),
    },
  };
};

const DescribeStreamSummary: H['DescribeStreamSummary'] = async (input, ctx) => {
  const f = await findStream(ctx, input);
  const s = f.stream;
  const now = ctx.now.getTime();
  const open = (await ctx.store.streams.shards(s.id)).filter((sh) => shardOpen(sh, now)).length;
  const consumers = (await ctx.store.streams.consumers(s.id)).filter((c) => c.goneAt === undefined || c.goneAt > now).length;
  return {
    StreamDescriptionSummary: {
      StreamName: s.name,
      StreamARN: f.arn,
      StreamStatus: f.status,
      StreamModeDetails: { StreamMode: s.mode },
      RetentionPeriodHours: s.retentionHours,
      StreamCreationTimestamp: new Date(s.createdAt),
      EnhancedMonitoring: enhancedMonitoring(s),
      ...encryptionOf(s),
      OpenShardCount: open,
      ConsumerCount: consumers,
      MaxRecordSizeInKiB: s.maxRecordSizeKiB,
      ...(s.warmThroughputMiBps !== undefined ? { WarmThroughput: { TargetMiBps: s.warmThroughputMiBps, CurrentMiBps: s.warmThroughputMiBps } } : {}),
    },
  };
};

/** ListStreams answers at most 100 streams a call, whatever Limit asks (API Reference, ListStreams). */
const MAX_LISTED_STREAMS = 100;

const ListStreams: H['ListStreams'] = async (input, ctx) => {
  const now = ctx.now.getTime();
  const limit = Math.min(input.Limit ?? MAX_LISTED_STREAMS, MAX_LISTED_STREAMS);
  const after = input.NextToken !== undefined ? decodeMarker(input.NextToken) : input.ExclusiveStartStreamName;
  const page = await ctx.store.streams.list(ctx.accountId, ctx.region, { after, max: limit + 1, now });
  const shown = page.slice(0, limit);
  const more = page.length > limit;
  return {
    StreamNames: shown.map((s) => s.name),
    HasMoreStreams: more,
    ...(more ? { NextToken: encodeMarker(shown[shown.length - 1].name) } : {}),
    StreamSummaries: shown.map((s) => ({
      StreamName: s.name,
      StreamARN: streamArn({ partition: PARTITION, region: s.region, accountId: s.accountId, name: s.name }),
      StreamStatus: streamStatus(s, now)!,
      StreamModeDetails: { StreamMode: s.mode },
      StreamCreationTimestamp: new Date(s.createdAt),
    })),
  };
};

const DescribeLimits: H['DescribeLimits'] = async (_input, ctx) => {
  const usage = await ctx.store.streams.usage(ctx.accountId, ctx.region, ctx.now.getTime());
  return { ShardLimit: shardLimit(ctx.region), OpenShardCount: usage.openShards, OnDemandStreamCount: usage.onDemandStreams, OnDemandStreamCountLimit: ON_DEMAND_STREAM_LIMIT };
};

function checkRetention(hours: number): void {
  if (hours < MIN_RETENTION_HOURS) {
    throw invalidArgument(`Minimum allowed retention period is ${MIN_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too short.`);
  }
  if (hours > MAX_RETENTION_HOURS) {
    throw invalidArgument(`Maximum allowed retention period is ${MAX_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too long.`);
  }
}

const IncreaseStreamRetentionPeriod: H['IncreaseStreamRetentionPeriod'] = async (input, ctx) => {
  const { stream } = await activeStream(ctx, input);
  checkRetention(input.RetentionPeriodHours);
  if (input.RetentionPeriodHours < stream.retentionHours) {
    throw invalidArgument(`Requested retention period (${input.RetentionPeriodHours} hours) for stream ${stream.name} can not be shorter than existing retention period (${stream.retentionHours} hours). Use DecreaseRetentionPeriod API.`);
  }
  await ctx.store.streams.put({ ...stream, retentionHours: input.RetentionPeriodHours });
};

/** Records older than the new period are no longer read, at once, and are removed as the stream is written. */
const DecreaseStreamRetentionPeriod: H['DecreaseStreamRetentionPeriod'] = async (input, ctx) => {
  const { stream } = await activeStream(ctx, input);
  checkRetention(input.RetentionPeriodHours);
  if (input.RetentionPeriodHours > stream.retentionHours) {
    throw invalidArgument(`Requested retention period (${input.RetentionPeriodHours} hours) for stream ${stream.name} can not be longer than existing retention period (${stream.retentionHours} hours). Use IncreaseRetentionPeriod API.`);
  }
  await ctx.store.streams.put({ ...stream, retentionHours: input.RetentionPeriodHours });
};

export const streamHandlers: H = {
  CreateStream, DeleteStream, DescribeStream, DescribeStreamSummary, ListStreams, DescribeLimits,
  IncreaseStreamRetentionPeriod, DecreaseStreamRetentionPeriod,
};
