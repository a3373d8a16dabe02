// Kinesis streams through @aws-sdk/client-kinesis against a started rolegate: CreateStream
// (provisioned and on-demand), DescribeStream and its shard pages, DescribeStreamSummary,
// ListStreams, DeleteStream, DescribeLimits and the retention period; StreamARN in place of
// StreamName. Malformed input, errors, then behaviour.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStreamCommand, DecreaseStreamRetentionPeriodCommand, DeleteStreamCommand, DescribeLimitsCommand, DescribeStreamCommand,
  DescribeStreamSummaryCommand, IncreaseStreamRetentionPeriodCommand, ListStreamsCommand, RegisterStreamConsumerCommand,
} from '@aws-sdk/client-kinesis';
import { TEST_ACCOUNT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate({ env: { ROLEGATE_KINESIS_THROTTLING: 'off' } });
const arn = (name: string, region = 'us-east-1') => `arn:aws:kinesis:${region}:${TEST_ACCOUNT}:stream/${name}`;

describe('CreateStream: malformed input', () => {
  it('refuses a name outside [a-zA-Z0-9_.-]{1,128} and a shard count below 1 with ValidationException', async () => {
    const k = rg.server.kinesis();
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 'bad/name', ShardCount: 1 })), 'ValidationException', 400,
      "1 validation error detected: Value 'bad/name' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 'a'.repeat(129), ShardCount: 1 })), 'ValidationException', 400, /Member must have length less than or equal to 128/);
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 0 })), 'ValidationException', 400, /at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1/);
  });

  it('refuses a ShardCount with ON_DEMAND, and none with PROVISIONED, with InvalidArgumentException', async () => {
    const k = rg.server.kinesis();
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 2, StreamModeDetails: { StreamMode: 'ON_DEMAND' } })), 'InvalidArgumentException', 400,
      'ShardCount is not expected when StreamMode=ON_DEMAND');
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 's' })), 'InvalidArgumentException', 400, 'ShardCount is expected when StreamMode=PROVISIONED');
  });

  it('refuses more than 50 tags and tags with characters Kinesis does not allow', async () => {
    const k = rg.server.kinesis();
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1, Tags: tags })), 'InvalidArgumentException', 400, /cannot have more than 50 tags/);
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1, Tags: { 'bad*key': 'v' } })), 'InvalidArgumentException', 400, /Some tags contain invalid characters/);
  });
});

describe('CreateStream: errors', () => {
  it('answers ResourceInUseException for a name the account already has', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'events', ShardCount: 1 }));
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 'events', ShardCount: 1 })), 'ResourceInUseException', 400,
      `Stream events under account ${TEST_ACCOUNT} already exists.`);
  });

  it('answers LimitExceededException past the account\'s 500 shards in us-east-1, counting the shards it has', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'big', ShardCount: 400 }));
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 'bigger', ShardCount: 101 })), 'LimitExceededException', 400,
      new RegExp(`^This request would exceed the shard limit for the account ${TEST_ACCOUNT} in us-east-1\\. Current shard count for the account: 400\\. Limit: 500\\. Number of additional shards that would have resulted from this request: 101\\.`));
    await k.send(new CreateStreamCommand({ StreamName: 'fits', ShardCount: 100 }));
  });

  it('has a limit of 200 shards in other Regions', async () => {
    const k = rg.server.kinesis(undefined, 'ap-south-1');
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 'x', ShardCount: 201 })), 'LimitExceededException', 400, / Limit: 200\./);
    assert.equal((await k.send(new DescribeLimitsCommand({}))).ShardLimit, 200);
  });
});

