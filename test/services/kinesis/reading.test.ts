// Reading records through @aws-sdk/client-kinesis: GetShardIterator's five types, GetRecords' Limit,
// NextShardIterator and MillisBehindLatest, and the errors of a bad shard, sequence number or iterator.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, PutRecordsCommand, type KinesisClient, type ShardIteratorType,
} from '@aws-sdk/client-kinesis';
import { TEST_ACCOUNT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate({ env: { ROLEGATE_KINESIS_THROTTLING: 'off' } });
const S0 = 'shardId-000000000000';

async function withRecords(k: KinesisClient, name: string, texts: string[]) {
  await k.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  return (await k.send(new PutRecordsCommand({ StreamName: name, Records: texts.map((t) => ({ Data: Buffer.from(t), PartitionKey: t })) }))).Records!.map((r) => r.SequenceNumber!);
}

const iterator = async (k: KinesisClient, name: string, type: ShardIteratorType, extra: { StartingSequenceNumber?: string; Timestamp?: Date } = {}) =>
  (await k.send(new GetShardIteratorCommand({ StreamName: name, ShardId: S0, ShardIteratorType: type, ...extra }))).ShardIterator!;

const texts = (rs: { Data?: Uint8Array }[] | undefined) => (rs ?? []).map((r) => Buffer.from(r.Data!).toString());

describe('GetShardIterator: malformed input and errors', () => {
  it('answers ResourceNotFoundException for a shard id it cannot read, and for a shard or stream that does not exist', async () => {
    const k = rg.server.kinesis();
    await withRecords(k, 'r', ['a']);
    await rejectsWith(k.send(new GetShardIteratorCommand({ StreamName: 'r', ShardId: 'shardId-2147483648', ShardIteratorType: 'LATEST' })), 'ResourceNotFoundException', 400,
      `Could not find shard shardId-2147483648 in stream r under account ${TEST_ACCOUNT}.`);
    await rejectsWith(k.send(new GetShardIteratorCommand({ StreamName: 'r', ShardId: 'shardId-000000000005', ShardIteratorType: 'LATEST' })), 'ResourceNotFoundException', 400,
      `Shard shardId-000000000005 in stream r under account ${TEST_ACCOUNT} does not exist`);
    await rejectsWith(k.send(new GetShardIteratorCommand({ StreamName: 'nope', ShardId: S0, ShardIteratorType: 'LATEST' })), 'ResourceNotFoundException', 400,
      `Shard ${S0} in stream nope under account ${TEST_ACCOUNT} does not exist`);
    // Kinesis reads the digits after the dash: `shard-0` is shard 0.
    assert.ok((await k.send(new GetShardIteratorCommand({ StreamName: 'r', ShardId: 'shard-0', ShardIteratorType: 'LATEST' }))).ShardIterator);
  });

  it('refuses a sequence number with the wrong type, a missing one, one not made here, or one of another shard', async () => {
    const k = rg.server.kinesis();
    const [seq] = await withRecords(k, 'r', ['a']);
    await rejectsWith(iterator(k, 'r', 'LATEST', { StartingSequenceNumber: seq }), 'InvalidArgumentException', 400,
      'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified LATEST and also a StartingSequenceNumber.');
    await rejectsWith(iterator(k, 'r', 'AT_SEQUENCE_NUMBER'), 'InvalidArgumentException', 400, /Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber\.$/);
    await rejectsWith(iterator(k, 'r', 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: '1234' }), 'InvalidArgumentException', 400,
      `StartingSequenceNumber 1234 used in GetShardIterator on shard ${S0} in stream r under account ${TEST_ACCOUNT} is invalid.`);
    await k.send(new CreateStreamCommand({ StreamName: 'two', ShardCount: 2 }));
    const other = (await k.send(new PutRecordsCommand({ StreamName: 'two', Records: [{ Data: Buffer.from('x'), PartitionKey: 'x', ExplicitHashKey: (1n << 127n).toString() }] }))).Records![0].SequenceNumber!;
    await rejectsWith(k.send(new GetShardIteratorCommand({ StreamName: 'two', ShardId: S0, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: other })), 'InvalidArgumentException', 400,
      `Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with ${S0}`);
  });

  it('refuses AT_TIMESTAMP without a Timestamp or with one in the future', async () => {
    const k = rg.server.kinesis();
    await withRecords(k, 'r', ['a']);
    await rejectsWith(iterator(k, 'r', 'AT_TIMESTAMP'), 'InvalidArgumentException', 400,
      'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
    await rejectsWith(iterator(k, 'r', 'AT_TIMESTAMP', { Timestamp: new Date(Date.now() + 3_600_000) }), 'InvalidArgumentException', 400,
      /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis\. timestampInMillis: \d+, currentTimestampInMillis: \d+$/);
  });
});

describe('GetShardIterator and GetRecords: behaviour', () => {
  it('reads from the oldest record (TRIM_HORIZON), at and after a sequence number, and only what comes after LATEST', async () => {
    const k = rg.server.kinesis();
    const seqs = await withRecords(k, 'r', ['a', 'b', 'c']);
    const read = async (it: string) => texts((await k.send(new GetRecordsCommand({ ShardIterator: it }))).Records);
    assert.deepEqual(await read(await iterator(k, 'r', 'TRIM_HORIZON')), ['a', 'b', 'c']);
    assert.deepEqual(await read(await iterator(k, 'r', 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: seqs[1] })), ['b', 'c']);
    assert.deepEqual(await read(await iterator(k, 'r', 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: seqs[1] })), ['c']);
    const latest = await iterator(k, 'r', 'LATEST');
    assert.deepEqual(await read(latest), []);
    await k.send(new PutRecordsCommand({ StreamName: 'r', Records: [{ Data: Buffer.from('d'), PartitionKey: 'd' }] }));
    assert.deepEqual(await read(latest), ['d']);
  });

  it('reads from the first record that arrived at or after AT_TIMESTAMP', async () => {
    const k = rg.server.kinesis();
    await withRecords(k, 'r', ['old']);
    await new Promise((r) => setTimeout(r, 20));
    const at = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await k.send(new PutRecordsCommand({ StreamName: 'r', Records: [{ Data: Buffer.from('new'), PartitionKey: 'n' }] }));
    const out = await k.send(new GetRecordsCommand({ ShardIterator: await iterator(k, 'r', 'AT_TIMESTAMP', { Timestamp: at }) }));
    assert.deepEqual(texts(out.Records), ['new']);
    assert.ok(out.Records![0].ApproximateArrivalTimestamp!.getTime() >= at.getTime());
  });

  it('pages with Limit through NextShardIterator, saying how far behind the newest record the reader is', async () => {
    const k = rg.server.kinesis();
    const seqs = await withRecords(k, 'r', ['a', 'b', 'c', 'd', 'e']);
    await new Promise((r) => setTimeout(r, 50));
    const first = await k.send(new GetRecordsCommand({ ShardIterator: await iterator(k, 'r', 'TRIM_HORIZON'), Limit: 2 }));
    assert.deepEqual(texts(first.Records), ['a', 'b']);
    assert.deepEqual(first.Records!.map((r) => r.SequenceNumber), seqs.slice(0, 2));
    assert.ok(first.MillisBehindLatest! >= 50, `behind by ${first.MillisBehindLatest} ms`);
    const second = await k.send(new GetRecordsCommand({ ShardIterator: first.NextShardIterator!, Limit: 10 }));
    assert.deepEqual(texts(second.Records), ['c', 'd', 'e']);
    assert.equal(second.MillisBehindLatest, 0, 'caught up');
    const third = await k.send(new GetRecordsCommand({ ShardIterator: second.NextShardIterator! }));
    assert.deepEqual(third.Records, []);
    assert.ok(third.NextShardIterator, 'an open shard always has a next iterator');
    // An iterator can be used again: it names a position, not a session.
    assert.deepEqual(texts((await k.send(new GetRecordsCommand({ ShardIterator: first.NextShardIterator! }))).Records), ['c', 'd', 'e']);
  });

  it('refuses an iterator it did not make, and one whose stream was deleted and made again', async () => {
    const k = rg.server.kinesis();
    await withRecords(k, 'r', ['a']);
    const it = await iterator(k, 'r', 'TRIM_HORIZON');
    await rejectsWith(k.send(new GetRecordsCommand({ ShardIterator: 'AAAAAAAAAAEnotaniterator' })), 'InvalidArgumentException', 400, 'Invalid ShardIterator.');
    const raw = Buffer.from(it, 'base64');
    raw[raw.length - 1] ^= 1;
    await rejectsWith(k.send(new GetRecordsCommand({ ShardIterator: raw.toString('base64') })), 'InvalidArgumentException', 400, 'Invalid ShardIterator.');
    const { DeleteStreamCommand } = await import('@aws-sdk/client-kinesis');
    await k.send(new DeleteStreamCommand({ StreamName: 'r' }));
    await k.send(new CreateStreamCommand({ StreamName: 'r', ShardCount: 1 }));
    await rejectsWith(k.send(new GetRecordsCommand({ ShardIterator: it })), 'ResourceNotFoundException', 400, `Shard ${S0} in stream r under account ${TEST_ACCOUNT} does not exist`);
  });

  it('accepts the iterator\'s own StreamARN beside it, and refuses another stream\'s', async () => {
    const k = rg.server.kinesis();
    await withRecords(k, 'r', ['a']);
    const it = await iterator(k, 'r', 'TRIM_HORIZON');
    const arn = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/r`;
    assert.deepEqual(texts((await k.send(new GetRecordsCommand({ ShardIterator: it, StreamARN: arn }))).Records), ['a']);
    await rejectsWith(k.send(new GetRecordsCommand({ ShardIterator: it, StreamARN: `${arn}x` })), 'InvalidArgumentException', 400, /is not the stream of the ShardIterator/);
  });
});
