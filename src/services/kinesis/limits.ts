// Kinesis Data Streams' quotas, as data (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).

/** Shards per account and Region: 500 in US East (N. Virginia), US West (Oregon) and Europe (Ireland), 200 elsewhere. */
export const shardLimit = (region: string) => (region === 'us-east-1' || region === 'us-west-2' || region === 'eu-west-1' ? 500 : 200);
/** On-demand streams per account and Region. */
export const ON_DEMAND_STREAM_LIMIT = 50;
/** An on-demand stream starts with 4 MiB/s of write capacity: 4 shards. */
export const ON_DEMAND_INITIAL_SHARDS = 4;
/** Streams an account may have CREATING at once. */
export const MAX_CREATING_STREAMS = 5;
/** Shards of one stream UpdateShardCount may go up to. */
export const MAX_SHARDS_PER_STREAM = 10_000;
export const DEFAULT_RETENTION_HOURS = 24;
export const MIN_RETENTION_HOURS = 24;
export const MAX_RETENTION_HOURS = 8760;
/** Tags per stream or consumer. */
export const MAX_TAGS = 50;
/** PutRecords: the whole request's data and partition keys. */
export const MAX_PUT_RECORDS_BYTES = 5 * 1024 * 1024;
/** A record's data blob, unless the stream's MaxRecordSizeInKiB says more. */
export const DEFAULT_MAX_RECORD_KIB = 1024;
/** GetRecords answers at most this much data. */
export const MAX_GET_RECORDS_BYTES = 10 * 1024 * 1024;
export const DEFAULT_GET_RECORDS_LIMIT = 10_000;
/** A shard iterator is good for 5 minutes. */
export const ITERATOR_LIFETIME_MS = 300_000;
/** ListShards and ListStreamConsumers tokens are good for 5 minutes. */
export const NEXT_TOKEN_LIFETIME_MS = 300_000;
/** Consumers per stream, and consumers an account may have CREATING at once. */
export const MAX_CONSUMERS = 20;
export const MAX_CREATING_CONSUMERS = 5;
/** Per shard and second: writes of 1,000 records and 1 MiB; 5 GetRecords calls and 2 MiB read. */
export const SHARD_WRITE_RECORDS = 1000;
export const SHARD_WRITE_BYTES = 1024 * 1024;
export const SHARD_READ_CALLS = 5;
export const SHARD_READ_BYTES = 2 * 1024 * 1024;
/** A minimum throughput billing commitment lasts at least 24 hours (MinimumThroughputBillingCommitmentInput, API Reference). */
export const MIN_BILLING_COMMITMENT_MS = 24 * 3_600_000;
/** One SubscribeToShardEvent carries at most this many records and this much data. */
export const MAX_EVENT_RECORDS = 10_000;
export const MAX_EVENT_BYTES = 1024 * 1024;
