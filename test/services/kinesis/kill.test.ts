// Durability: a record is acknowledged only once committed. PutRecords calls are kept in flight on
// several connections while the server is killed with SIGKILL; after a restart on the same data
// folder every record that was acknowledged is read back, with its sequence number and its data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { startRolegate } from '../../support/server.js';

const env = { ROLEGATE_KINESIS_THROTTLING: 'off' };

async function readEverything(k: KinesisClient, stream: string): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  for (const shard of (await k.send(new ListShardsCommand({ StreamName: stream }))).Shards!) {
    let it = (await k.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (;;) {
      const out = await k.send(new GetRecordsCommand({ ShardIterator: it }));
      for (const r of out.Records!) seen.set(r.SequenceNumber!, Buffer.from(r.Data!).toString());
      if (out.MillisBehindLatest === 0) break;
      it = out.NextShardIterator;
    }
  }
  return seen;
}

test('every record acknowledged before a kill -9 is readable after the restart', async () => {
  const server = await startRolegate({ env });
  const dataDir = server.dataDir;
  try {
    await server.kinesis().send(new CreateStreamCommand({ StreamName: 'durable', ShardCount: 4 }));
    const acknowledged = new Map<string, string>();
    let stop = false;
    let batch = 0;
    const writer = async (client: KinesisClient) => {
      while (!stop) {
        const n = batch++;
        const records = Array.from({ length: 50 }, (_, i) => ({ Data: Buffer.from(`b${n}-r${i}`), PartitionKey: `k${n}-${i}` }));
        try {
          const out = await client.send(new PutRecordsCommand({ StreamName: 'durable', Records: records }));
          out.Records!.forEach((r, i) => r.SequenceNumber && acknowledged.set(r.SequenceNumber, `b${n}-r${i}`));
        } catch {
          return; // the server is gone: what was not acknowledged may or may not have been kept
        }
      }
    };
    const writers = Array.from({ length: 6 }, () => writer(server.kinesis()));
    await new Promise((r) => setTimeout(r, 1500));
    const killed = server.stop({ kill: true, keepData: true });
    await killed;
    stop = true;
    await Promise.all(writers);
    assert.ok(acknowledged.size > 500, `records were acknowledged before the kill (${acknowledged.size})`);

    const again = await startRolegate({ dataDir, env });
    try {
      const stored = await readEverything(again.kinesis(), 'durable');
      const lost = [...acknowledged].filter(([seq, data]) => stored.get(seq) !== data);
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.size} acknowledged records lost`);
    } finally {
      await again.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
