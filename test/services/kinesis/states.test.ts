// Stream and consumer states with ROLEGATE_KINESIS_STATE_MS set: CREATING → ACTIVE, UPDATING →
// ACTIVE after a reshard or an encryption change, DELETING → gone; what each state refuses
// (ResourceInUseException for changes, ResourceNotFoundException for records), and the SDK's waiter.
// The states are read from the stream's times, so a restart in the middle changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStreamCommand, DeleteStreamCommand, DescribeStreamCommand, DescribeStreamConsumerCommand, DescribeStreamSummaryCommand,
  ListShardsCommand, ListStreamsCommand, PutRecordCommand, RegisterStreamConsumerCommand, SplitShardCommand, StartStreamEncryptionCommand,
  UpdateShardCountCommand, waitUntilStreamExists, type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { startRolegate, TEST_ACCOUNT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

// Long enough for the calls made within each state to be answered on a busy machine.
const STATE_MS = 2000;
const rg = useRolegate({ env: { ROLEGATE_KINESIS_STATE_MS: String(STATE_MS), ROLEGATE_KINESIS_THROTTLING: 'off' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const status = async (k: KinesisClient, name: string) => (await k.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!.StreamStatus;
const arn = (name: string) => `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/${name}`;

describe('Stream states', () => {
  it('is CREATING with no shards, refusing records and changes, then ACTIVE', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 2 }));
    const d = (await k.send(new DescribeStreamCommand({ StreamName: 's' }))).StreamDescription!;
    assert.equal(d.StreamStatus, 'CREATING');
    assert.deepEqual(d.Shards, []);
    assert.equal((await k.send(new ListStreamsCommand({}))).StreamSummaries![0].StreamStatus, 'CREATING');
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 's', Data: Buffer.from('x'), PartitionKey: 'k' })), 'ResourceNotFoundException', 400,
      `Stream s under account ${TEST_ACCOUNT} not found.`);
    await rejectsWith(k.send(new SplitShardCommand({ StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '10' })), 'ResourceInUseException', 400,
      `Stream s under account ${TEST_ACCOUNT} not ACTIVE, instead in state CREATING`);
    await rejectsWith(k.send(new DeleteStreamCommand({ StreamName: 's' })), 'ResourceInUseException', 400);
    await rejectsWith(k.send(new ListShardsCommand({ StreamName: 's' })), 'ResourceInUseException', 400);
    await sleep(STATE_MS + 50);
    assert.equal(await status(k, 's'), 'ACTIVE');
    assert.equal((await k.send(new DescribeStreamCommand({ StreamName: 's' }))).StreamDescription!.Shards!.length, 2);
    assert.equal((await k.send(new PutRecordCommand({ StreamName: 's', Data: Buffer.from('x'), PartitionKey: 'k' }))).ShardId.startsWith('shardId-'), true);
  });

  it('lets the SDK\'s StreamExists waiter see the stream turn ACTIVE', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'waited', ShardCount: 1 }));
    const r = await waitUntilStreamExists({ client: k, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { StreamName: 'waited' });
    assert.equal(r.state, 'SUCCESS');
    assert.equal(await status(k, 'waited'), 'ACTIVE');
  });

  it('is UPDATING after a reshard: the parent takes records until it ends, other changes wait, then the children take them', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'u', ShardCount: 1 }));
    await sleep(STATE_MS + 50);
    await k.send(new UpdateShardCountCommand({ StreamName: 'u', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }));
    assert.equal(await status(k, 'u'), 'UPDATING');
    const during = await k.send(new PutRecordCommand({ StreamName: 'u', Data: Buffer.from('x'), PartitionKey: 'k' }));
    assert.equal(during.ShardId, 'shardId-000000000000', 'the parent is still open while UPDATING');
    assert.equal((await k.send(new ListShardsCommand({ StreamName: 'u' }))).Shards!.length, 1, 'the children appear when it ends');
    await rejectsWith(k.send(new UpdateShardCountCommand({ StreamName: 'u', TargetShardCount: 1, ScalingType: 'UNIFORM_SCALING' })), 'ResourceInUseException', 400,
      `Stream u under account ${TEST_ACCOUNT} not ACTIVE, instead in state UPDATING`);
    await sleep(STATE_MS + 50);
    assert.equal(await status(k, 'u'), 'ACTIVE');
    const after = await k.send(new PutRecordCommand({ StreamName: 'u', Data: Buffer.from('x'), PartitionKey: 'k' }));
    assert.notEqual(after.ShardId, 'shardId-000000000000');
    await k.send(new StartStreamEncryptionCommand({ StreamName: 'u', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
    assert.equal(await status(k, 'u'), 'UPDATING');
  });

  it('is DELETING for the configured time after DeleteStream, keeping its name until it is gone', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'd', ShardCount: 1 }));
    await sleep(STATE_MS + 50);
    await k.send(new DeleteStreamCommand({ StreamName: 'd' }));
    assert.equal(await status(k, 'd'), 'DELETING');
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 'd', Data: Buffer.from('x'), PartitionKey: 'k' })), 'ResourceNotFoundException', 400);
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 'd', ShardCount: 1 })), 'ResourceInUseException', 400);
    await sleep(STATE_MS + 50);
    await rejectsWith(k.send(new DescribeStreamCommand({ StreamName: 'd' })), 'ResourceNotFoundException', 400);
    assert.deepEqual((await k.send(new ListStreamsCommand({}))).StreamNames, []);
    await k.send(new CreateStreamCommand({ StreamName: 'd', ShardCount: 1 }));
  });

  it('has a consumer CREATING, then ACTIVE', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 'c', ShardCount: 1 }));
    await sleep(STATE_MS + 50);
    const c = (await k.send(new RegisterStreamConsumerCommand({ StreamARN: arn('c'), ConsumerName: 'app' }))).Consumer!;
    assert.equal(c.ConsumerStatus, 'CREATING');
    await sleep(STATE_MS + 50);
    assert.equal((await k.send(new DescribeStreamConsumerCommand({ ConsumerARN: c.ConsumerARN }))).ConsumerDescription!.ConsumerStatus, 'ACTIVE');
  });
});

describe('Stream states across a restart', () => {
  it('a stream CREATING when the server stops is ACTIVE after it starts again, once its time has passed', async () => {
    const server = await startRolegate({ env: { ROLEGATE_KINESIS_STATE_MS: '1500' } });
    try {
      await server.kinesis().send(new CreateStreamCommand({ StreamName: 'r', ShardCount: 1 }));
      await server.stop({ kill: true, keepData: true });
      await sleep(1600);
      const again = await startRolegate({ dataDir: server.dataDir, env: { ROLEGATE_KINESIS_STATE_MS: '1500' } });
      try {
        assert.equal(await status(again.kinesis(), 'r'), 'ACTIVE');
      } finally {
        await again.stop();
      }
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});
