// Writing records: PutRecord and PutRecords. Each record goes to the open shard whose hash-key range
// holds its partition key's MD5 (or its ExplicitHashKey), takes the next counter of that shard and
// is acknowledged only once committed. PutRecords reports each record's own result: a record the
// shard's throughput refuses fails alone, with ErrorCode and ErrorMessage, as Kinesis reports it.
import { ProvisionedThroughputExceededException, ValidationException } from '../../generated/kinesis/errors.js';
import type { Operations } from '../../generated/kinesis/operations.js';
import type { PutRecordsResultEntry } from '../../generated/kinesis/shapes.js';
import type { AppendEntry, ShardRecord } from '../../store/types.js';
import { shardId } from '../../shared/kinesis-names.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import { invalidArgument, rateExceeded, streamNotFound } from './errors.js';
import { explicitHashKey, hex32, partitionHashKey } from './hash-keys.js';
import { MAX_PUT_RECORDS_BYTES } from './limits.js';
import { writableStream, type Found } from './lookup.js';
import { parseSequenceNumber, sequenceNumber } from './sequence-numbers.js';
import { admitWrite } from './throughput.js';
import { recordsArrived } from './arrivals.js';

type H = ServiceHandlers<Operations>;

/** The open shards at a time, by their starting hash key, for a binary search by hash key. */
interface Router { shards: ShardRecord[]; starts: string[]; validFrom: number; validUntil: number }

/** The store hands out the same shard list until it changes: its router is built once per list and period. */
const routers = new WeakMap<readonly ShardRecord[], Router>();

function routerOf(all: readonly ShardRecord[], now: number): Router {
  const cached = routers.get(all);
  if (cached && cached.validFrom <= now && now < cached.validUntil) return cached;
  let validFrom = 0;
  let validUntil = Number.MAX_SAFE_INTEGER;
  const open: { shard: ShardRecord; start: string }[] = [];
  for (const s of all) {
    for (const t of [s.createdAt, s.closedAt ?? Number.MAX_SAFE_INTEGER]) {
      if (t <= now) validFrom = Math.max(validFrom, t);
      else validUntil = Math.min(validUntil, t);
    }
    if (s.createdAt <= now && (s.closedAt === undefined || now < s.closedAt)) open.push({ shard: s, start: hex32(BigInt(s.startingHashKey)) });
  }
  open.sort((a, b) => (a.start < b.start ? -1 : 1));
  const router = { shards: open.map((o) => o.shard), starts: open.map((o) => o.start), validFrom, validUntil };
  routers.set(all, router);
  return router;
}

/** The open shard holding `hash` (32 hex digits): the last one starting at or before it. */
function route(r: Router, hash: string): ShardRecord {
  let lo = 0;
  let hi = r.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (r.starts[mid] <= hash) lo = mid;
    else hi = mid - 1;
  }
  return r.shards[lo];
}

function hashOf(partitionKey: string, explicit: string | undefined): string {
  if (explicit === undefined) return partitionHashKey(partitionKey);
  const h = explicitHashKey(explicit);
  if (h === undefined) {
    throw invalidArgument(`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${explicit}`);
  }
  return h;
}

