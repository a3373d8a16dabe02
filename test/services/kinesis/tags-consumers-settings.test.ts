// Tags (AddTagsToStream / RemoveTagsFromStream / ListTagsForStream and TagResource / UntagResource /
// ListTagsForResource on streams and consumers), enhanced fan-out consumers as state, a stream's
// settings (encryption, enhanced monitoring, capacity mode, record size) and resource policies,
// through @aws-sdk/client-kinesis. SubscribeToShard is in subscribe-to-shard.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddTagsToStreamCommand, CreateStreamCommand, DeleteResourcePolicyCommand, DeregisterStreamConsumerCommand, DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand, DisableEnhancedMonitoringCommand, EnableEnhancedMonitoringCommand, GetRecordsCommand, GetResourcePolicyCommand,
  GetShardIteratorCommand, ListStreamConsumersCommand, ListTagsForResourceCommand, ListTagsForStreamCommand, PutRecordCommand,
  PutResourcePolicyCommand, RegisterStreamConsumerCommand, RemoveTagsFromStreamCommand, StartStreamEncryptionCommand, StopStreamEncryptionCommand,
  TagResourceCommand, UntagResourceCommand, UpdateMaxRecordSizeCommand, UpdateStreamModeCommand,
} from '@aws-sdk/client-kinesis';
import { TEST_ACCOUNT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate({ env: { ROLEGATE_KINESIS_THROTTLING: 'off' } });
const arn = (name: string) => `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/${name}`;

describe('Stream tags', () => {
  it('adds, lists sorted by key in pages, and removes a stream\'s tags', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1, Tags: { team: 'data' } }));
    await k.send(new AddTagsToStreamCommand({ StreamName: 's', Tags: { env: 'prod', team: 'analytics', 'cost:centre': '42' } }));
    const all = await k.send(new ListTagsForStreamCommand({ StreamName: 's' }));
    assert.deepEqual(all.Tags, [{ Key: 'cost:centre', Value: '42' }, { Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'analytics' }]);
    assert.equal(all.HasMoreTags, false);
    const page = await k.send(new ListTagsForStreamCommand({ StreamARN: arn('s'), Limit: 1, ExclusiveStartTagKey: 'cost:centre' }));
    assert.deepEqual(page.Tags, [{ Key: 'env', Value: 'prod' }]);
    assert.equal(page.HasMoreTags, true);
    await k.send(new RemoveTagsFromStreamCommand({ StreamName: 's', TagKeys: ['env', 'absent'] }));
    assert.deepEqual((await k.send(new ListTagsForResourceCommand({ ResourceARN: arn('s') }))).Tags!.map((t) => t.Key), ['cost:centre', 'team']);
  });

  it('refuses a 51st tag and an aws: key', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1, Tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) }));
    await rejectsWith(k.send(new AddTagsToStreamCommand({ StreamName: 's', Tags: { one: 'more' } })), 'InvalidArgumentException', 400,
      `Failed to add tags to stream s under account ${TEST_ACCOUNT} because a given stream cannot have more than 50 tags associated with it.`);
    await k.send(new AddTagsToStreamCommand({ StreamName: 's', Tags: { k0: 'replaced' } }));
    await rejectsWith(k.send(new TagResourceCommand({ ResourceARN: arn('s'), Tags: { 'aws:x': 'v' } })), 'InvalidArgumentException', 400, /aws: is reserved/);
  });
});

describe('Consumers', () => {
  it('registers, describes (by ARN, or by stream and name), lists, tags and deregisters a consumer', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1 }));
    const c = (await k.send(new RegisterStreamConsumerCommand({ StreamARN: arn('s'), ConsumerName: 'app', Tags: { owner: 'me' } }))).Consumer!;
    assert.match(c.ConsumerARN!, new RegExp(`^${arn('s')}/consumer/app:\\d{10}$`));
    assert.equal(c.ConsumerStatus, 'ACTIVE');
    await rejectsWith(k.send(new RegisterStreamConsumerCommand({ StreamARN: arn('s'), ConsumerName: 'app' })), 'ResourceInUseException', 400);
    const byName = (await k.send(new DescribeStreamConsumerCommand({ StreamARN: arn('s'), ConsumerName: 'app' }))).ConsumerDescription!;
    assert.equal(byName.ConsumerARN, c.ConsumerARN);
    assert.equal(byName.StreamARN, arn('s'));
    await k.send(new RegisterStreamConsumerCommand({ StreamARN: arn('s'), ConsumerName: 'second' }));
    const page = await k.send(new ListStreamConsumersCommand({ StreamARN: arn('s'), MaxResults: 1 }));
    assert.deepEqual(page.Consumers!.map((x) => x.ConsumerName), ['app']);
    assert.deepEqual((await k.send(new ListStreamConsumersCommand({ StreamARN: arn('s'), NextToken: page.NextToken }))).Consumers!.map((x) => x.ConsumerName), ['second']);
    await k.send(new TagResourceCommand({ ResourceARN: c.ConsumerARN, Tags: { stage: 'beta' } }));
    await k.send(new UntagResourceCommand({ ResourceARN: c.ConsumerARN, TagKeys: ['owner'] }));
    assert.deepEqual((await k.send(new ListTagsForResourceCommand({ ResourceARN: c.ConsumerARN }))).Tags, [{ Key: 'stage', Value: 'beta' }]);
    await k.send(new DeregisterStreamConsumerCommand({ ConsumerARN: c.ConsumerARN }));
    await rejectsWith(k.send(new DescribeStreamConsumerCommand({ ConsumerARN: c.ConsumerARN })), 'ResourceNotFoundException', 400,
      `Consumer app under stream s not found for account ${TEST_ACCOUNT}.`);
  });
});

