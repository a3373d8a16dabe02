// The Firehose aggregate's contract cases (streams, buffers, batches, positions and delivery state),
// for every engine: through the contract's methods only (each engine's test file supplies the store).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeliveryBatch, DeliveryStreamRecord } from '../../../src/store/types.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

const T0 = 1_767_225_600_000;

export const deliveryStream = (name: string, extra: Partial<DeliveryStreamRecord> = {}): DeliveryStreamRecord => ({
  id: `${name.padEnd(8, '0').slice(0, 8)}${'0'.repeat(24)}`, accountId: A1, region: 'us-east-1', name,
  arn: `arn:aws:firehose:us-east-1:${A1}:deliverystream/${name}`, type: 'DirectPut', versionId: 1, createdAt: T0, activeAt: T0,
  destinationId: 'destinationId-000000000001', destination: { BucketARN: 'arn:aws:s3:::b' }, encryption: { enabled: false }, tags: [], ...extra,
});

const batchOf = (streamId: string, firstSeq: number, lastSeq: number, records: number, bytes: number): DeliveryBatch => ({
  streamId, batchId: firstSeq, firstSeq, lastSeq, records, bytes, oldestArrival: T0, bucket: 'b', key: `k-${firstSeq}`, compression: 'UNCOMPRESSED', plannedAt: T0,
});

const data = (...texts: string[]) => texts.map((t, i) => ({ data: Buffer.from(t), arrivedAt: T0 + i }));

