// Reading a delivery stream's Kinesis source as its role: the role assumed as
// firehose.amazonaws.com, then DescribeStream, GetShardIterator and GetRecords through the one
// authorize path. Each read takes one GetRecords per readable shard and appends what it read with
// the shards' new positions in one commit, so a crash re-reads from the last committed position
// and a record is buffered once. A child shard is read once its parents are read to their end.
// Firehose starts a new stream at LATEST: here, the records that arrived from the moment the
// delivery stream became ACTIVE (AT_TIMESTAMP), which a restart cannot move.
import type { DescribeStreamOutput, GetRecordsOutput, GetShardIteratorInput, GetShardIteratorOutput, Shard } from '../../generated/kinesis/shapes.js';
import type { Acting } from '../../shared/acting.js';
import type { DeliveryStreamRecord, NewRecord, ShardPosition, Store } from '../../store/types.js';
import { sourceFailure } from './failures.js';

/** The session name Firehose's calls carry in the decision log. */
export const SESSION_NAME = 'AWSFirehoseDelivery';

/** GetRecords' largest Limit (Kinesis API Reference). */
const READ_LIMIT = 10_000;

const millis = (t: Date | number | undefined) => (t instanceof Date ? t.getTime() : typeof t === 'number' ? t * 1000 : undefined);

async function allShards(acting: Acting, caller: Parameters<Acting['call']>[0], streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let after: string | undefined;
  for (;;) {
    const out = await acting.call<DescribeStreamOutput>(caller, 'kinesis', 'DescribeStream', { StreamARN: streamArn, ...(after ? { ExclusiveStartShardId: after } : {}) });
    const page = out.StreamDescription.Shards;
    shards.push(...page);
    if (!out.StreamDescription.HasMoreShards || page.length === 0) return shards;
    after = page[page.length - 1].ShardId;
  }
}

/** The role may describe the stream: CreateDeliveryStream checks this before it makes the delivery stream. */
export async function checkSourceAccess(acting: Acting, stream: Pick<DeliveryStreamRecord, 'accountId' | 'arn'>, source: { kinesisStreamArn: string; roleArn: string }): Promise<void> {
  const session = await acting.assumeRoleAsService({
    service: 'firehose.amazonaws.com', roleArn: source.roleArn, sessionName: SESSION_NAME, sourceAccount: stream.accountId, sourceArn: stream.arn,
  });
  await acting.call(session.caller, 'kinesis', 'DescribeStream', { StreamARN: source.kinesisStreamArn, Limit: 1 });
}

/** Reads once from every readable shard into the buffer; answers how many records it took. A refusal is recorded as the stream's failure. */
export async function readSource(stream: DeliveryStreamRecord, deps: { store: Store; acting: Acting; now: number }): Promise<number> {
  const source = stream.source!;
  const { store, acting, now } = deps;
  try {
    const session = await acting.assumeRoleAsService({
      service: 'firehose.amazonaws.com', roleArn: source.roleArn, sessionName: SESSION_NAME, sourceAccount: stream.accountId, sourceArn: stream.arn,
    });
    const shards = await allShards(acting, session.caller, source.kinesisStreamArn);
    const known = new Set(shards.map((s) => s.ShardId));
    const positions = new Map((await store.firehose.positions(stream.id)).map((p) => [p.shardId, p]));
    const isRead = (id: string | undefined) => id === undefined || !known.has(id) || positions.get(id)?.isFinished === true;
    const records: NewRecord[] = [];
    const marks: ShardPosition[] = [];
    for (const shard of shards) {
      const at = positions.get(shard.ShardId);
      if (at?.isFinished || !isRead(shard.ParentShardId) || !isRead(shard.AdjacentParentShardId)) continue;
      const hasParent = (shard.ParentShardId !== undefined && known.has(shard.ParentShardId)) || (shard.AdjacentParentShardId !== undefined && known.has(shard.AdjacentParentShardId));
      const from: Partial<GetShardIteratorInput> = at?.sequenceNumber
        ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: at.sequenceNumber }
        : hasParent ? { ShardIteratorType: 'TRIM_HORIZON' } : { ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(stream.activeAt) };
      const it = await acting.call<GetShardIteratorOutput>(session.caller, 'kinesis', 'GetShardIterator', { StreamARN: source.kinesisStreamArn, ShardId: shard.ShardId, ...from });
      if (!it.ShardIterator) continue;
      const out = await acting.call<GetRecordsOutput>(session.caller, 'kinesis', 'GetRecords', { ShardIterator: it.ShardIterator, Limit: READ_LIMIT, StreamARN: source.kinesisStreamArn });
      let last = at?.sequenceNumber;
      for (const r of out.Records) {
        records.push({ data: r.Data, arrivedAt: millis(r.ApproximateArrivalTimestamp) ?? now });
        last = r.SequenceNumber;
      }
      const isFinished = !out.NextShardIterator;
      if (out.Records.length || isFinished) marks.push({ shardId: shard.ShardId, ...(last !== undefined ? { sequenceNumber: last } : {}), isFinished });
    }
    if (records.length || marks.length) await store.firehose.append(stream.id, records, marks);
    const state = await store.firehose.state(stream.id);
    if (state?.failure?.code.startsWith('Kinesis.')) await store.firehose.fail(stream.id, undefined);
    return records.length;
  } catch (e) {
    const f = sourceFailure(e);
    await store.firehose.fail(stream.id, { ...f, at: now });
    return 0;
  }
}
