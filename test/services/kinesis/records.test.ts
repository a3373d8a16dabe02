// Writing records through @aws-sdk/client-kinesis: PutRecord and PutRecords, each record in the shard
// whose hash-key range holds its partition key's MD5 (or its ExplicitHashKey), sequence numbers that
// grow per shard, and the per-call limits with AWS's errors: 500 records, 5 MiB a call, 1 MiB a
// record, partition keys of 1–256 characters.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  CreateStreamCommand, DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand, PutRecordsCommand, type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { TEST_ACCOUNT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate({ env: { ROLEGATE_KINESIS_THROTTLING: 'off' } });
const MiB = 1024 * 1024;

async function stream(k: KinesisClient, name: string, shards: number) {
  await k.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  return (await k.send(new DescribeStreamCommand({ StreamName: name }))).StreamDescription!.Shards!;
}

async function readAll(k: KinesisClient, name: string, shardId: string) {
  const it = await k.send(new GetShardIteratorCommand({ StreamName: name, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
  return (await k.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator! }))).Records!;
}

describe('PutRecord and PutRecords: malformed input', () => {
  it('refuses more than 500 records, none, and partition keys outside 1–256 characters with ValidationException', async () => {
    const k = rg.server.kinesis();
    await stream(k, 's', 1);
    const records = Array.from({ length: 501 }, () => ({ Data: Buffer.from('x'), PartitionKey: 'k' }));
    await rejectsWith(k.send(new PutRecordsCommand({ StreamName: 's', Records: records })), 'ValidationException', 400, /at 'records' failed to satisfy constraint: Member must have length less than or equal to 500/);
    await rejectsWith(k.send(new PutRecordsCommand({ StreamName: 's', Records: [] })), 'ValidationException', 400, /Member must have length greater than or equal to 1/);
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 's', Data: Buffer.from('x'), PartitionKey: 'p'.repeat(257) })), 'ValidationException', 400,
      /at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256/);
    await rejectsWith(k.send(new PutRecordsCommand({ StreamName: 's', Records: [{ Data: Buffer.from('x'), PartitionKey: '' }] })), 'ValidationException', 400,
      /at 'records.1.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1/);
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 's', Data: Buffer.from('x'), PartitionKey: 'k', ExplicitHashKey: '-1' })), 'ValidationException', 400,
      /at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0\|\(\[1-9\]\\d\{0,38\}\)/);
  });

  it('refuses a record over 1 MiB as AWS\'s validation words it, and PutRecords over 5 MiB with InvalidArgumentException', async () => {
    const k = rg.server.kinesis();
    await stream(k, 'big', 1);
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 'big', Data: Buffer.alloc(MiB + 1), PartitionKey: 'k' })), 'ValidationException', 400,
      `1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=${MiB + 1} cap=${MiB + 1}]' at 'data' failed to satisfy constraint: Member must have length less than or equal to ${MiB}`);
    await rejectsWith(k.send(new PutRecordsCommand({ StreamName: 'big', Records: [{ Data: Buffer.alloc(10), PartitionKey: 'k' }, { Data: Buffer.alloc(MiB + 1), PartitionKey: 'k' }] })), 'ValidationException', 400,
      /at 'records.2.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576$/);
    // Five records of exactly 1 MiB are 5 MiB of data: their partition keys take the call over the limit.
    const five = Array.from({ length: 5 }, (_, i) => ({ Data: Buffer.alloc(MiB), PartitionKey: `k${i}` }));
    await rejectsWith(k.send(new PutRecordsCommand({ StreamName: 'big', Records: five })), 'InvalidArgumentException', 400, 'Records size exceeds 5 MB limit');
    const fits = await k.send(new PutRecordsCommand({ StreamName: 'big', Records: [{ Data: Buffer.alloc(MiB), PartitionKey: 'k' }, { Data: Buffer.alloc(MiB), PartitionKey: 'k' }] }));
    assert.equal(fits.FailedRecordCount, 0);
    assert.equal((await readAll(k, 'big', 'shardId-000000000000')).length, 2);
  });
});

