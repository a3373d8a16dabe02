// The delivery job's step on a real store, with S3 and STS answered by a stand-in for the acting
// functions: when it runs next (runAt: the interval, the size hint, the retry), exactly once across
// a crash between PutObject and the commit that marks the batch delivered, and records dropped
// once they have failed for longer than the retry duration.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import type { DeliveryStreamRecord, Store } from '../../../src/store/types.js';
import type { Acting } from '../../../src/shared/acting.js';
import { AwsError } from '../../../src/protocol/errors.js';
import { deliveryStep } from '../../../src/services/firehose/delivery.js';
import { describedDestination } from '../../../src/services/firehose/destination.js';
import { defaultServiceSettings } from '../../../src/shared/service-settings.js';

const T0 = Date.UTC(2026, 4, 6, 7, 8, 9);
const settings = { firehose: { ...defaultServiceSettings.firehose, retryMs: 5_000, retryDurationMs: 120_000 } };

function stream(extra: Partial<DeliveryStreamRecord> = {}, hints = { SizeInMBs: 1, IntervalInSeconds: 60 }): DeliveryStreamRecord {
  return {
    id: '00112233445566778899aabbccddeeff', accountId: '111122223333', region: 'us-east-1', name: 's', arn: 'arn:aws:firehose:us-east-1:111122223333:deliverystream/s',
    type: 'DirectPut', versionId: 1, createdAt: T0, activeAt: T0, destinationId: 'destinationId-000000000001',
    destination: describedDestination({ RoleARN: 'arn:aws:iam::111122223333:role/r', BucketARN: 'arn:aws:s3:::b', BufferingHints: hints }) as unknown as Record<string, unknown>,
    encryption: { enabled: false }, tags: [], ...extra,
  };
}

/** S3 as a map of keys to bodies; `refuse` makes PutObject answer AccessDenied. */
function fakeActing() {
  const objects = new Map<string, Buffer>();
  const puts: string[] = [];
  const f = {
    objects, puts, refuse: false,
    acting: {
      async assumeRoleAsService(r) {
        assert.equal(r.service, 'firehose.amazonaws.com');
        assert.equal(r.sourceArn, 'arn:aws:firehose:us-east-1:111122223333:deliverystream/s');
        assert.equal(r.sourceAccount, '111122223333');
        return { caller: { accountId: '111122223333', arn: 'session', type: 'role', userId: 'x', accessKeyId: 'x' }, arn: 'session', credentials: {} } as never;
      },
      async call(_caller, service, operation, input) {
        assert.deepEqual([service, operation], ['s3', 'PutObject']);
        if (f.refuse) throw new AwsError('AccessDenied', 'User: session is not authorized to perform: s3:PutObject', 403);
        puts.push(input.Key as string);
        objects.set(input.Key as string, input.Body as Buffer);
        return {} as never;
      },
    } as Acting,
  };
  return f;
}

