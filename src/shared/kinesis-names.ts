// The names Kinesis Data Streams' resources go by: stream and consumer ARNs, and shard ids. Parsing
// and formatting only; the services and the authorization map both read them.

export interface StreamName {
  partition: string;
  region: string;
  accountId: string;
  name: string;
}

export interface ConsumerName extends StreamName {
  consumerName: string;
  /** The consumer's creation time in seconds since the epoch, as its ARN ends. */
  createdSeconds: number;
}

const STREAM_ARN = /^arn:(aws[a-z-]*):kinesis:([a-z0-9-]+):(\d{12}):stream\/([a-zA-Z0-9_.-]{1,128})$/;
const CONSUMER_ARN = /^arn:(aws[a-z-]*):kinesis:([a-z0-9-]+):(\d{12}):stream\/([a-zA-Z0-9_.-]{1,128})\/consumer\/([a-zA-Z0-9_.-]{1,128}):(\d{1,12})$/;

export const streamArn = (s: StreamName): string => `arn:${s.partition}:kinesis:${s.region}:${s.accountId}:stream/${s.name}`;

export const consumerArn = (c: ConsumerName): string => `${streamArn(c)}/consumer/${c.consumerName}:${c.createdSeconds}`;

/** `arn:aws:kinesis:REGION:ACCOUNT:stream/NAME`, or undefined. */
export function parseStreamArn(arn: string): StreamName | undefined {
  const m = STREAM_ARN.exec(arn);
  return m ? { partition: m[1], region: m[2], accountId: m[3], name: m[4] } : undefined;
}

/** `arn:aws:kinesis:REGION:ACCOUNT:stream/NAME/consumer/CONSUMER:SECONDS`, or undefined. */
export function parseConsumerArn(arn: string): ConsumerName | undefined {
  const m = CONSUMER_ARN.exec(arn);
  return m ? { partition: m[1], region: m[2], accountId: m[3], name: m[4], consumerName: m[5], createdSeconds: Number(m[6]) } : undefined;
}

/** `shardId-000000000007` for index 7: twelve digits, as Kinesis names its shards. */
export const shardId = (index: number): string => `shardId-${String(index).padStart(12, '0')}`;

/** Shard indexes go up to Java's Integer.MAX_VALUE, as Kinesis reads them. */
const MAX_SHARD_INDEX = 2147483647;

/**
 * The index a ShardId names. Kinesis reads the digits after the dash (`shardId-000000000001`,
 * `shard-1` and `anything-1` all name shard 1) or the whole id when it has no dash (`1`); undefined
 * when they are not digits or too large.
 */
export function shardIndexOf(id: string): number | undefined {
  const dash = id.indexOf('-');
  const digits = dash < 0 ? id : id.slice(dash + 1);
  if (!/^\d{1,19}$/.test(digits)) return undefined;
  const n = Number(digits);
  return n <= MAX_SHARD_INDEX ? n : undefined;
}
