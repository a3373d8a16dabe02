// Shards through @aws-sdk/client-kinesis: ListShards (filters, pages, tokens), SplitShard,
// MergeShards and UpdateShardCount, and what resharding leaves: closed parents with their records and
// an EndingSequenceNumber, children that take the new records, GetRecords ending a closed shard with
// no next iterator and its children.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, MergeShardsCommand, PutRecordCommand,
  SplitShardCommand, UpdateShardCountCommand, type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { TEST_ACCOUNT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate({ env: { ROLEGATE_KINESIS_THROTTLING: 'off' } });
const id = (n: number) => `shardId-${String(n).padStart(12, '0')}`;
const MAX = '340282366920938463463374607431768211455';

async function shards(k: KinesisClient, name: string, extra: object = {}) {
  return (await k.send(new ListShardsCommand({ StreamName: name, ...extra }))).Shards!;
}

describe('ListShards', () => {
  it('needs a stream or a NextToken, not both, and refuses a token it did not hand out', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 3 }));
    await rejectsWith(k.send(new ListShardsCommand({})), 'InvalidArgumentException', 400, 'Either NextToken or StreamName should be provided.');
    const page = await k.send(new ListShardsCommand({ StreamName: 's', MaxResults: 1 }));
    await rejectsWith(k.send(new ListShardsCommand({ StreamName: 's', NextToken: page.NextToken })), 'InvalidArgumentException', 400, 'NextToken and StreamName cannot be provided together.');
    await rejectsWith(k.send(new ListShardsCommand({ NextToken: 'bm90LWEtdG9rZW4' })), 'InvalidArgumentException', 400);
    await rejectsWith(k.send(new ListShardsCommand({ StreamName: 's', ShardFilter: { Type: 'AFTER_SHARD_ID' } })), 'InvalidArgumentException', 400);
    await rejectsWith(k.send(new ListShardsCommand({ StreamName: 'nope' })), 'ResourceNotFoundException', 400);
  });

  it('pages by MaxResults and NextToken, and starts after ExclusiveStartShardId', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 5 }));
    const first = await k.send(new ListShardsCommand({ StreamName: 's', MaxResults: 2 }));
    assert.deepEqual(first.Shards!.map((s) => s.ShardId), [id(0), id(1)]);
    const second = await k.send(new ListShardsCommand({ NextToken: first.NextToken, MaxResults: 2 }));
    assert.deepEqual(second.Shards!.map((s) => s.ShardId), [id(2), id(3)]);
    const last = await k.send(new ListShardsCommand({ NextToken: second.NextToken }));
    assert.deepEqual(last.Shards!.map((s) => s.ShardId), [id(4)]);
    assert.equal(last.NextToken, undefined);
    assert.deepEqual((await shards(k, 's', { ExclusiveStartShardId: id(2) })).map((s) => s.ShardId), [id(3), id(4)]);
    assert.deepEqual((await shards(k, 's', { ShardFilter: { Type: 'AFTER_SHARD_ID', ShardId: id(3) } })).map((s) => s.ShardId), [id(4)]);
  });

  it('filters by the shards open now (AT_LATEST), at the trim horizon, and at or from a time', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1 }));
    await new Promise((r) => setTimeout(r, 20));
    const beforeSplit = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await k.send(new SplitShardCommand({ StreamName: 's', ShardToSplit: id(0), NewStartingHashKey: '1000' }));
    const ids = async (filter: object) => (await shards(k, 's', { ShardFilter: filter })).map((s) => s.ShardId);
    assert.deepEqual(await ids({ Type: 'AT_LATEST' }), [id(1), id(2)]);
    assert.deepEqual(await ids({ Type: 'AT_TRIM_HORIZON' }), [id(0)]);
    assert.deepEqual(await ids({ Type: 'FROM_TRIM_HORIZON' }), [id(0), id(1), id(2)]);
    assert.deepEqual(await ids({ Type: 'AT_TIMESTAMP', Timestamp: beforeSplit }), [id(0)]);
    assert.deepEqual(await ids({ Type: 'FROM_TIMESTAMP', Timestamp: new Date() }), [id(1), id(2)]);
    assert.deepEqual(await ids({ Type: 'FROM_TIMESTAMP', Timestamp: beforeSplit }), [id(0), id(1), id(2)]);
  });
});

