// A stream's settings, as state: server-side encryption (StartStreamEncryption and
// StopStreamEncryption: the stream is UPDATING while it changes; records are stored as given, KMS
// is not called), enhanced monitoring's shard-level metrics, the capacity mode, the largest record
// and an on-demand stream's warm throughput.
import type { Operations } from '../../generated/kinesis/operations.js';
import type { StreamRecord } from '../../store/types.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import { invalidArgument, limitExceeded } from './errors.js';
import { activeStream, type Found } from './lookup.js';
import { ON_DEMAND_STREAM_LIMIT } from './limits.js';
import { stateMs } from './streams.js';

type H = ServiceHandlers<Operations>;

type Metric = 'IncomingBytes' | 'IncomingRecords' | 'OutgoingBytes' | 'OutgoingRecords' | 'WriteProvisionedThroughputExceeded' | 'ReadProvisionedThroughputExceeded' | 'IteratorAgeMilliseconds';
const ALL_METRICS: readonly Metric[] = [
  'IncomingBytes', 'IncomingRecords', 'OutgoingBytes', 'OutgoingRecords', 'WriteProvisionedThroughputExceeded', 'ReadProvisionedThroughputExceeded', 'IteratorAgeMilliseconds',
];

/** A change that leaves the stream UPDATING for the configured time. */
async function update(ctx: HandlerContext, s: StreamRecord, change: Partial<StreamRecord>): Promise<void> {
  await ctx.store.streams.put({ ...s, ...change, updatingUntil: ctx.now.getTime() + stateMs(ctx) });
}

const StartStreamEncryption: H['StartStreamEncryption'] = async (input, ctx) => {
  const { stream } = await activeStream(ctx, input);
  if (input.EncryptionType !== 'KMS') throw invalidArgument(`EncryptionType ${input.EncryptionType} is not a type of encryption: StartStreamEncryption takes KMS.`);
  await update(ctx, stream, { encryption: 'KMS', keyId: input.KeyId });
};

const StopStreamEncryption: H['StopStreamEncryption'] = async (input, ctx) => {
  const { stream } = await activeStream(ctx, input);
  if (input.EncryptionType !== 'KMS') throw invalidArgument(`EncryptionType ${input.EncryptionType} is not a type of encryption: StopStreamEncryption takes KMS.`);
  const { keyId: _keyId, ...rest } = stream;
  await ctx.store.streams.put({ ...rest, encryption: 'NONE', updatingUntil: ctx.now.getTime() + stateMs(ctx) });
};

const expand = (metrics: readonly string[]): Metric[] => (metrics.includes('ALL') ? [...ALL_METRICS] : (metrics as Metric[]));

function monitoringOutput(f: Found, before: readonly string[], after: readonly string[]) {
  return { StreamName: f.stream.name, StreamARN: f.arn, CurrentShardLevelMetrics: [...before] as Metric[], DesiredShardLevelMetrics: [...after] as Metric[] };
}

const EnableEnhancedMonitoring: H['EnableEnhancedMonitoring'] = async (input, ctx) => {
  const f = await activeStream(ctx, input);
  const before = f.stream.shardLevelMetrics;
  const after = ALL_METRICS.filter((m) => before.includes(m) || expand(input.ShardLevelMetrics).includes(m));
  await ctx.store.streams.put({ ...f.stream, shardLevelMetrics: after });
  return monitoringOutput(f, before, after);
};

const DisableEnhancedMonitoring: H['DisableEnhancedMonitoring'] = async (input, ctx) => {
  const f = await activeStream(ctx, input);
  const before = f.stream.shardLevelMetrics;
  const removed = expand(input.ShardLevelMetrics);
  const after = before.filter((m) => !removed.includes(m as Metric));
  await ctx.store.streams.put({ ...f.stream, shardLevelMetrics: after });
  return monitoringOutput(f, before, after);
};

/** The mode changes; the shards stay as they are (an on-demand stream keeps the provisioned shards and scales from them). */
const UpdateStreamMode: H['UpdateStreamMode'] = async (input, ctx) => {
  const { stream } = await activeStream(ctx, { StreamARN: input.StreamARN });
  const mode = input.StreamModeDetails.StreamMode;
  if (mode === stream.mode) throw invalidArgument(`Stream ${stream.name} under account ${stream.accountId} is already in ${mode} mode.`);
  if (mode === 'ON_DEMAND') {
    const usage = await ctx.store.streams.usage(stream.accountId, stream.region, ctx.now.getTime());
    if (usage.onDemandStreams >= ON_DEMAND_STREAM_LIMIT) {
      throw limitExceeded(`This request would exceed the on-demand stream count limit of ${ON_DEMAND_STREAM_LIMIT} for the account ${stream.accountId} in ${stream.region}.`);
    }
  }
  const { warmThroughputMiBps: _w, ...rest } = stream;
  await update(ctx, mode === 'ON_DEMAND' && input.WarmThroughputMiBps !== undefined ? { ...rest, warmThroughputMiBps: input.WarmThroughputMiBps } : rest, { mode });
};

const UpdateMaxRecordSize: H['UpdateMaxRecordSize'] = async (input, ctx) => {
  const { stream } = await activeStream(ctx, input);
  await ctx.store.streams.put({ ...stream, maxRecordSizeKiB: input.MaxRecordSizeInKiB });
};

const UpdateStreamWarmThroughput: H['UpdateStreamWarmThroughput'] = async (input, ctx) => {
  const f = await activeStream(ctx, input);
  if (f.stream.mode !== 'ON_DEMAND') throw invalidArgument(`Stream ${f.stream.name} under account ${f.stream.accountId} is not in ON_DEMAND mode: warm throughput is for on-demand streams.`);
  const previous = f.stream.warmThroughputMiBps ?? 0;
  await update(ctx, f.stream, { warmThroughputMiBps: input.WarmThroughputMiBps });
  return { StreamARN: f.arn, StreamName: f.stream.name, WarmThroughput: { TargetMiBps: input.WarmThroughputMiBps, CurrentMiBps: previous } };
};

export const settingHandlers: H = {
  StartStreamEncryption, StopStreamEncryption, EnableEnhancedMonitoring, DisableEnhancedMonitoring, UpdateStreamMode,
  UpdateMaxRecordSize, UpdateStreamWarmThroughput,
};