export function firehoseContract(engine: string, open: StoreFactory) {
  describe(`firehose store contract on ${engine}`, () => {
    const store = freshStore(open);

    test('a name is unique per account and region; records read back by name and by id, and are replaced by put', async () => {
      const s = store().firehose;
      assert.equal(await s.create(deliveryStream('a')), true);
      assert.equal(await s.create(deliveryStream('a', { id: 'ff'.repeat(16) })), false);
      assert.equal(await s.create(deliveryStream('a', { id: 'ee'.repeat(16), region: 'eu-west-1' })), true);
      assert.equal(await s.create(deliveryStream('a', { id: 'dd'.repeat(16), accountId: A2 })), true);
      const a = await s.get(A1, 'us-east-1', 'a');
      assert.deepEqual(a, deliveryStream('a'));
      assert.deepEqual(await s.getById(a!.id), a);
      assert.equal(await s.put({ ...a!, versionId: 2, tags: [{ Key: 'k' }] }), true);
      assert.deepEqual((await s.get(A1, 'us-east-1', 'a'))?.tags, [{ Key: 'k' }]);
      assert.equal(await s.put(deliveryStream('zz', { id: 'cc'.repeat(16) })), false, 'put does not create');
      assert.equal(await s.get(A1, 'us-east-1', 'b'), undefined);
    });

    test('list is by name in byte order, after a name, of a type, up to one more than the limit', async () => {
      const s = store().firehose;
      for (const n of ['c', 'a', 'B', 'b']) await s.create(deliveryStream(n, { type: n === 'b' ? 'KinesisStreamAsSource' : 'DirectPut' }));
      await s.create(deliveryStream('other', { id: '99'.repeat(16), accountId: A2 }));
      assert.deepEqual((await s.list(A1, 'us-east-1', { limit: 10 })).map((r) => r.name), ['B', 'a', 'b', 'c']);
      assert.deepEqual((await s.list(A1, 'us-east-1', { limit: 1, after: 'B' })).map((r) => r.name), ['a', 'b']);
      assert.deepEqual((await s.list(A1, 'us-east-1', { limit: 10, type: 'KinesisStreamAsSource' })).map((r) => r.name), ['b']);
      assert.deepEqual(await s.list(A1, 'eu-west-1', { limit: 10 }), []);
    });

    test('append answers growing seqs and the buffer after it; nothing is appended to a stream that is gone', async () => {
      const s = store().firehose;
      const { id } = deliveryStream('s');
      await s.create(deliveryStream('s'));
      const first = await s.append(id, data('ab', 'cde'));
      const second = await s.append(id, data('f'));
      assert.deepEqual([first?.bufferedRecords, first?.bufferedBytes, second?.bufferedRecords, second?.bufferedBytes], [2, 5, 3, 6]);
      const seqs = [...first!.seqs, ...second!.seqs];
      assert.ok(seqs[0] < seqs[1] && seqs[1] < seqs[2]);
      assert.deepEqual((await s.scan(id, undefined, 10)).map((r) => [r.seq, r.size, r.arrivedAt]), [[seqs[0], 2, T0], [seqs[1], 3, T0 + 1], [seqs[2], 1, T0]]);
      assert.deepEqual((await s.scan(id, seqs[0], 1)).map((r) => r.seq), [seqs[1]]);
      assert.deepEqual((await s.read(id, seqs[0], seqs[1])).map((b) => b.toString()), ['ab', 'cde']);
      assert.equal(await s.append('00'.repeat(16), data('x')), undefined);
    });

    test('one pending batch at a time; finishing it moves its records out of the buffer and clears the failure', async () => {
      const s = store().firehose;
      const { id } = deliveryStream('p');
      await s.create(deliveryStream('p'));
      const { seqs } = (await s.append(id, data('aa', 'bb', 'cc')))!;
      await s.fail(id, { code: 'S3.AccessDenied', message: 'no', at: T0 + 5 });
      await s.fail(id, { code: 'S3.AccessDenied', message: 'still no', at: T0 + 9 });
      assert.deepEqual((await s.state(id))?.failure, { code: 'S3.AccessDenied', message: 'still no', since: T0 + 5, at: T0 + 9 });
      const b = batchOf(id, seqs[0], seqs[1], 2, 4);
      assert.equal(await s.plan(b), true);
      assert.equal(await s.plan(batchOf(id, seqs[2], seqs[2], 1, 2)), false, 'one pending batch per stream');
      assert.deepEqual(await s.pending(id), b);
      assert.equal(await s.finish(id, seqs[2], 'delivered', T0 + 10), false, 'not the pending batch');
      assert.equal(await s.finish(id, b.batchId, 'delivered', T0 + 10), true);
      assert.equal(await s.finish(id, b.batchId, 'delivered', T0 + 11), false, 'finished once');
      assert.equal(await s.pending(id), undefined);
      assert.deepEqual((await s.scan(id, undefined, 10)).map((r) => r.seq), [seqs[2]]);
      assert.deepEqual(await s.state(id), { bufferedRecords: 1, bufferedBytes: 2, deliveredRecords: 2, deliveredObjects: 1, droppedRecords: 0 });
      assert.equal(await s.plan(batchOf(id, seqs[2], seqs[2], 1, 2)), true);
      await s.fail(id, { code: 'InternalError', message: 'x', at: T0 + 20 });
      assert.equal(await s.finish(id, seqs[2], 'dropped', T0 + 30), true);
      assert.deepEqual(await s.state(id), { failure: { code: 'InternalError', message: 'x', since: T0 + 20, at: T0 + 20 }, bufferedRecords: 0, bufferedBytes: 0, deliveredRecords: 2, deliveredObjects: 1, droppedRecords: 1 });
      await s.fail(id, undefined);
      assert.equal((await s.state(id))?.failure, undefined);
    });

    test('shard positions are written with the records read at them, and replaced as reading goes on', async () => {
      const s = store().firehose;
      const { id } = deliveryStream('k');
      await s.create(deliveryStream('k', { type: 'KinesisStreamAsSource' }));
      await s.append(id, data('r1'), [{ shardId: 'shardId-000000000000', sequenceNumber: '100', isFinished: false }]);
      await s.append(id, [], [{ shardId: 'shardId-000000000000', sequenceNumber: '200', isFinished: true }, { shardId: 'shardId-000000000001', isFinished: false }]);
      assert.deepEqual(await s.positions(id), [
        { shardId: 'shardId-000000000000', sequenceNumber: '200', isFinished: true }, { shardId: 'shardId-000000000001', isFinished: false },
      ]);
    });

    test('discard empties the buffer, batches and positions; remove takes the stream too; both inside a transaction roll back with it', async () => {
      const st = store();
      const { id } = deliveryStream('d');
      await st.firehose.create(deliveryStream('d'));
      const { seqs } = (await st.firehose.append(id, data('a', 'b'), [{ shardId: 's', isFinished: false }]))!;
      await st.firehose.plan(batchOf(id, seqs[0], seqs[0], 1, 1));
      await assert.rejects(st.transaction(async (tx) => {
        await tx.firehose.discard(id);
        throw new Error('undo');
      }), /undo/);
      assert.equal((await st.firehose.state(id))?.bufferedRecords, 2, 'rolled back');
      await st.firehose.discard(id);
      assert.deepEqual([await st.firehose.scan(id, undefined, 10), await st.firehose.pending(id), await st.firehose.positions(id)], [[], undefined, []]);
      assert.equal((await st.firehose.state(id))?.bufferedRecords, 0);
      assert.equal(await st.firehose.remove(id), true);
      assert.equal(await st.firehose.getById(id), undefined);
      assert.equal(await st.firehose.state(id), undefined);
      assert.equal(await st.firehose.remove(id), false);
    });

    test('reset removes every stream and its buffer', async () => {
      const st = store();
      await st.firehose.create(deliveryStream('r'));
      await st.firehose.append(deliveryStream('r').id, data('x'));
      await st.reset();
      assert.equal(await st.firehose.get(A1, 'us-east-1', 'r'), undefined);
      assert.deepEqual(await st.firehose.scan(deliveryStream('r').id, undefined, 10), []);
    });
  });
}
