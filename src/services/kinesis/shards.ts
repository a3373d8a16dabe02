// Shards: ListShards (ShardFilter, pages by NextToken) and resharding (SplitShard, MergeShards,
// UpdateShardCount with UNIFORM_SCALING). A reshard is written at once as what it will be: the
// stream is UPDATING for the configured time, the parent shards close when it ends (taking records
// until then) and the child shards exist from then. Closed shards keep their records, readable to
// their EndingSequenceNumber until retention removes them.
import { ExpiredNextTokenException } from '../../generated/kinesis/errors.js';
import type { Operations } from '../../generated/kinesis/operations.js';
import type { ShardFilter } from '../../generated/kinesis/shapes.js';
import type { ShardRecord, StreamRecord } from '../../store/types.js';
import { shardId, shardIndexOf } from '../../shared/kinesis-names.js';
import { decodeListShardsToken, encodeListShardsToken } from '../../shared/kinesis-tokens.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import { invalidArgument, limitExceeded, shardLimitExceeded, shardNotFound, streamNotActive, streamNotFound } from './errors.js';
import { shardShape } from './descriptions.js';
import { evenRanges, MAX_HASH_KEY } from './hash-keys.js';
import { activeStream, findByName, findStream, listedShards, streamNamed, type Found } from './lookup.js';
import { MAX_SHARDS_PER_STREAM, NEXT_TOKEN_LIFETIME_MS, shardLimit } from './limits.js';
import { shardOpen } from './state.js';
import { stateMs } from './streams.js';

type H = ServiceHandlers<Operations>;
type NewShard = Omit<ShardRecord, 'streamId'>;

const openAt = (s: ShardRecord, t: number) => s.createdAt <= t && (s.closedAt === undefined || t < s.closedAt);
const openFrom = (s: ShardRecord, t: number) => s.closedAt === undefined || t < s.closedAt;

/** The shards a ShardFilter keeps, at `now` (API Reference, ShardFilter). */
function filterShards(shards: ShardRecord[], f: ShardFilter | undefined, stream: StreamRecord, now: number): ShardRecord[] {
  if (!f) return shards;
  // The trim horizon: retention back from now, or the stream's first shards if it is younger.
  const horizon = Math.max(now - stream.retentionHours * 3_600_000, stream.activeAt);
  const at = (t: Date | undefined) => Math.max(t?.getTime() ?? 0, horizon);
  switch (f.Type) {
    case 'AFTER_SHARD_ID':
      return shards.filter((s) => shardId(s.index) > f.ShardId!);
    case 'AT_TRIM_HORIZON':
      return shards.filter((s) => openAt(s, horizon));
    case 'FROM_TRIM_HORIZON':
      return shards.filter((s) => openFrom(s, horizon));
    case 'AT_LATEST':
      return shards.filter((s) => shardOpen(s, now));
    case 'AT_TIMESTAMP':
      return shards.filter((s) => openAt(s, at(f.Timestamp)));
    case 'FROM_TIMESTAMP':
      return shards.filter((s) => openFrom(s, at(f.Timestamp)));
  }
}

function checkFilter(f: ShardFilter | undefined): void {
  if (!f) return;
  if (f.Type === 'AFTER_SHARD_ID' && f.ShardId === undefined) throw invalidArgument('ShardFilter of type AFTER_SHARD_ID must specify a ShardId.');
  if ((f.Type === 'AT_TIMESTAMP' || f.Type === 'FROM_TIMESTAMP') && f.Timestamp === undefined) throw invalidArgument(`ShardFilter of type ${f.Type} must specify a Timestamp.`);
}

