// A stream's, a shard's and a consumer's state at a time, derived from the times on their rows:
// nothing changes state later by itself, so a restart loses nothing and every node agrees.
import type { ConsumerRecord, ShardRecord, StreamRecord } from '../../store/types.js';

export type StreamStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';
export type ConsumerStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

/** The stream's status at `now`; undefined once its DELETING has ended (it is gone). */
export function streamStatus(s: StreamRecord, now: number): StreamStatus | undefined {
  if (s.goneAt !== undefined) return now < s.goneAt ? 'DELETING' : undefined;
  if (now < s.activeAt) return 'CREATING';
  if (now < s.updatingUntil) return 'UPDATING';
  return 'ACTIVE';
}

export function consumerStatus(c: ConsumerRecord, now: number): ConsumerStatus | undefined {
  if (c.goneAt !== undefined) return now < c.goneAt ? 'DELETING' : undefined;
  return now < c.activeAt ? 'CREATING' : 'ACTIVE';
}

/** A shard exists from its creation (the new shards of a reshard appear when the stream's UPDATING ends). */
export const shardExists = (s: ShardRecord, now: number) => s.createdAt <= now;

/** A shard takes records from its creation until it is closed. */
export const shardOpen = (s: ShardRecord, now: number) => s.createdAt <= now && (s.closedAt === undefined || now < s.closedAt);

/** A closed shard is no longer listed once its records are past retention (Kinesis expires it then). */
export const shardExpired = (s: ShardRecord, now: number, retentionHours: number) =>
  s.closedAt !== undefined && s.closedAt + retentionHours * 3_600_000 <= now;

/**
 * A closed shard reads as ended (GetRecords' NextShardIterator null) only this long after it
 * closed: a PutRecords received just before the close may still be committing into it.
 */
export const CLOSED_SHARD_SETTLE_MS = 1_000;
