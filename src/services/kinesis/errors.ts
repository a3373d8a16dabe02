// Kinesis's errors in its own words (recorded against AWS by kinesalite, and the API Reference),
// each with the stream and account it names. All are 400, as Kinesis answers its modelled errors.
import {
  ExpiredIteratorException, InvalidArgumentException, LimitExceededException, ProvisionedThroughputExceededException,
  ResourceInUseException, ResourceNotFoundException,
} from '../../generated/kinesis/errors.js';

export const streamNotFound = (name: string, accountId: string) =>
  new ResourceNotFoundException(`Stream ${name} under account ${accountId} not found.`);

export const streamNotActive = (name: string, accountId: string, status: string) =>
  new ResourceInUseException(`Stream ${name} under account ${accountId} not ACTIVE, instead in state ${status}`);

export const streamExists = (name: string, accountId: string) =>
  new ResourceInUseException(`Stream ${name} under account ${accountId} already exists.`);

export const shardNotFound = (shard: string, name: string, accountId: string) =>
  new ResourceNotFoundException(`Could not find shard ${shard} in stream ${name} under account ${accountId}.`);

export const shardDoesNotExist = (shard: string, name: string, accountId: string) =>
  new ResourceNotFoundException(`Shard ${shard} in stream ${name} under account ${accountId} does not exist`);

export const invalidArgument = (message: string) => new InvalidArgumentException(message);

export const invalidShardIterator = () => new InvalidArgumentException('Invalid ShardIterator.');

export const limitExceeded = (message: string) => new LimitExceededException(message);

/** CreateStream, SplitShard and UpdateShardCount past the account's shard limit in the Region. */
export const shardLimitExceeded = (accountId: string, region: string, current: number, limit: number, more: number) => limitExceeded(
  `This request would exceed the shard limit for the account ${accountId} in ${region}. Current shard count for the account: ${current}. ` +
    `Limit: ${limit}. Number of additional shards that would have resulted from this request: ${more}. Refer to the AWS Service Limits page ` +
    '(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.',
);

export const rateExceeded = (shard: string, name: string, accountId: string) =>
  `Rate exceeded for shard ${shard} in stream ${name} under account ${accountId}.`;

export const throughputExceeded = (shard: string, name: string, accountId: string) =>
  new ProvisionedThroughputExceededException(rateExceeded(shard, name, accountId));


/** "Thu Jan 22 01:22:02 UTC 2015", as Kinesis writes times in this message. */
function amzUtc(ms: number): string {
  const m = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/.exec(new Date(ms).toUTCString())!;
  return `${m[1]} ${m[3]} ${m[2]} ${m[5]} UTC ${m[4]}`;
}

export const iteratorExpired = (issuedAt: number, now: number, toleratedMs: number) => new ExpiredIteratorException(
  `Iterator expired. The iterator was created at time ${amzUtc(issuedAt)} while right now it is ${amzUtc(now)} which is further in the future than the tolerated delay of ${toleratedMs} milliseconds.`,
);