const ListShards: H['ListShards'] = async (input, ctx) => {
  const now = ctx.now.getTime();
  let f: Found;
  let after = input.ExclusiveStartShardId;
  let filter = input.ShardFilter;
  if (input.NextToken !== undefined) {
    if (input.StreamName !== undefined || input.StreamARN !== undefined) throw invalidArgument('NextToken and StreamName cannot be provided together.');
    if (input.ExclusiveStartShardId !== undefined) throw invalidArgument('NextToken and ExclusiveStartShardId cannot be provided together.');
    const t = decodeListShardsToken(input.NextToken);
    if (!t) throw invalidArgument('Invalid NextToken.');
    if (now - t.issuedAt > NEXT_TOKEN_LIFETIME_MS) throw new ExpiredNextTokenException(`The NextToken has expired: it was handed out more than ${NEXT_TOKEN_LIFETIME_MS / 1000} seconds ago.`);
    if (t.region !== ctx.region) throw streamNotFound(t.name, t.accountId);
    f = await findByName(ctx, t);
    // The stream was deleted and made again since the token was handed out.
    if (f.stream.id !== t.streamId) throw streamNotFound(t.name, t.accountId);
    after = t.after;
    filter = t.filter;
  } else {
    if (input.StreamName === undefined && input.StreamARN === undefined) throw invalidArgument('Either NextToken or StreamName should be provided.');
    streamNamed(ctx, input);
    f = await findStream(ctx, input);
    if (input.StreamCreationTimestamp !== undefined && Math.floor(input.StreamCreationTimestamp.getTime() / 1000) !== Math.floor(f.stream.createdAt / 1000)) {
      throw streamNotFound(f.stream.name, f.stream.accountId);
    }
  }
  if (f.status === 'CREATING') throw streamNotActive(f.stream.name, f.stream.accountId, f.status);
  checkFilter(filter);
  const max = input.MaxResults ?? 1000;
  const shards = filterShards(await listedShards(ctx, f.stream), filter, f.stream, now).filter((s) => after === undefined || shardId(s.index) > after);
  const page = shards.slice(0, max);
  const more = shards.length > max;
  return {
    Shards: page.map((s) => shardShape(s, now)),
    ...(more ? {
      NextToken: encodeListShardsToken({
        accountId: f.stream.accountId, region: f.stream.region, name: f.stream.name, streamId: f.stream.id,
        after: shardId(page[page.length - 1].index), ...(filter ? { filter } : {}), issuedAt: now,
      }),
    } : {}),
  };
};

/** The index a ShardId names, checked before the stream is looked up, as Kinesis does. */
function indexOf(id: string, input: { StreamName?: string; StreamARN?: string }, ctx: HandlerContext): number {
  const index = shardIndexOf(id);
  if (index === undefined) {
    const n = streamNamed(ctx, input);
    throw shardNotFound(id, n.name, n.accountId);
  }
  return index;
}

/** An open shard of the stream, else ResourceNotFoundException. */
async function shardOf(ctx: HandlerContext, f: Found, index: number): Promise<ShardRecord> {
  const now = ctx.now.getTime();
  const shard = (await ctx.store.streams.shards(f.stream.id)).find((s) => s.index === index && s.createdAt <= now);
  if (!shard) throw shardNotFound(shardId(index), f.stream.name, f.stream.accountId);
  return shard;
}

/** Writes a reshard: the stream UPDATING until `at`, `closes` closing then, `adds` existing from then. */
async function reshard(ctx: HandlerContext, s: StreamRecord, closes: readonly ShardRecord[], adds: NewShard[], at: number): Promise<void> {
  await ctx.store.transaction(async (t) => {
    await t.streams.put({ ...s, updatingUntil: at, nextShardIndex: s.nextShardIndex + adds.length });
    await t.streams.reshard(s.id, closes.map((c) => ({ index: c.index, closedAt: at })), adds);
  });
}

const SplitShard: H['SplitShard'] = async (input, ctx) => {
  const index = indexOf(input.ShardToSplit, input, ctx);
  const f = await activeStream(ctx, input);
  const s = f.stream;
  const shard = await shardOf(ctx, f, index);
  const now = ctx.now.getTime();
  const id = shardId(index);
  if (!shardOpen(shard, now)) {
    throw invalidArgument(`Shard ${id} in stream ${s.name} under account ${s.accountId} has already been merged or split, and thus is not eligible for splitting.`);
  }
  const key = BigInt(input.NewStartingHashKey);
  const start = BigInt(shard.startingHashKey);
  const end = BigInt(shard.endingHashKey);
  if (!(key > start + 1n && key < end)) {
    throw invalidArgument(`NewStartingHashKey ${input.NewStartingHashKey} used in SplitShard() on shard ${id} in stream ${s.name} under account ${s.accountId} ` +
      `is not both greater than one plus the shard's StartingHashKey ${shard.startingHashKey} and less than the shard's EndingHashKey ${shard.endingHashKey}.`);
  }
  const usage = await ctx.store.streams.usage(s.accountId, s.region, now);
  const limit = shardLimit(s.region);
  if (s.mode === 'PROVISIONED' && usage.openShards + 1 > limit) throw shardLimitExceeded(s.accountId, s.region, usage.openShards, limit, 1);
  const at = now + stateMs(ctx);
  await reshard(ctx, s, [shard], [
    { index: s.nextShardIndex, parent: index, startingHashKey: shard.startingHashKey, endingHashKey: (key - 1n).toString(), createdAt: at },
    { index: s.nextShardIndex + 1, parent: index, startingHashKey: input.NewStartingHashKey, endingHashKey: shard.endingHashKey, createdAt: at },
  ], at);
};