describe('CreateStream and DescribeStream: behaviour', () => {
  it('lays a provisioned stream\'s shards evenly over the hash-key space and describes it as Kinesis does', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'three', ShardCount: 3 }));
    const d = (await k.send(new DescribeStreamCommand({ StreamName: 'three' }))).StreamDescription!;
    assert.equal(d.StreamARN, arn('three'));
    assert.equal(d.StreamStatus, 'ACTIVE');
    assert.deepEqual(d.StreamModeDetails, { StreamMode: 'PROVISIONED' });
    assert.equal(d.RetentionPeriodHours, 24);
    assert.deepEqual(d.EnhancedMonitoring, [{ ShardLevelMetrics: [] }]);
    assert.equal(d.EncryptionType, 'NONE');
    assert.equal(d.HasMoreShards, false);
    assert.deepEqual(d.Shards!.map((s) => [s.ShardId, s.HashKeyRange!.StartingHashKey, s.HashKeyRange!.EndingHashKey]), [
      ['shardId-000000000000', '0', '113427455640312821154458202477256070484'],
      ['shardId-000000000001', '113427455640312821154458202477256070485', '226854911280625642308916404954512140969'],
      ['shardId-000000000002', '226854911280625642308916404954512140970', '340282366920938463463374607431768211455'],
    ]);
    for (const s of d.Shards!) {
      assert.match(s.SequenceNumberRange!.StartingSequenceNumber!, /^\d{56}$/);
      assert.equal(s.SequenceNumberRange!.EndingSequenceNumber, undefined, 'open shards have no end');
    }
    assert.ok(Math.abs(d.StreamCreationTimestamp!.getTime() - Date.now()) < 10_000);
  });

  it('gives an on-demand stream 4 shards, as AWS does', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    const d = (await k.send(new DescribeStreamCommand({ StreamARN: arn('od') }))).StreamDescription!;
    assert.deepEqual(d.StreamModeDetails, { StreamMode: 'ON_DEMAND' });
    assert.equal(d.Shards!.length, 4);
    const limits = await k.send(new DescribeLimitsCommand({}));
    assert.deepEqual({ ...limits, $metadata: undefined }, { ShardLimit: 500, OpenShardCount: 0, OnDemandStreamCount: 1, OnDemandStreamCountLimit: 50, $metadata: undefined });
  });

  it('pages DescribeStream\'s shards with Limit and ExclusiveStartShardId, saying HasMoreShards', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'paged', ShardCount: 5 }));
    const first = (await k.send(new DescribeStreamCommand({ StreamName: 'paged', Limit: 2 }))).StreamDescription!;
    assert.deepEqual(first.Shards!.map((s) => s.ShardId), ['shardId-000000000000', 'shardId-000000000001']);
    assert.equal(first.HasMoreShards, true);
    const rest = (await k.send(new DescribeStreamCommand({ StreamName: 'paged', ExclusiveStartShardId: 'shardId-000000000001', Limit: 10 }))).StreamDescription!;
    assert.deepEqual(rest.Shards!.map((s) => s.ShardId), ['shardId-000000000002', 'shardId-000000000003', 'shardId-000000000004']);
    assert.equal(rest.HasMoreShards, false);
  });

  it('summarizes a stream with its open shards and consumers, by name or by ARN', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'sum', ShardCount: 2 }));
    await k.send(new RegisterStreamConsumerCommand({ StreamARN: arn('sum'), ConsumerName: 'app' }));
    for (const input of [{ StreamName: 'sum' }, { StreamARN: arn('sum') }, { StreamName: 'sum', StreamARN: arn('sum') }]) {
      const s = (await k.send(new DescribeStreamSummaryCommand(input))).StreamDescriptionSummary!;
      assert.equal(s.StreamARN, arn('sum'));
      assert.equal(s.OpenShardCount, 2);
      assert.equal(s.ConsumerCount, 1);
      assert.equal(s.MaxRecordSizeInKiB, 1024);
    }
  });
});

describe('Streams named by StreamName or StreamARN: errors', () => {
  it('answers ResourceNotFoundException for a stream the account does not have, naming it as Kinesis does', async () => {
    const k = rg.server.kinesis();
    await rejectsWith(k.send(new DescribeStreamCommand({ StreamName: 'nope' })), 'ResourceNotFoundException', 400, `Stream nope under account ${TEST_ACCOUNT} not found.`);
    await rejectsWith(k.send(new DescribeStreamSummaryCommand({ StreamARN: arn('nope') })), 'ResourceNotFoundException', 400, `Stream nope under account ${TEST_ACCOUNT} not found.`);
  });

  it('does not find a stream of another Region through this Region\'s endpoint', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'here', ShardCount: 1 }));
    await rejectsWith(k.send(new DescribeStreamCommand({ StreamARN: arn('here', 'eu-west-1') })), 'ResourceNotFoundException', 400);
    await rejectsWith(rg.server.kinesis(undefined, 'eu-west-1').send(new DescribeStreamCommand({ StreamName: 'here' })), 'ResourceNotFoundException', 400);
  });

  it('refuses a call that names no stream, or a StreamName and a StreamARN that differ, with InvalidArgumentException', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'one', ShardCount: 1 }));
    await rejectsWith(k.send(new DescribeStreamCommand({})), 'InvalidArgumentException', 400, 'Either StreamName or StreamARN should be provided.');
    await rejectsWith(k.send(new DescribeStreamCommand({ StreamName: 'two', StreamARN: arn('one') })), 'InvalidArgumentException', 400, /do not name the same stream/);
    await rejectsWith(k.send(new DescribeStreamCommand({ StreamARN: 'arn:aws:kinesis:us-east-1:111122223333:stream/' })), 'ValidationException', 400);
  });
});

