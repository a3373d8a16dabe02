// Kinesis Data Streams' aggregates' contract: streams with their shards and consumers, and the
// records of each shard. Engine-neutral: no SQL and no clock (times are arguments, milliseconds
// since the epoch). A stream's states (CREATING, UPDATING, DELETING) are times stored on its row,
// from which the handlers derive the state when they read it; nothing here runs later by itself.

/** A data stream, as its owner's account holds it in one Region. */
export interface StreamRecord {
  /** Assigned by the store on create and never reused, so nothing naming a deleted stream reaches a new one of the same name. */
  id: number;
  accountId: string;
  region: string;
  name: string;
  createdAt: number;
  /** CREATING before this time, then ACTIVE. */
  activeAt: number;
  /** UPDATING before this time (a reshard, a mode or encryption change); 0 when never updated. */
  updatingUntil: number;
  /** Set by DeleteStream: DELETING before this time, gone after it. */
  goneAt?: number;
  mode: 'PROVISIONED' | 'ON_DEMAND';
  retentionHours: number;
  encryption: 'NONE' | 'KMS';
  keyId?: string;
  shardLevelMetrics: string[];
  /** Tag keys in the order they were first set. */
  tags: Record<string, string>;
  maxRecordSizeKiB: number;
  warmThroughputMiBps?: number;
  /** The resource-based policy attached to the stream, as given. */
  policy?: string;
  /** The index the stream's next new shard takes (shardId-000000000007 is index 7). */
  nextShardIndex: number;
}

/** A shard: its hash-key range as decimal strings (0 … 2^128 − 1), and when it opened and closed. */
export interface ShardRecord {
  streamId: number;
  index: number;
  parent?: number;
  adjacentParent?: number;
  startingHashKey: string;
  endingHashKey: string;
  /** The shard exists (is listed, takes records) from this time. */
  createdAt: number;
  /** The shard takes no record from this time on (a split, a merge or a rescale closed it). */
  closedAt?: number;
}

/**
 * A shard's newest record: its counter (its position in the shard; 0 before the first record) and
 * arrival time (0 before the first). Counters only grow, past trimmed records too, and arrivals
 * never go back within a shard.
 */
export interface ShardTip {
  counter: number;
  arrival: number;
}

/** An enhanced fan-out consumer registered with a stream. */
export interface ConsumerRecord {
  streamId: number;
  name: string;
  createdAt: number;
  /** CREATING before this time, then ACTIVE. */
  activeAt: number;
  /** Set by DeregisterStreamConsumer: DELETING before this time, gone after it. */
  goneAt?: number;
  tags: Record<string, string>;
  policy?: string;
}

/** One record to append, already routed to its shard. */
export interface AppendEntry {
  shard: number;
  partitionKey: string;
  data: Uint8Array;
}

/** Where each appended record went: its counter in its shard and its arrival time there. */
export interface Appended {
  counters: number[];
  arrivals: number[];
}

/** A record as read back. */
export interface StoredRecord {
  counter: number;
  arrival: number;
  partitionKey: string;
  data: Buffer;
}

export interface ReadOptions {
  /** The first counter to read. */
  from: number;
  /** Records that arrived before this time are not read (the retention period, an AT_TIMESTAMP iterator). */
  notBefore: number;
  limit: number;
  /** The records read stop before their data would pass this many bytes (one record is always read). */
  maxBytes: number;
}

export interface ReadResult {
  records: StoredRecord[];
  /** The first record after those read, when there is one. */
  next?: { counter: number; arrival: number };
}

export interface StreamTable {
  /**
   * Creates the stream and its first shards in one transaction. Undefined when the account already
   * has a stream of that name in the Region; one whose DELETING ended before `now` does not count (it
   * is removed, with everything it held).
   */
  create(s: Omit<StreamRecord, 'id'>, shards: Omit<ShardRecord, 'streamId'>[], now: number): Promise<StreamRecord | undefined>;
  /** The stream by name, whatever its state (a gone one included until it is removed). The record may be shared with other callers: it is read-only. */
  get(accountId: string, region: string, name: string): Promise<StreamRecord | undefined>;
  /** Replaces an existing stream's record; false when there is none. */
  put(s: StreamRecord): Promise<boolean>;
  /** An account's streams in a Region by name, after `after`, leaving out those gone before `now`. */
  list(accountId: string, region: string, o: { after?: string; max: number; now: number }): Promise<StreamRecord[]>;
  /** Removes the stream, its shards, records and consumers. */
  remove(streamId: number): Promise<void>;
  /** Removes the stream's records and consumers and keeps its row and shards (a DELETING stream). */
  clear(streamId: number): Promise<void>;
  /** The stream's shards by index. The list may be shared with other callers: it is read-only. */
  shards(streamId: number): Promise<readonly ShardRecord[]>;
  /** Closes shards at their `closedAt` and adds new ones, in one transaction. */
  reshard(streamId: number, closes: { index: number; closedAt: number }[], adds: Omit<ShardRecord, 'streamId'>[]): Promise<void>;
  /** Across an account's streams in a Region that are not gone at `now`: open shards of provisioned streams, on-demand streams, streams still CREATING. */
  usage(accountId: string, region: string, now: number): Promise<{ openShards: number; onDemandStreams: number; creating: number }>;
  consumers(streamId: number): Promise<ConsumerRecord[]>;
  getConsumer(streamId: number, name: string): Promise<ConsumerRecord | undefined>;
  /** Adds or replaces a consumer (a gone one's name is free again). */
  putConsumer(c: ConsumerRecord): Promise<void>;
  removeConsumer(streamId: number, name: string): Promise<void>;
}

export interface StreamRecordTable {
  /**
   * Appends records to their shards, in order, committed before it resolves: each shard's counter
   * grows by one per record and its arrival time is `arrival`, or the shard's newest if later.
   * Records that arrived before `trimBefore` may be removed on the way (retention). Undefined when
   * the stream is gone or deleting. The entries' shards are the caller's choice: it routes them.
   */
  append(streamId: number, arrival: number, entries: AppendEntry[], trimBefore: number): Promise<Appended | undefined>;
  /** The shard's newest record. */
  tip(streamId: number, shard: number): Promise<ShardTip>;
  /** A shard's records by counter from `o.from`. */
  read(streamId: number, shard: number, o: ReadOptions): Promise<ReadResult>;
  /** The counter of the shard's first record that arrived at `arrival` or later (undefined: none yet). */
  firstArrivedAt(streamId: number, shard: number, arrival: number): Promise<number | undefined>;
}