/** AWS words an oversized blob as its model validation does, naming Java's buffer. */
function tooLarge(paths: { path: string; length: number }[], max: number): ValidationException {
  const parts = paths.map((p) => `Value 'java.nio.HeapByteBuffer[pos=0 lim=${p.length} cap=${p.length}]' at '${p.path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  return new ValidationException(`${parts.length} validation error${parts.length === 1 ? '' : 's'} detected: ${parts.join('; ')}`);
}

interface Routed { entries: AppendEntry[]; shards: ShardRecord[]; failed: (PutRecordsResultEntry | undefined)[] }

/** Routes each record to its shard; those the shard's throughput refuses are failed instead. */
async function routeAll(ctx: HandlerContext, f: Found, records: readonly { Data: Uint8Array; PartitionKey: string; ExplicitHashKey?: string }[]): Promise<Routed> {
  const now = ctx.now.getTime();
  const router = routerOf(await ctx.store.streams.shards(f.stream.id), now);
  if (router.shards.length === 0) throw streamNotFound(f.stream.name, f.stream.accountId);
  const throttling = ctx.settings.kinesis.throttling;
  const out: Routed = { entries: [], shards: [], failed: new Array(records.length) };
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const shard = route(router, hashOf(r.PartitionKey, r.ExplicitHashKey));
    if (throttling && !admitWrite(f.stream.id, shard.index, r.Data.byteLength + Buffer.byteLength(r.PartitionKey), now)) {
      out.failed[i] = { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: rateExceeded(shardId(shard.index), f.stream.name, f.stream.accountId) };
      continue;
    }
    out.entries.push({ shard: shard.index, partitionKey: r.PartitionKey, data: r.Data });
    out.shards.push(shard);
  }
  return out;
}

async function append(ctx: HandlerContext, f: Found, entries: AppendEntry[]) {
  const now = ctx.now.getTime();
  const appended = await ctx.store.streamRecords.append(f.stream.id, now, entries, now - f.stream.retentionHours * 3_600_000);
  if (!appended) throw streamNotFound(f.stream.name, f.stream.accountId);
  recordsArrived(f.stream.id);
  return appended;
}

const PutRecord: H['PutRecord'] = async (input, ctx) => {
  const f = await writableStream(ctx, input);
  const s = f.stream;
  const max = s.maxRecordSizeKiB * 1024;
  if (input.Data.byteLength > max) throw tooLarge([{ path: 'data', length: input.Data.byteLength }], max);
  if (input.SequenceNumberForOrdering !== undefined && !parseSequenceNumber(input.SequenceNumberForOrdering)) {
    throw invalidArgument(`ExclusiveMinimumSequenceNumber ${input.SequenceNumberForOrdering} used in PutRecord on stream ${s.name} under account ${s.accountId} is invalid.`);
  }
  // Sequence numbers only grow within a shard, so SequenceNumberForOrdering's guarantee holds already.
  const routed = await routeAll(ctx, f, [input]);
  const refused = routed.failed[0];
  if (refused) throw new ProvisionedThroughputExceededException(refused.ErrorMessage!);
  const a = await append(ctx, f, routed.entries);
  const shard = routed.shards[0];
  return { ShardId: shardId(shard.index), SequenceNumber: sequenceNumber(shard.createdAt, shard.index, a.counters[0], a.arrivals[0]), EncryptionType: s.encryption };
};

const PutRecords: H['PutRecords'] = async (input, ctx) => {
  const f = await writableStream(ctx, input);
  const s = f.stream;
  const max = s.maxRecordSizeKiB * 1024;
  let total = 0;
  const oversized: { path: string; length: number }[] = [];
  for (let i = 0; i < input.Records.length; i++) {
    const r = input.Records[i];
    if (r.Data.byteLength > max) oversized.push({ path: `records.${i + 1}.member.data`, length: r.Data.byteLength });
    total += r.Data.byteLength + Buffer.byteLength(r.PartitionKey);
  }
  if (oversized.length) throw tooLarge(oversized, max);
  if (total > MAX_PUT_RECORDS_BYTES) throw invalidArgument('Records size exceeds 5 MB limit');
  const routed = await routeAll(ctx, f, input.Records);
  const a = routed.entries.length ? await append(ctx, f, routed.entries) : { counters: [], arrivals: [] };
  const results = new Array<PutRecordsResultEntry>(input.Records.length);
  let failedCount = 0;
  let j = 0;
  for (let i = 0; i < results.length; i++) {
    const failed = routed.failed[i];
    if (failed) {
      results[i] = failed;
      failedCount++;
      continue;
    }
    const shard = routed.shards[j];
    results[i] = { SequenceNumber: sequenceNumber(shard.createdAt, shard.index, a.counters[j], a.arrivals[j]), ShardId: shardId(shard.index) };
    j++;
  }
  return { FailedRecordCount: failedCount, Records: results, EncryptionType: s.encryption };
};

export const recordHandlers: H = { PutRecord, PutRecords };