describe('the Firehose delivery step', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolegate-delivery-'));
    store = openSqliteStore(join(dir, 'db.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const put = (n: number, at: number, size = 10) => store.firehose.append('00112233445566778899aabbccddeeff', Array.from({ length: n }, (_, i) => ({ data: Buffer.from(`${at}-${i};`.padEnd(size, '.')), arrivedAt: at })));

  test('waits for the interval of the oldest record, then delivers everything buffered, and runs again at once', async () => {
    await store.firehose.create(stream());
    const f = fakeActing();
    const idle = await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 });
    assert.deepEqual([idle.done, idle.runAt], [false, T0 + 60_000], 'an empty buffer sleeps an interval');
    await put(3, T0 + 1_000);
    await put(2, T0 + 5_000);
    const early = await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 30_000 });
    assert.equal(early.runAt, T0 + 61_000, 'due an interval after the oldest record arrived');
    assert.equal(f.puts.length, 0);
    const due = await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 61_000 });
    assert.equal(due.runAt, T0 + 61_000);
    const bytes = 3 * `${T0 + 1_000}-0;`.length + 2 * `${T0 + 5_000}-0;`.length;
    assert.deepEqual(due.progress, { DeliveredRecords: 5, DeliveredObjects: 1, DeliveredBytes: bytes });
    assert.equal(f.puts.length, 1);
    assert.match(f.puts[0], /^2026\/05\/06\/07\/s-1-2026-05-06-07-08-10-[0-9a-f-]{36}$/);
    assert.equal([...f.objects.values()][0].toString(), [0, 1, 2].map((i) => `${T0 + 1_000}-${i};`).join('') + [0, 1].map((i) => `${T0 + 5_000}-${i};`).join(''));
    const state = await store.firehose.state(stream().id);
    assert.deepEqual([state?.bufferedRecords, state?.deliveredRecords, state?.deliveredObjects], [0, 5, 1]);
  });

  test('delivers at once when the buffer holds the size hint, in objects of at most that size', async () => {
    await store.firehose.create(stream());
    const f = fakeActing();
    await put(300, T0, 5_000); // 1.43 MiB with a 1 MiB hint
    const first = await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 1 });
    assert.equal(first.progress?.DeliveredRecords, 209, '209 records of 5,000 bytes fill 1 MiB');
    const second = await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 2 });
    assert.equal(second.progress, undefined, 'the rest waits for the interval');
    assert.equal(second.runAt, T0 + 60_000);
  });

  test('raises the batch size when delivery falls behind: with more than two size hints buffered, one object takes up to 32 of them', async () => {
    await store.firehose.create(stream());
    const f = fakeActing();
    await put(1_000, T0, 5_000); // 4.8 MiB with a 1 MiB hint
    const step = await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 1 });
    assert.equal(step.progress?.DeliveredRecords, 1_000);
    assert.equal([...f.objects.values()][0].length, 5_000_000);
  });

  test('exactly once: a crash after PutObject and before the commit puts the same object under the same key again', async () => {
    await store.firehose.create(stream());
    const f = fakeActing();
    await put(4, T0);
    const finish = store.firehose.finish;
    store.firehose.finish = async () => { throw new Error('the process died here'); };
    await assert.rejects(deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 60_000 }), /died/);
    store.firehose.finish = finish;
    await put(3, T0 + 60_001); // arrives after the batch was planned: not part of it
    await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 60_010 });
    assert.equal(f.puts.length, 2);
    assert.equal(f.puts[0], f.puts[1], 'the same key');
    assert.equal(f.objects.size, 1);
    assert.equal([...f.objects.values()][0].toString().split(';').filter(Boolean).length, 4, 'the planned records only');
    const state = await store.firehose.state(stream().id);
    assert.deepEqual([state?.bufferedRecords, state?.deliveredRecords], [3, 4]);
  });

  test('a refusal is the stream’s failure, retried after the retry time; records that fail past the retry duration are dropped', async () => {
    await store.firehose.create(stream());
    const f = fakeActing();
    f.refuse = true;
    await put(2, T0);
    const failed = await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 60_000 });
    assert.deepEqual([failed.done, failed.runAt, failed.progress], [false, T0 + 65_000, { FailedAttempts: 1 }]);
    const state = await store.firehose.state(stream().id);
    assert.equal(state?.failure?.code, 'S3.AccessDenied');
    assert.equal(state?.failure?.since, T0 + 60_000);
    assert.equal(state?.bufferedRecords, 2, 'the records are kept');
    const early = await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 61_000 });
    assert.deepEqual([early.runAt, early.progress], [T0 + 65_000, undefined], 'woken early (the size hint), it still waits for the retry time');
    await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 65_000 });
    assert.equal((await store.firehose.state(stream().id))?.failure?.since, T0 + 60_000, 'a run of failures keeps its first time');
    const dropped = await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 120_000 });
    assert.equal(dropped.progress?.DroppedRecords, 2);
    const after = await store.firehose.state(stream().id);
    assert.deepEqual([after?.bufferedRecords, after?.droppedRecords, after?.deliveredRecords], [0, 2, 0]);
  });

  test('waits for a stream to be ACTIVE, and ends once a deleted stream is gone', async () => {
    await store.firehose.create(stream({ activeAt: T0 + 500 }));
    const f = fakeActing();
    assert.equal((await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 })).runAt, T0 + 500);
    const s = (await store.firehose.getById(stream().id))!;
    await store.firehose.put({ ...s, deletingAt: T0 + 600, goneAt: T0 + 700 });
    assert.equal((await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 600 })).runAt, T0 + 700);
    assert.equal((await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 700 })).done, true);
    assert.equal(await store.firehose.getById(stream().id), undefined);
    assert.equal((await deliveryStep({ streamId: stream().id }, { store, acting: f.acting, settings, now: T0 + 800 })).done, true);
  });
});