describe('ListStreams', () => {
  it('lists names and summaries in name order, paging by Limit with NextToken or ExclusiveStartStreamName', async () => {
    const k = rg.server.kinesis();
    for (const n of ['c', 'a', 'b']) await k.send(new CreateStreamCommand({ StreamName: n, ShardCount: 1 }));
    const page = await k.send(new ListStreamsCommand({ Limit: 2 }));
    assert.deepEqual(page.StreamNames, ['a', 'b']);
    assert.equal(page.HasMoreStreams, true);
    assert.deepEqual(page.StreamSummaries!.map((s) => [s.StreamName, s.StreamARN, s.StreamStatus, s.StreamModeDetails?.StreamMode]), [
      ['a', arn('a'), 'ACTIVE', 'PROVISIONED'], ['b', arn('b'), 'ACTIVE', 'PROVISIONED'],
    ]);
    const next = await k.send(new ListStreamsCommand({ NextToken: page.NextToken }));
    assert.deepEqual(next.StreamNames, ['c']);
    assert.equal(next.HasMoreStreams, false);
    assert.equal(next.NextToken, undefined);
    assert.deepEqual((await k.send(new ListStreamsCommand({ ExclusiveStartStreamName: 'a' }))).StreamNames, ['b', 'c']);
  });

  it('lists only this account\'s streams in this Region', async () => {
    await rg.server.kinesis().send(new CreateStreamCommand({ StreamName: 'east', ShardCount: 1 }));
    assert.deepEqual((await rg.server.kinesis(undefined, 'eu-west-1').send(new ListStreamsCommand({}))).StreamNames, []);
  });
});

describe('DeleteStream', () => {
  it('deletes a stream (its name is free again) and answers ResourceNotFoundException after', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'gone', ShardCount: 1 }));
    await k.send(new DeleteStreamCommand({ StreamName: 'gone' }));
    await rejectsWith(k.send(new DescribeStreamCommand({ StreamName: 'gone' })), 'ResourceNotFoundException', 400);
    await rejectsWith(k.send(new DeleteStreamCommand({ StreamName: 'gone' })), 'ResourceNotFoundException', 400);
    await k.send(new CreateStreamCommand({ StreamName: 'gone', ShardCount: 2 }));
    assert.equal((await k.send(new DescribeStreamCommand({ StreamName: 'gone' }))).StreamDescription!.Shards!.length, 2);
  });

  it('refuses to delete a stream with registered consumers unless EnforceConsumerDeletion is set', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'fanout', ShardCount: 1 }));
    await k.send(new RegisterStreamConsumerCommand({ StreamARN: arn('fanout'), ConsumerName: 'c1' }));
    await rejectsWith(k.send(new DeleteStreamCommand({ StreamName: 'fanout' })), 'ResourceInUseException', 400, /has registered consumers/);
    await k.send(new DeleteStreamCommand({ StreamARN: arn('fanout'), EnforceConsumerDeletion: true }));
    await rejectsWith(k.send(new DescribeStreamCommand({ StreamName: 'fanout' })), 'ResourceNotFoundException', 400);
  });
});

describe('Retention period', () => {
  it('refuses periods outside 24–8760 hours and changes in the wrong direction, in Kinesis\'s words', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'r', ShardCount: 1 }));
    await rejectsWith(k.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'r', RetentionPeriodHours: 8761 })), 'InvalidArgumentException', 400,
      'Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.');
    await rejectsWith(k.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'r', RetentionPeriodHours: 23 })), 'InvalidArgumentException', 400,
      'Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.');
    await k.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'r', RetentionPeriodHours: 168 }));
    await rejectsWith(k.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'r', RetentionPeriodHours: 48 })), 'InvalidArgumentException', 400,
      'Requested retention period (48 hours) for stream r can not be shorter than existing retention period (168 hours). Use DecreaseRetentionPeriod API.');
    await rejectsWith(k.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'r', RetentionPeriodHours: 200 })), 'InvalidArgumentException', 400,
      'Requested retention period (200 hours) for stream r can not be longer than existing retention period (168 hours). Use IncreaseRetentionPeriod API.');
    await k.send(new DecreaseStreamRetentionPeriodCommand({ StreamARN: arn('r'), RetentionPeriodHours: 48 }));
    assert.equal((await k.send(new DescribeStreamSummaryCommand({ StreamName: 'r' }))).StreamDescriptionSummary!.RetentionPeriodHours, 48);
  });
});