describe('SplitShard', () => {
  it('refuses a hash key not strictly inside the shard, and a shard that does not exist, in Kinesis\'s words', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 3 }));
    await rejectsWith(k.send(new SplitShardCommand({ StreamName: 's', ShardToSplit: 'shard-0', NewStartingHashKey: '1' })), 'InvalidArgumentException', 400,
      `NewStartingHashKey 1 used in SplitShard() on shard ${id(0)} in stream s under account ${TEST_ACCOUNT} is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey 113427455640312821154458202477256070484.`);
    await rejectsWith(k.send(new SplitShardCommand({ StreamName: 's', ShardToSplit: id(0), NewStartingHashKey: '113427455640312821154458202477256070484' })), 'InvalidArgumentException', 400);
    await rejectsWith(k.send(new SplitShardCommand({ StreamName: 's', ShardToSplit: 'shardId-5', NewStartingHashKey: '2' })), 'ResourceNotFoundException', 400,
      `Could not find shard ${id(5)} in stream s under account ${TEST_ACCOUNT}.`);
    await rejectsWith(k.send(new SplitShardCommand({ StreamName: 'nope', ShardToSplit: '2147483648', NewStartingHashKey: '2' })), 'ResourceNotFoundException', 400,
      `Could not find shard 2147483648 in stream nope under account ${TEST_ACCOUNT}.`);
  });

  it('closes the parent with an EndingSequenceNumber, keeps its records readable to its end, and gives the new records to its children', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1 }));
    const before = await k.send(new PutRecordCommand({ StreamName: 's', Data: Buffer.from('before'), PartitionKey: 'k', ExplicitHashKey: '5' }));
    const parentIterator = (await k.send(new GetShardIteratorCommand({ StreamName: 's', ShardId: id(0), ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator!;
    await k.send(new SplitShardCommand({ StreamName: 's', ShardToSplit: id(0), NewStartingHashKey: '1000' }));
    const after = await k.send(new PutRecordCommand({ StreamName: 's', Data: Buffer.from('after'), PartitionKey: 'k', ExplicitHashKey: '5' }));
    const list = await shards(k, 's');
    assert.deepEqual(list.map((s) => [s.ShardId, s.ParentShardId, s.HashKeyRange!.StartingHashKey, s.HashKeyRange!.EndingHashKey]), [
      [id(0), undefined, '0', MAX], [id(1), id(0), '0', '999'], [id(2), id(0), '1000', MAX],
    ]);
    const end = list[0].SequenceNumberRange!.EndingSequenceNumber!;
    assert.ok(BigInt(before.SequenceNumber!) < BigInt(end));
    assert.equal(before.ShardId, id(0));
    assert.equal(after.ShardId, id(1));

    const first = await k.send(new GetRecordsCommand({ ShardIterator: parentIterator }));
    assert.deepEqual(first.Records!.map((r) => Buffer.from(r.Data!).toString()), ['before']);
    // A closed shard reads as ended a moment after it closed (a write received before the close may still be committing).
    await new Promise((r) => setTimeout(r, 1100));
    const ended = await k.send(new GetRecordsCommand({ ShardIterator: first.NextShardIterator! }));
    assert.deepEqual(ended.Records, []);
    assert.equal(ended.NextShardIterator, undefined);
    assert.deepEqual(ended.ChildShards!.map((c) => [c.ShardId, c.ParentShards, c.HashKeyRange!.StartingHashKey]), [[id(1), [id(0)], '0'], [id(2), [id(0)], '1000']]);
    await rejectsWith(k.send(new SplitShardCommand({ StreamName: 's', ShardToSplit: id(0), NewStartingHashKey: '500' })), 'InvalidArgumentException', 400, /has already been merged or split/);
  });
});

