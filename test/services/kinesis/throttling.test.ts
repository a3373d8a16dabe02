// Each shard's throughput limits, on by default as in AWS: 1,000 records and 1 MiB a second in (a
// PutRecords reports each refused record with ErrorCode and ErrorMessage, the others are written),
// 5 GetRecords a second out; ProvisionedThroughputExceededException for a whole call refused. Each limit is
// asked of far more than it allows at once, so a slow machine (whose calls take longer, refilling the
// buckets meanwhile) still sees the refusals; the bounds take the elapsed time into account.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { TEST_ACCOUNT, useRolegate } from '../../support/server.js';

const rg = useRolegate();
const S0 = 'shardId-000000000000';

describe('Shard throughput', () => {
  it('fails the records past a shard\'s 1,000 a second one by one, as Kinesis reports them, and writes the rest', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 't', ShardCount: 2 }));
    const records = (n: number, key: string) => Array.from({ length: n }, () => ({ Data: Buffer.from('x'), PartitionKey: key, ExplicitHashKey: key }));
    const one = (1n << 127n).toString();
    // 2,250 records for shard 0 sent at once, 250 of them beside 250 for shard 1: 1,000 are taken at
    // once and one more each millisecond, however slowly the machine answers.
    const started = Date.now();
    const calls = [...Array.from({ length: 4 }, () => records(500, '0')), [...records(250, '0'), ...records(250, one)]];
    const outs = await Promise.all(calls.map((Records) => k.send(new PutRecordsCommand({ StreamName: 't', Records }))));
    const elapsed = Date.now() - started;
    const refusedOnShard0 = outs.reduce((n, r) => n + (r.FailedRecordCount ?? 0), 0);
    assert.ok(refusedOnShard0 > 0 && refusedOnShard0 >= 1250 - elapsed - 5 && refusedOnShard0 <= 1250, `refused ${refusedOnShard0} in ${elapsed} ms`);
    const refused = outs.flatMap((o) => o.Records!).find((r) => r.ErrorCode)!;
    assert.deepEqual(refused, {
      ErrorCode: 'ProvisionedThroughputExceededException',
      ErrorMessage: `Rate exceeded for shard ${S0} in stream t under account ${TEST_ACCOUNT}.`,
    });
    assert.ok(outs[4].Records!.slice(250).every((r) => r.SequenceNumber && r.ShardId === 'shardId-000000000001'), 'the other shard takes its records');
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await k.send(new PutRecordsCommand({ StreamName: 't', Records: records(500, '0') }))).FailedRecordCount, 0, 'a second later the shard takes records again');
  });

  it('refuses a whole PutRecord past the shard\'s allowance with ProvisionedThroughputExceededException', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'p', ShardCount: 1 }));
    // Five records of 600 KiB at once into a shard that takes 1 MiB a second.
    const settled = await Promise.allSettled(Array.from({ length: 5 }, () => k.send(new PutRecordCommand({ StreamName: 'p', Data: Buffer.alloc(600 * 1024), PartitionKey: 'k' }))));
    assert.ok(settled.some((r) => r.status === 'fulfilled'), 'the first is taken');
    const refused = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.ok(refused.length > 0, 'some are refused');
    for (const r of refused) {
      assert.equal((r.reason as Error).name, 'ProvisionedThroughputExceededException');
      assert.equal((r.reason as Error).message, `Rate exceeded for shard ${S0} in stream p under account ${TEST_ACCOUNT}.`);
    }
  });

  it('holds a shard to 1 MiB a second', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'mb', ShardCount: 1 }));
    const out = await k.send(new PutRecordsCommand({ StreamName: 'mb', Records: [{ Data: Buffer.alloc(700 * 1024), PartitionKey: 'a' }, { Data: Buffer.alloc(700 * 1024), PartitionKey: 'b' }] }));
    assert.equal(out.FailedRecordCount, 1);
    assert.equal(out.Records![1].ErrorCode, 'ProvisionedThroughputExceededException');
  });

  it('serves 5 GetRecords a second per shard and refuses the rest', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'r', ShardCount: 1 }));
    const it = (await k.send(new GetShardIteratorCommand({ StreamName: 'r', ShardId: S0, ShardIteratorType: 'LATEST' }))).ShardIterator!;
    // 30 at once: 5 are served at once and one more each 200 ms, however slowly the machine answers.
    const started = Date.now();
    const settled = await Promise.allSettled(Array.from({ length: 30 }, () => k.send(new GetRecordsCommand({ ShardIterator: it }))));
    const elapsed = Date.now() - started;
    const served = settled.filter((r) => r.status === 'fulfilled').length;
    const refused = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.ok(served >= 5 && served <= 5 + Math.ceil(elapsed / 200) + 1, `served ${served} of 30 in ${elapsed} ms`);
    assert.ok(refused.length > 0, `none of 30 refused in ${elapsed} ms`);
    for (const r of refused) {
      const e = r.reason as Error & { $metadata?: { httpStatusCode?: number } };
      assert.equal(e.name, 'ProvisionedThroughputExceededException');
      assert.equal(e.$metadata?.httpStatusCode, 400);
      assert.match(e.message, /^Rate exceeded for shard shardId-000000000000 in stream r/);
    }
  });

});
