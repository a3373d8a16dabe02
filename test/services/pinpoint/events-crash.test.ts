// Exactly once across crashes: thousands of events wait in an app's outbox while its role may not
// put; once PutRolePolicy lets it, the server is killed with SIGKILL mid-delivery (twice, the
// Kinesis shard throttling the puts so that delivery takes seconds and PutRecords fails in part),
// restarted on the same data folder, and every event is in the Kinesis stream exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { CreateAppCommand, PutEventsCommand, PutEventStreamCommand, type EventsBatch } from '@aws-sdk/client-pinpoint';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { startRolegate, TEST_ACCOUNT, TEST_ROOT, type Rolegate } from '../../support/server.js';

const env = { ROLEGATE_JOB_POLL_MS: '20', ROLEGATE_JOB_LEASE_MS: '1000', ROLEGATE_PINPOINT_EVENT_RETRY_MS: '50' };
const STREAM = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/crash-events`;
const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/crash-role`;
const basic = 'Basic ' + Buffer.from(`${TEST_ROOT.accessKeyId}:${TEST_ROOT.secretAccessKey}`).toString('base64');
const policy = (actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: actions, Resource: [STREAM] } });
const REQUESTS = 60;
const PER_REQUEST = 100;

async function outbox(server: Rolegate, appId: string): Promise<{ pending: number; delivered: number }> {
  const r = await fetch(`${server.endpoint}/_rolegate/pinpoint/apps/${appId}/event-stream`, { headers: { authorization: basic } });
  assert.equal(r.status, 200);
  return r.json();
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function readStream(k: KinesisClient): Promise<string[]> {
  const out: string[] = [];
  for (const shard of (await k.send(new ListShardsCommand({ StreamName: 'crash-events' }))).Shards!) {
    let it = (await k.send(new GetShardIteratorCommand({ StreamName: 'crash-events', ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (;;) {
      const r = await k.send(new GetRecordsCommand({ ShardIterator: it }));
      for (const rec of r.Records!) out.push((JSON.parse(Buffer.from(rec.Data!).toString()) as { attributes: { n: string } }).attributes.n);
      if (r.MillisBehindLatest === 0) break;
      it = r.NextShardIterator;
    }
  }
  return out;
}

/** Waits until some events are delivered and some still wait, then kills the server: answers how many were delivered by then. */
async function killMidDelivery(server: Rolegate, appId: string, beyond: number): Promise<number> {
  let seen = { pending: 0, delivered: 0 };
  await waitFor('delivery under way', async () => {
    seen = await outbox(server, appId);
    return seen.delivered > beyond && seen.pending > 0;
  }, 30_000);
  // A little later, at a different point of a step each run (between a put and its commit, or not).
  await new Promise((r) => setTimeout(r, Math.random() * 40));
  await server.stop({ kill: true, keepData: true });
  return seen.delivered;
}

test('every event waiting when the server is killed -9 mid-delivery is in the stream exactly once after restarts', async () => {
  let server = await startRolegate({ env });
  const dataDir = server.dataDir;
  try {
    const pp = server.pinpoint();
    const appId = (await pp.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'crash' } }))).ApplicationResponse!.Id!;
    // One shard, throttled as AWS throttles it (1,000 records and 1 MiB a second): delivery takes seconds.
    await server.kinesis().send(new CreateStreamCommand({ StreamName: 'crash-events', ShardCount: 1 }));
    const iam = server.iam();
    await iam.send(new CreateRoleCommand({
      RoleName: 'crash-role',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }));
    // For now the role may describe the stream but not put to it: the events wait.
    await iam.send(new PutRolePolicyCommand({ RoleName: 'crash-role', PolicyName: 'events', PolicyDocument: policy(['kinesis:DescribeStream']) }));
    await pp.send(new PutEventStreamCommand({ ApplicationId: appId, WriteEventStream: { DestinationStreamArn: STREAM, RoleArn: ROLE } }));
    const at = new Date().toISOString();
    for (let r = 0; r < REQUESTS; r++) {
      const batch: EventsBatch = {
        Endpoint: {},
        Events: Object.fromEntries(Array.from({ length: PER_REQUEST }, (_, i) => [`ev-${i}`, { EventType: 'tick', Timestamp: at, Attributes: { n: `${r}-${i}`, pad: 'x'.repeat(150) } }])),
      };
      const out = await pp.send(new PutEventsCommand({ ApplicationId: appId, EventsRequest: { BatchItem: { [`ep-${r % 7}`]: batch } } }));
      assert.equal(out.$metadata.httpStatusCode, 202);
    }
    const total = REQUESTS * PER_REQUEST;
    assert.equal((await outbox(server, appId)).pending, total);

    await iam.send(new PutRolePolicyCommand({ RoleName: 'crash-role', PolicyName: 'events', PolicyDocument: policy(['kinesis:PutRecords', 'kinesis:DescribeStream']) }));
    const first = await killMidDelivery(server, appId, 0);

    server = await startRolegate({ dataDir, env });
    const second = await killMidDelivery(server, appId, first);

    // The last restart without throttling, to finish and read quickly.
    server = await startRolegate({ dataDir, env: { ...env, ROLEGATE_KINESIS_THROTTLING: 'off' } });
    await waitFor('every event delivered', async () => (await outbox(server, appId)).pending === 0, 60_000);
    const state = await outbox(server, appId);
    assert.ok(second > first && second < total, `killed twice mid-delivery (${first}, then ${second} of ${total} delivered)`);
    assert.equal(state.delivered, total);

    const got = await readStream(server.kinesis());
    const counts = new Map<string, number>();
    for (const n of got) counts.set(n, (counts.get(n) ?? 0) + 1);
    const twice = [...counts].filter(([, c]) => c > 1);
    assert.deepEqual(twice, [], 'no event is in the stream twice');
    const missing = Array.from({ length: total }, (_, k) => `${Math.floor(k / PER_REQUEST)}-${k % PER_REQUEST}`).filter((n) => !counts.has(n));
    assert.deepEqual(missing, [], 'no event is missing');
    assert.equal(got.length, total);
  } finally {
    await server.stop({ keepData: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
