// A rolegate killed with SIGKILL between acknowledging Firehose records and delivering them loses
// none: started again on the same data folder, it delivers every acknowledged record, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { startRolegate } from '../support/server.js';
import { body, bucketAndRole, createActive, FAST_FIREHOSE, keysIn, waitFor } from '../services/firehose/support.js';

/** A short lease, so a step the kill interrupted is taken over soon after the restart. */
const env = { ...FAST_FIREHOSE, ROLEGATE_JOB_LEASE_MS: '1000' };

test('kill -9 after PutRecordBatch answered and before delivery: after a restart every record arrives exactly once', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-firehose-kill-'));
  try {
    let server = await startRolegate({ dataDir, env });
    const role = await bucketAndRole(server.s3(), server.iam(), 'kill-out', 'kill-role');
    // A 3 s interval: the records are acknowledged, then the server dies before it is over.
    await createActive(server.firehose(), 'durable', 'kill-out', role, { BufferingHints: { IntervalInSeconds: 3 } });
    const sent: string[] = [];
    for (let call = 0; call < 5; call++) {
      const records = Array.from({ length: 100 }, (_, i) => `rec-${call}-${i};`);
      sent.push(...records);
      const out = await server.firehose().send(new PutRecordBatchCommand({ DeliveryStreamName: 'durable', Records: records.map((r) => ({ Data: Buffer.from(r) })) }));
      assert.equal(out.FailedPutCount, 0);
    }
    assert.deepEqual(await keysIn(server.s3(), 'kill-out'), [], 'nothing delivered before the kill');
    await server.stop({ kill: true, keepData: true });

    server = await startRolegate({ dataDir, env });
    try {
      const text = await waitFor('every record delivered', async () => {
        const keys = await keysIn(server.s3(), 'kill-out');
        const bodies = await Promise.all(keys.map((k) => body(server.s3(), 'kill-out', k)));
        const all = bodies.map((b) => b.toString()).join('');
        return all.length >= sent.join('').length ? all : undefined;
      }, 15_000);
      assert.equal(text, sent.join(''), 'in order, each record once');
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