describe('Stream settings', () => {
  it('starts and stops encryption, which records then carry', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1 }));
    await rejectsWith(k.send(new StartStreamEncryptionCommand({ StreamName: 's', EncryptionType: 'NONE', KeyId: 'k' })), 'InvalidArgumentException', 400);
    await k.send(new StartStreamEncryptionCommand({ StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
    const s = (await k.send(new DescribeStreamSummaryCommand({ StreamName: 's' }))).StreamDescriptionSummary!;
    assert.equal(s.EncryptionType, 'KMS');
    assert.equal(s.KeyId, 'alias/aws/kinesis');
    assert.equal((await k.send(new PutRecordCommand({ StreamName: 's', Data: Buffer.from('x'), PartitionKey: 'k' }))).EncryptionType, 'KMS');
    const it = (await k.send(new GetShardIteratorCommand({ StreamName: 's', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    assert.equal((await k.send(new GetRecordsCommand({ ShardIterator: it }))).Records![0].EncryptionType, 'KMS');
    await k.send(new StopStreamEncryptionCommand({ StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
    assert.equal((await k.send(new DescribeStreamSummaryCommand({ StreamName: 's' }))).StreamDescriptionSummary!.EncryptionType, 'NONE');
  });

  it('enables and disables shard-level metrics, ALL meaning all seven', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1 }));
    const on = await k.send(new EnableEnhancedMonitoringCommand({ StreamName: 's', ShardLevelMetrics: ['IncomingBytes'] }));
    assert.deepEqual([on.CurrentShardLevelMetrics, on.DesiredShardLevelMetrics], [[], ['IncomingBytes']]);
    const all = await k.send(new EnableEnhancedMonitoringCommand({ StreamName: 's', ShardLevelMetrics: ['ALL'] }));
    assert.equal(all.DesiredShardLevelMetrics!.length, 7);
    const off = await k.send(new DisableEnhancedMonitoringCommand({ StreamARN: arn('s'), ShardLevelMetrics: ['IncomingBytes', 'OutgoingBytes'] }));
    assert.equal(off.DesiredShardLevelMetrics!.length, 5);
    assert.equal((await k.send(new DescribeStreamSummaryCommand({ StreamName: 's' }))).StreamDescriptionSummary!.EnhancedMonitoring![0].ShardLevelMetrics!.length, 5);
  });

  it('switches the capacity mode, refusing a switch to the mode it has, and raises the largest record', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1 }));
    await rejectsWith(k.send(new UpdateStreamModeCommand({ StreamARN: arn('s'), StreamModeDetails: { StreamMode: 'PROVISIONED' } })), 'InvalidArgumentException', 400);
    await k.send(new UpdateStreamModeCommand({ StreamARN: arn('s'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    assert.equal((await k.send(new DescribeStreamSummaryCommand({ StreamName: 's' }))).StreamDescriptionSummary!.StreamModeDetails!.StreamMode, 'ON_DEMAND');
    await k.send(new UpdateMaxRecordSizeCommand({ StreamARN: arn('s'), MaxRecordSizeInKiB: 2048 }));
    await k.send(new PutRecordCommand({ StreamName: 's', Data: Buffer.alloc(1024 * 1024 + 1), PartitionKey: 'k' }));
  });
});

describe('Resource policies', () => {
  it('attaches, reads and removes a stream\'s policy, refusing one that is not a resource policy', async () => {
    const k = rg.server.kinesis();
    await k.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1 }));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'kinesis:PutRecords', Resource: arn('s') }] });
    await rejectsWith(k.send(new PutResourcePolicyCommand({ ResourceARN: arn('s'), Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kinesis:*","Resource":"*"}]}' })), 'InvalidArgumentException', 400);
    await k.send(new PutResourcePolicyCommand({ ResourceARN: arn('s'), Policy: policy }));
    assert.equal((await k.send(new GetResourcePolicyCommand({ ResourceARN: arn('s') }))).Policy, policy);
    await k.send(new DeleteResourcePolicyCommand({ ResourceARN: arn('s') }));
    assert.equal((await k.send(new GetResourcePolicyCommand({ ResourceARN: arn('s') }))).Policy, '{}');
  });
});