describe('PutRecord and PutRecords: errors', () => {
  it('answers ResourceNotFoundException for a stream that does not exist', async () => {
    const k = rg.server.kinesis();
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 'nope', Data: Buffer.from('x'), PartitionKey: 'k' })), 'ResourceNotFoundException', 400, `Stream nope under account ${TEST_ACCOUNT} not found.`);
    await rejectsWith(k.send(new PutRecordsCommand({ StreamName: 'nope', Records: [{ Data: Buffer.from('x'), PartitionKey: 'k' }] })), 'ResourceNotFoundException', 400);
  });

  it('refuses an ExplicitHashKey past 2^128 − 1 and a SequenceNumberForOrdering it did not hand out', async () => {
    const k = rg.server.kinesis();
    await stream(k, 'e', 1);
    const big = (1n << 128n).toString();
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 'e', Data: Buffer.from('x'), PartitionKey: 'k', ExplicitHashKey: big })), 'InvalidArgumentException', 400,
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${big}`);
    await rejectsWith(k.send(new PutRecordsCommand({ StreamName: 'e', Records: [{ Data: Buffer.from('x'), PartitionKey: 'k', ExplicitHashKey: big }] })), 'InvalidArgumentException', 400);
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 'e', Data: Buffer.from('x'), PartitionKey: 'k', SequenceNumberForOrdering: '1234' })), 'InvalidArgumentException', 400,
      `ExclusiveMinimumSequenceNumber 1234 used in PutRecord on stream e under account ${TEST_ACCOUNT} is invalid.`);
  });
});

describe('PutRecord and PutRecords: behaviour', () => {
  it('puts each record in the shard whose range holds the MD5 of its partition key', async () => {
    const k = rg.server.kinesis();
    const shards = await stream(k, 'hashed', 4);
    const keys = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    const out = await k.send(new PutRecordsCommand({ StreamName: 'hashed', Records: keys.map((PartitionKey) => ({ Data: Buffer.from(PartitionKey), PartitionKey })) }));
    assert.equal(out.FailedRecordCount, 0);
    assert.equal(out.EncryptionType, 'NONE');
    keys.forEach((key, i) => {
      const hash = BigInt('0x' + createHash('md5').update(key).digest('hex'));
      const expected = shards.find((s) => BigInt(s.HashKeyRange!.StartingHashKey!) <= hash && hash <= BigInt(s.HashKeyRange!.EndingHashKey!))!;
      assert.equal(out.Records![i].ShardId, expected.ShardId, key);
      assert.match(out.Records![i].SequenceNumber!, /^\d{56}$/);
    });
    const inShard0 = await readAll(k, 'hashed', 'shardId-000000000000');
    assert.deepEqual(inShard0.map((r) => Buffer.from(r.Data!).toString()), keys.filter((_, i) => out.Records![i].ShardId === 'shardId-000000000000'), 'a shard holds its records in the order they were put');
  });

  it('honours ExplicitHashKey over the partition key', async () => {
    const k = rg.server.kinesis();
    const shards = await stream(k, 'explicit', 2);
    const one = await k.send(new PutRecordCommand({ StreamName: 'explicit', Data: Buffer.from('x'), PartitionKey: 'same', ExplicitHashKey: '0' }));
    const two = await k.send(new PutRecordCommand({ StreamName: 'explicit', Data: Buffer.from('x'), PartitionKey: 'same', ExplicitHashKey: shards[1].HashKeyRange!.StartingHashKey }));
    assert.equal(one.ShardId, 'shardId-000000000000');
    assert.equal(two.ShardId, 'shardId-000000000001');
  });

  it('gives each record of a shard a larger sequence number than the last, numerically, across calls', async () => {
    const k = rg.server.kinesis();
    await stream(k, 'ordered', 1);
    const seen: bigint[] = [];
    for (let i = 0; i < 5; i++) {
      const batch = await k.send(new PutRecordsCommand({ StreamName: 'ordered', Records: [{ Data: Buffer.from('a'), PartitionKey: 'p' }, { Data: Buffer.from('b'), PartitionKey: 'q' }] }));
      seen.push(...batch.Records!.map((r) => BigInt(r.SequenceNumber!)));
      const single = await k.send(new PutRecordCommand({ StreamName: 'ordered', Data: Buffer.from('c'), PartitionKey: 'p', SequenceNumberForOrdering: String(seen[seen.length - 1]) }));
      seen.push(BigInt(single.SequenceNumber!));
    }
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1]);
    const stored = await readAll(k, 'ordered', 'shardId-000000000000');
    assert.deepEqual(stored.map((r) => BigInt(r.SequenceNumber!)), seen);
  });

  it('keeps data byte for byte, an empty record included', async () => {
    const k = rg.server.kinesis();
    await stream(k, 'bytes', 1);
    const blob = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await k.send(new PutRecordsCommand({ StreamName: 'bytes', Records: [{ Data: blob, PartitionKey: 'ünï' }, { Data: new Uint8Array(0), PartitionKey: 'e' }] }));
    const [a, b] = await readAll(k, 'bytes', 'shardId-000000000000');
    assert.deepEqual(Buffer.from(a.Data!), blob);
    assert.equal(a.PartitionKey, 'ünï');
    assert.equal(b.Data!.length, 0);
  });
});
