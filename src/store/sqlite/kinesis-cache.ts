// What the Kinesis tables on SQLite keep in memory for the hot path: streams by name, each stream's
// shard list and each shard's newest record (the next counter). This process is the only writer of its file, so
// they stay true; whatever may have rolled back empties them, and they are read again from the rows.
import type { ShardRecord, ShardTip, StreamRecord } from '../contract/kinesis.js';
import type { RowCache } from './row-cache.js';

export class KinesisCache {
  /** By `${accountId}/${region}/${name}`, frozen: callers copy to change one. */
  readonly streams = new Map<string, StreamRecord>();
  readonly shards = new Map<number, readonly ShardRecord[]>();
  /** By `${streamId}/${shard}`. */
  readonly tips = new Map<string, ShardTip>();

  constructor(rows: RowCache) {
    rows.onClear(() => this.clear());
  }

  /** After a change to the stream's shards, or its removal. */
  forget(streamId: number): void {
    this.shards.delete(streamId);
    for (const key of this.tips.keys()) if (key.startsWith(`${streamId}/`)) this.tips.delete(key);
  }

  clear(): void {
    this.streams.clear();
    this.shards.clear();
    this.tips.clear();
  }
}
