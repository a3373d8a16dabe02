// Each shard's throughput limits, on by default as in AWS: 1,000 records and 1 MiB a second in (a
// PutRecords reports each refused record with ErrorCode and ErrorMessage, the others are written),
// 5 GetRecords a second out; ProvisionedThroughputExceededException for a whole call refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { TEST_ACCOUNT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const S0 = 'shardId-000000000000';

describe('Shard throughput', () => {
  it('fails the records past a shard\'s 1,000 a second one by one, as Kinesis reports them, and writes the rest', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 't', ShardCount: 2 }));
    const records = (n: number, key: string) => Array.from({ length: n }, () => ({ Data: Buffer.from('x'), PartitionKey: key, ExplicitHashKey: key }));
    const one = (1n << 127n).toString();
    const started = Date.now();
    const first = await k.send(new PutRecordsCommand({ StreamName: 't', Records: records(500, '0') }));
    const second = await k.send(new PutRecordsCommand({ StreamName: 't', Records: records(500, '0') }));
    const third = await k.send(new PutRecordsCommand({ StreamName: 't', Records: [...records(250, '0'), ...records(250, one)] }));
    const elapsed = Date.now() - started;
    const refusedOnShard0 = [first, second, third].reduce((n, r) => n + (r.FailedRecordCount ?? 0), 0);
    // 1,250 records for shard 0 within `elapsed` ms: 1,000 at once, then one a millisecond.
    assert.ok(refusedOnShard0 > 0 && refusedOnShard0 >= 250 - elapsed - 5 && refusedOnShard0 <= 250, `refused ${refusedOnShard0} in ${elapsed} ms`);
    const refused = third.Records!.find((r) => r.ErrorCode)!;
    assert.deepEqual(refused, {
      ErrorCode: 'ProvisionedThroughputExceededException',
      ErrorMessage: `Rate exceeded for shard ${S0} in stream t under account ${TEST_ACCOUNT}.`,
    });
    assert.ok(third.Records!.slice(250).every((r) => r.SequenceNumber && r.ShardId === 'shardId-000000000001'), 'the other shard takes its records');
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await k.send(new PutRecordsCommand({ StreamName: 't', Records: records(500, '0') }))).FailedRecordCount, 0, 'a second later the shard takes records again');
  });

  it('refuses a whole PutRecord past the shard\'s allowance with ProvisionedThroughputExceededException', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'p', ShardCount: 1 }));
    await k.send(new PutRecordCommand({ StreamName: 'p', Data: Buffer.alloc(600 * 1024), PartitionKey: 'k' }));
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 'p', Data: Buffer.alloc(600 * 1024), PartitionKey: 'k' })), 'ProvisionedThroughputExceededException', 400,
      `Rate exceeded for shard ${S0} in stream p under account ${TEST_ACCOUNT}.`);
  });

  it('holds a shard to 1 MiB a second', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'mb', ShardCount: 1 }));
    const out = await k.send(new PutRecordsCommand({ StreamName: 'mb', Records: [{ Data: Buffer.alloc(700 * 1024), PartitionKey: 'a' }, { Data: Buffer.alloc(700 * 1024), PartitionKey: 'b' }] }));
    assert.equal(out.FailedRecordCount, 1);
    assert.equal(out.Records![1].ErrorCode, 'ProvisionedThroughputExceededException');
  });

  it('serves 5 GetRecords a second per shard and refuses the sixth', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'r', ShardCount: 1 }));
    const it = (await k.send(new GetShardIteratorCommand({ StreamName: 'r', ShardId: S0, ShardIteratorType: 'LATEST' }))).ShardIterator!;
    for (let i = 0; i < 5; i++) await k.send(new GetRecordsCommand({ ShardIterator: it }));
    await rejectsWith(k.send(new GetRecordsCommand({ ShardIterator: it })), 'ProvisionedThroughputExceededException', 400, /^Rate exceeded for shard shardId-000000000000 in stream r/);
  });
});