const MergeShards: H['MergeShards'] = async (input, ctx) => {
  const a = indexOf(input.ShardToMerge, input, ctx);
  const b = indexOf(input.AdjacentShardToMerge, input, ctx);
  const f = await findStream(ctx, input);
  const s = f.stream;
  const [first, second] = [await shardOf(ctx, f, a), await shardOf(ctx, f, b)];
  const now = ctx.now.getTime();
  const adjacent = BigInt(first.endingHashKey) + 1n === BigInt(second.startingHashKey) || BigInt(second.endingHashKey) + 1n === BigInt(first.startingHashKey);
  if (a === b || !adjacent || !shardOpen(first, now) || !shardOpen(second, now)) {
    throw invalidArgument(`Shards ${shardId(a)} and ${shardId(b)} in stream ${s.name} under account ${s.accountId} are not an adjacent pair of shards eligible for merging`);
  }
  if (f.status !== 'ACTIVE') throw streamNotActive(s.name, s.accountId, f.status);
  const low = BigInt(first.startingHashKey) < BigInt(second.startingHashKey) ? first : second;
  const high = low === first ? second : first;
  const at = now + stateMs(ctx);
  await reshard(ctx, s, [first, second], [
    { index: s.nextShardIndex, parent: a, adjacentParent: b, startingHashKey: low.startingHashKey, endingHashKey: high.endingHashKey, createdAt: at },
  ], at);
};

const UpdateShardCount: H['UpdateShardCount'] = async (input, ctx) => {
  const f = await activeStream(ctx, input);
  const s = f.stream;
  if (s.mode !== 'PROVISIONED') throw invalidArgument(`UpdateShardCount is not supported for stream ${s.name} under account ${s.accountId}: it is in ON_DEMAND mode.`);
  const now = ctx.now.getTime();
  const open = (await ctx.store.streams.shards(s.id)).filter((sh) => shardOpen(sh, now)).sort((x, y) => (BigInt(x.startingHashKey) < BigInt(y.startingHashKey) ? -1 : 1));
  const target = input.TargetShardCount;
  const counts = `Current open shard count: ${open.length}, Target shard count: ${target}`;
  const usage = await ctx.store.streams.usage(s.accountId, s.region, now);
  const limit = Math.min(shardLimit(s.region), MAX_SHARDS_PER_STREAM);
  if (target > MAX_SHARDS_PER_STREAM || usage.openShards - open.length + target > shardLimit(s.region)) {
    throw limitExceeded(`Target shard count or number of open shards cannot be greater than ${limit}. ${counts}`);
  }
  if (target > open.length * 2) throw limitExceeded(`UpdateShardCount cannot scale up over double your current open shard count. ${counts}`);
  if (target < open.length / 2) throw limitExceeded(`UpdateShardCount cannot scale down below half your current open shard count. ${counts}`);
  const out = { StreamName: s.name, StreamARN: f.arn, CurrentShardCount: open.length, TargetShardCount: target };
  if (target === open.length) return out;
  const at = now + stateMs(ctx);
  // Each new shard's parents: the old shards holding its first and its last hash key (Kinesis's
  // splits and merges would give intermediate shards; rolegate links the new ones to the old directly).
  const holding = (key: bigint) => open.find((o) => BigInt(o.startingHashKey) <= key && key <= BigInt(o.endingHashKey))!;
  const adds = evenRanges(target).map((r, i): NewShard => {
    const parent = holding(r.start).index;
    const adjacent = holding(r.end > MAX_HASH_KEY ? MAX_HASH_KEY : r.end).index;
    return {
      index: s.nextShardIndex + i, parent, ...(adjacent !== parent ? { adjacentParent: adjacent } : {}),
      startingHashKey: r.start.toString(), endingHashKey: r.end.toString(), createdAt: at,
    };
  });
  await reshard(ctx, s, open, adds, at);
  return out;
};

export const shardHandlers: H = { ListShards, SplitShard, MergeShards, UpdateShardCount };