describe('MergeShards', () => {
  it('refuses shards that are not adjacent and open', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 3 }));
    await rejectsWith(k.send(new MergeShardsCommand({ StreamName: 's', ShardToMerge: id(0), AdjacentShardToMerge: id(2) })), 'InvalidArgumentException', 400,
      `Shards ${id(0)} and ${id(2)} in stream s under account ${TEST_ACCOUNT} are not an adjacent pair of shards eligible for merging`);
    await rejectsWith(k.send(new MergeShardsCommand({ StreamName: 's', ShardToMerge: id(0), AdjacentShardToMerge: id(9) })), 'ResourceNotFoundException', 400);
  });

  it('closes both shards and makes one child over their union, with both as parents', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 3 }));
    await k.send(new MergeShardsCommand({ StreamName: 's', ShardToMerge: id(2), AdjacentShardToMerge: id(1) }));
    const list = await shards(k, 's');
    const child = list.find((s) => s.ShardId === id(3))!;
    assert.equal(child.ParentShardId, id(2));
    assert.equal(child.AdjacentParentShardId, id(1));
    assert.deepEqual(child.HashKeyRange, { StartingHashKey: '113427455640312821154458202477256070485', EndingHashKey: MAX });
    assert.ok(list[1].SequenceNumberRange!.EndingSequenceNumber && list[2].SequenceNumberRange!.EndingSequenceNumber);
    const put = await k.send(new PutRecordCommand({ StreamName: 's', Data: Buffer.from('x'), PartitionKey: 'k', ExplicitHashKey: MAX }));
    assert.equal(put.ShardId, id(3));
  });
});

describe('UpdateShardCount', () => {
  it('refuses more than double or less than half the open shards, and more than the account\'s shard limit', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 4 }));
    await rejectsWith(k.send(new UpdateShardCountCommand({ StreamName: 's', TargetShardCount: 9, ScalingType: 'UNIFORM_SCALING' })), 'LimitExceededException', 400,
      'UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 4, Target shard count: 9');
    await rejectsWith(k.send(new UpdateShardCountCommand({ StreamName: 's', TargetShardCount: 1, ScalingType: 'UNIFORM_SCALING' })), 'LimitExceededException', 400,
      'UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: 4, Target shard count: 1');
    await k.send(new CreateStreamCommand({ StreamName: 'big', ShardCount: 300 }));
    await rejectsWith(k.send(new UpdateShardCountCommand({ StreamName: 'big', TargetShardCount: 600, ScalingType: 'UNIFORM_SCALING' })), 'LimitExceededException', 400,
      /^Target shard count or number of open shards cannot be greater than 500\./);
    await rejectsWith(k.send(new UpdateShardCountCommand({ StreamName: 's', TargetShardCount: 0, ScalingType: 'UNIFORM_SCALING' })), 'ValidationException', 400);
  });

  it('replaces the open shards by evenly spread new ones linked to the old shards they cover', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 2 }));
    const out = await k.send(new UpdateShardCountCommand({ StreamName: 's', TargetShardCount: 3, ScalingType: 'UNIFORM_SCALING' }));
    assert.equal(out.CurrentShardCount, 2);
    assert.equal(out.TargetShardCount, 3);
    assert.equal(out.StreamARN, `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/s`);
    const open = await shards(k, 's', { ShardFilter: { Type: 'AT_LATEST' } });
    assert.deepEqual(open.map((s) => [s.ShardId, s.ParentShardId, s.AdjacentParentShardId]), [[id(2), id(0), undefined], [id(3), id(0), id(1)], [id(4), id(1), undefined]]);
    assert.equal(open[0].HashKeyRange!.EndingHashKey, '113427455640312821154458202477256070484');
    assert.equal((await shards(k, 's')).length, 5, 'the closed shards are still listed, within retention');
  });
});
