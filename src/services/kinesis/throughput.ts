// Each shard's throughput limits, as token buckets refilled once a second's worth per second:
// writes of 1,000 records and 1 MiB, reads of 5 GetRecords calls and 2 MiB. The buckets are this
// process's memory, keyed by stream id and shard; they only ever refuse, never store anything.
import { SHARD_READ_BYTES, SHARD_READ_CALLS, SHARD_WRITE_BYTES, SHARD_WRITE_RECORDS } from './limits.js';

interface Bucket { at: number; records: number; bytes: number; calls: number; readBytes: number }

const buckets = new Map<string, Bucket>();
/** Buckets idle for a second are full again: past this many, those are dropped. */
const MAX_BUCKETS = 100_000;

function bucketOf(streamId: number, shard: number, now: number): Bucket {
  const key = `${streamId}/${shard}`;
  let b = buckets.get(key);
  if (b === undefined) {
    if (buckets.size >= MAX_BUCKETS) for (const [k, old] of buckets) if (now - old.at >= 1000) buckets.delete(k);
    b = { at: now, records: SHARD_WRITE_RECORDS, bytes: SHARD_WRITE_BYTES, calls: SHARD_READ_CALLS, readBytes: SHARD_READ_BYTES };
    buckets.set(key, b);
    return b;
  }
  const elapsed = now - b.at;
  if (elapsed > 0) {
    const f = elapsed / 1000;
    b.records = Math.min(SHARD_WRITE_RECORDS, b.records + f * SHARD_WRITE_RECORDS);
    b.bytes = Math.min(SHARD_WRITE_BYTES, b.bytes + f * SHARD_WRITE_BYTES);
    b.calls = Math.min(SHARD_READ_CALLS, b.calls + f * SHARD_READ_CALLS);
    b.readBytes = Math.min(SHARD_READ_BYTES, b.readBytes + f * SHARD_READ_BYTES);
    b.at = now;
  }
  return b;
}

/** Takes one record of `bytes` from the shard's write allowance; false when it has none left this second. */
export function admitWrite(streamId: number, shard: number, bytes: number, now: number): boolean {
  const b = bucketOf(streamId, shard, now);
  if (b.records < 1 || b.bytes < bytes) return false;
  b.records -= 1;
  b.bytes -= bytes;
  return true;
}

/** Takes one GetRecords call; false when the shard has served 5 this second or read more than its 2 MiB. */
export function admitRead(streamId: number, shard: number, now: number): boolean {
  const b = bucketOf(streamId, shard, now);
  if (b.calls < 1 || b.readBytes <= 0) return false;
  b.calls -= 1;
  return true;
}

/** Counts what a GetRecords call returned against the shard's read bytes (a 10 MiB answer holds the shard off for about 5 seconds). */
export function chargeRead(streamId: number, shard: number, bytes: number, now: number): void {
  bucketOf(streamId, shard, now).readBytes -= bytes;
}
