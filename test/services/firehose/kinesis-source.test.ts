// A delivery stream with a Kinesis source, through @aws-sdk/client-kinesis and client-firehose:
// CreateDeliveryStream describes the source as its role first; the stream reads from the moment it
// is ACTIVE (LATEST), as its role, and delivers what it reads to S3; producers cannot put to it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, PutRecordBatchCommand, PutRecordCommand } from '@aws-sdk/client-firehose';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { useRolegate, TEST_ACCOUNT, TEST_ROOT } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { body, decisions, FAST_FIREHOSE, firehoseTrust, keysIn, roleArn, waitActive, waitFor } from './support.js';

const rg = useRolegate({ env: { ...FAST_FIREHOSE, ROLEGATE_FIREHOSE_KINESIS_POLL_MS: '100', ROLEGATE_KINESIS_STATE_MS: '0' } });
const STREAM_ARN = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/source`;
const kinesis = () => new KinesisClient({ endpoint: rg.server.endpoint, region: 'us-east-1', credentials: TEST_ROOT, maxAttempts: 1 });

async function sourceStream(shards = 2) {
  const k = kinesis();
  await k.send(new CreateStreamCommand({ StreamName: 'source', ShardCount: shards }));
  await waitFor('the Kinesis stream', async () => (await k.send(new DescribeStreamSummaryCommand({ StreamName: 'source' }))).StreamDescriptionSummary?.StreamStatus === 'ACTIVE');
  return k;
}

async function readerRole(name: string, canRead: boolean) {
  await rg.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: firehoseTrust }));
  const statements: unknown[] = [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::ks-out/*' }];
  if (canRead) statements.push({ Effect: 'Allow', Action: ['kinesis:DescribeStream', 'kinesis:GetShardIterator', 'kinesis:GetRecords', 'kinesis:ListShards'], Resource: STREAM_ARN });
  await rg.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'read-and-deliver', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
  return roleArn(name);
}

const create = (role: string, name = 'from-kinesis') => rg.server.firehose().send(new CreateDeliveryStreamCommand({
  DeliveryStreamName: name, DeliveryStreamType: 'KinesisStreamAsSource',
  KinesisStreamSourceConfiguration: { KinesisStreamARN: STREAM_ARN, RoleARN: role },
  ExtendedS3DestinationConfiguration: { RoleARN: role, BucketARN: 'arn:aws:s3:::ks-out', BufferingHints: { IntervalInSeconds: 1 } },
}));

describe('KinesisStreamAsSource', () => {
  it('reads the stream from the moment it is ACTIVE, as its role, and delivers every record once', async () => {
    const k = await sourceStream();
    await rg.server.s3().send(new CreateBucketCommand({ Bucket: 'ks-out' }));
    await k.send(new PutRecordsCommand({ StreamName: 'source', Records: [{ Data: Buffer.from('before;'), PartitionKey: 'p' }] }));
    const role = await readerRole('ks-reader', true);
    await create(role);
    await waitActive(rg.server.firehose(), 'from-kinesis');
    const d = (await rg.server.firehose().send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'from-kinesis' }))).DeliveryStreamDescription!;
    assert.equal(d.DeliveryStreamType, 'KinesisStreamAsSource');
    assert.equal(d.Source?.KinesisStreamSourceDescription?.KinesisStreamARN, STREAM_ARN);
    assert.ok(d.Source?.KinesisStreamSourceDescription?.DeliveryStartTimestamp instanceof Date);
    const sent = Array.from({ length: 40 }, (_, i) => `k${i};`);
    await k.send(new PutRecordsCommand({ StreamName: 'source', Records: sent.map((s, i) => ({ Data: Buffer.from(s), PartitionKey: `key-${i}` })) }));
    const text = await waitFor('the records in S3', async () => {
      const keys = await keysIn(rg.server.s3(), 'ks-out');
      const all = (await Promise.all(keys.map((key) => body(rg.server.s3(), 'ks-out', key)))).map((b) => b.toString()).join('');
      return all.split(';').filter(Boolean).length >= sent.length ? all : undefined;
    });
    assert.deepEqual(text.split(';').filter(Boolean).map((r) => `${r};`).sort(), [...sent].sort(), 'each record once; none from before the stream was ACTIVE');
    const reads = await decisions(rg.server.endpoint, `principal=${encodeURIComponent(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/ks-reader/AWSFirehoseDelivery`)}&action=kinesis:GetRecords`);
    assert.ok(reads.length > 0 && reads.every((r) => r.result === 'Allowed'));
  });

  it('refuses PutRecord and PutRecordBatch as AWS words it', async () => {
    await sourceStream(1);
    await create(await readerRole('ks-put', true), 'no-puts');
    await waitActive(rg.server.firehose(), 'no-puts');
    const message = 'This operation is not permitted on KinesisStreamAsSource delivery stream type.';
    await rejectsWith(rg.server.firehose().send(new PutRecordCommand({ DeliveryStreamName: 'no-puts', Record: { Data: Buffer.from('x') } })), 'InvalidArgumentException', 400, message);
    await rejectsWith(rg.server.firehose().send(new PutRecordBatchCommand({ DeliveryStreamName: 'no-puts', Records: [{ Data: Buffer.from('x') }] })), 'InvalidArgumentException', 400, message);
  });

  it('is not made when its role may not describe the source stream', async () => {
    await sourceStream(1);
    const err = await rejectsWith(create(await readerRole('ks-blind', false), 'blind'), 'InvalidArgumentException', 400);
    assert.match(err.message, /kinesis:DescribeStream/);
    await rejectsWith(rg.server.firehose().send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'blind' })), 'ResourceNotFoundException', 400);
  });
});
