// The Firehose aggregate's contract: delivery streams (their configuration as JSON the handlers
// own), each stream's durable buffer of records, the batches planned from it for delivery, the
// positions read in a Kinesis source, and the state of delivery. Engine-neutral: no SQL, no clock
// (times are arguments, milliseconds since the epoch).
export type DeliveryStreamType = 'DirectPut' | 'KinesisStreamAsSource';

export interface DeliveryStreamRecord {
  /** Random, per stream made: a stream deleted and made again under its name is another stream. */
  id: string;
  accountId: string;
  region: string;
  name: string;
  arn: string;
  type: DeliveryStreamType;
  /** Starts at 1, one more for every UpdateDestination. */
  versionId: number;
  createdAt: number;
  /** CREATING before this time, ACTIVE from it (a state derived from times, never set by a timer). */
  activeAt: number;
  /** The last UpdateDestination. */
  updatedAt?: number;
  /** Set by DeleteDeliveryStream: DELETING from `deletingAt`, gone (the name free again) from `goneAt`. */
  deletingAt?: number;
  goneAt?: number;
  source?: { kinesisStreamArn: string; roleArn: string };
  directPut?: { throughputHintInMBs: number };
  /** The destination's id and its ExtendedS3DestinationDescription, as the handlers keep it. */
  destinationId: string;
  destination: Record<string, unknown>;
  /** Server-side encryption of the stream's data at rest (Start/StopDeliveryStreamEncryption). */
  encryption: { enabled: boolean; keyType?: 'AWS_OWNED_CMK' | 'CUSTOMER_MANAGED_CMK'; keyArn?: string; settlesAt?: number };
  /** Firehose's tags may have no value. */
  tags: { Key: string; Value?: string }[];
}

/** The last delivery failure, shown until a delivery succeeds. Kept by the store beside the record. */
export interface DeliveryFailure {
  /** As Firehose's CloudWatch error logs name it: S3.AccessDenied, S3.NoSuchBucket, InternalError … */
  code: string;
  message: string;
  /** The first failure of the current run of failures, and the latest. */
  since: number;
  at: number;
}

export interface DeliveryState {
  failure?: DeliveryFailure;
  /** Records acknowledged and not yet delivered (nor dropped), and their bytes. */
  bufferedRecords: number;
  bufferedBytes: number;
  deliveredRecords: number;
  deliveredObjects: number;
  /** Records dropped after failing for longer than the retry duration. */
  droppedRecords: number;
}

export interface NewRecord {
  data: Uint8Array;
  arrivedAt: number;
}

/** A record's place and size in a stream's buffer; `seq` grows with every record appended (not one by one). */
export interface BufferedRecordInfo {
  seq: number;
  size: number;
  arrivedAt: number;
}

/**
 * A batch of consecutive buffered records planned as one S3 object. Everything that decides the
 * object (bucket, key, compression, the records) is fixed when it is planned, so delivering it
 * again after a crash writes the same object under the same key.
 */
export interface DeliveryBatch {
  streamId: string;
  /** Grows per stream. */
  batchId: number;
  firstSeq: number;
  lastSeq: number;
  records: number;
  bytes: number;
  oldestArrival: number;
  bucket: string;
  key: string;
  compression: 'UNCOMPRESSED' | 'GZIP';
  plannedAt: number;
}

/** How far a Kinesis source's shard has been read. */
export interface ShardPosition {
  shardId: string;
  /** The last record read; absent before the first. */
  sequenceNumber?: string;
  /** The shard is closed and read to its end. */
  isFinished: boolean;
}

export interface DeliveryStreamListOptions {
  type?: DeliveryStreamType;
  /** Exclusive: names after this one, in byte order. */
  after?: string;
  limit: number;
}

export interface FirehoseTable {
  /** `false` when the account already has a stream of that name in the region. */
  create(s: DeliveryStreamRecord): Promise<boolean>;
  get(accountId: string, region: string, name: string): Promise<DeliveryStreamRecord | undefined>;
  getById(id: string): Promise<DeliveryStreamRecord | undefined>;
  /** Replaces the stream's record (found by id); `false` when it is gone. */
  put(s: DeliveryStreamRecord): Promise<boolean>;
  /** The stream, its buffer, batches, positions and delivery state, gone for good. */
  remove(id: string): Promise<boolean>;
  /** By name in byte order, up to one more than `limit`, so the caller knows whether more follow. */
  list(accountId: string, region: string, o: DeliveryStreamListOptions): Promise<DeliveryStreamRecord[]>;
  /**
   * Appends records to the stream's buffer in one engine transaction (nested in the store
   * transaction it is called in, if any), with the source positions they were read at; answers
   * their seqs and the buffer as it is after them. Nothing is appended when the stream is gone.
   */
  append(streamId: string, records: readonly NewRecord[], positions?: readonly ShardPosition[]): Promise<{ seqs: number[]; bufferedRecords: number; bufferedBytes: number } | undefined>;
  /** The buffered records after `afterSeq` (all when absent), by seq, up to `limit`. */
  scan(streamId: string, afterSeq: number | undefined, limit: number): Promise<BufferedRecordInfo[]>;
  /** The data of the records from `firstSeq` to `lastSeq`, by seq. */
  read(streamId: string, firstSeq: number, lastSeq: number): Promise<Buffer[]>;
  /** Records a planned batch; `false` when the stream is gone or already has one pending. */
  plan(batch: DeliveryBatch): Promise<boolean>;
  /** The batch planned and not yet delivered or dropped. */
  pending(streamId: string): Promise<DeliveryBatch | undefined>;
  /**
   * Ends the pending batch in one engine transaction: its records — every record up to its last, as
   * a batch starts at the head of the buffer — leave the buffer, the counters move, and, when
   * delivered, the failure is cleared. `false` when it is not the pending batch.
   */
  finish(streamId: string, batchId: number, outcome: 'delivered' | 'dropped', at: number): Promise<boolean>;
  /** Records (or, with undefined, clears) the stream's last failure; a failure keeps the `since` of the one it follows. */
  fail(streamId: string, failure: { code: string; message: string; at: number } | undefined): Promise<void>;
  state(streamId: string): Promise<DeliveryState | undefined>;
  positions(streamId: string): Promise<ShardPosition[]>;
  /** The stream's buffer, batches and positions emptied (a deleted stream's data goes with it). */
  discard(streamId: string): Promise<void>;
}
