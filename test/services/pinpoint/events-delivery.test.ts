// Pinpoint delivering PutEvents' events for real, through @aws-sdk/client-pinpoint, read back with
// @aws-sdk/client-kinesis (GetShardIterator / GetRecords) and through S3 for Firehose: as the
// stream's role assumed by pinpoint.amazonaws.com (the seeds' role and policies), each event once,
// in Pinpoint's app-event format. A role that may not put delivers nothing, the admin route and the
// decision log show why, and once PutRolePolicy fixes it every event arrives exactly once;
// DeleteEventStream discards what was waiting.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAppCommand, DeleteEventStreamCommand, GetEndpointCommand, PutEventsCommand, PutEventStreamCommand, type EventsBatch } from '@aws-sdk/client-pinpoint';
import { PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateStreamCommand, DeleteStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { useRolegate, TEST_ACCOUNT } from '../../support/server.js';
import { allow, decisions as decisionsOf, firehoseArn, kinesisArn, outbox as outboxOf, role as roleOf, roleArn, waitFor } from './support.js';

const rg = useRolegate({
  env: {
    ROLEGATE_JOB_POLL_MS: '20', ROLEGATE_PINPOINT_EVENT_RETRY_MS: '100', ROLEGATE_KINESIS_THROTTLING: 'off',
    ROLEGATE_FIREHOSE_CREATE_MS: '100', ROLEGATE_FIREHOSE_RETRY_MS: '100',
  },
});
const pp = () => rg.server.pinpoint();
const newApp = async () => (await pp().send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'events' } }))).ApplicationResponse!.Id!;
const role = (name: string, actions: string[], resource: string, trust?: string) => roleOf(rg.iam, name, actions, resource, trust);
const outbox = (appId: string) => outboxOf(rg.server.endpoint, appId);
const decisions = (query: string) => decisionsOf(rg.server.endpoint, query);

async function readStream(k: KinesisClient, stream: string): Promise<{ partitionKey: string; data: string }[]> {
  const out: { partitionKey: string; data: string }[] = [];
  for (const shard of (await k.send(new ListShardsCommand({ StreamName: stream }))).Shards!) {
    let it = (await k.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (;;) {
      const r = await k.send(new GetRecordsCommand({ ShardIterator: it }));
      for (const rec of r.Records!) out.push({ partitionKey: rec.PartitionKey!, data: Buffer.from(rec.Data!).toString() });
      if (r.MillisBehindLatest === 0) break;
      it = r.NextShardIterator;
    }
  }
  return out;
}

async function s3Lines(bucket: string): Promise<string[]> {
  const s3 = rg.server.s3();
  const keys = ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!);
  const lines: string[] = [];
  for (const Key of keys) {
    const body = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key }))).Body!.transformToByteArray()).toString();
    lines.push(...body.split('\n').filter(Boolean));
  }
  return lines;
}

/** `n` events for endpoint `endpointId`, tagged `tag-i` in their attribute `n`. */
function events(tag: string, n: number, endpoint: EventsBatch['Endpoint'] = {}): EventsBatch {
  const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)).toISOString();
  return { Endpoint: endpoint, Events: Object.fromEntries(Array.from({ length: n }, (_, i) => [`${tag}-${i}`, { EventType: 'purchase', Timestamp: at, Attributes: { n: `${tag}-${i}` }, Metrics: { price: i } }])) };
}

const putEvents = (ApplicationId: string, BatchItem: Record<string, EventsBatch>) => pp().send(new PutEventsCommand({ ApplicationId, EventsRequest: { BatchItem } }));

async function kinesisApp(stream: string, roleName: string, actions = ['kinesis:PutRecords', 'kinesis:DescribeStream']): Promise<string> {
  const app = await newApp();
  await rg.server.kinesis().send(new CreateStreamCommand({ StreamName: stream, ShardCount: 2 }));
  const arn = await role(roleName, actions, kinesisArn(stream));
  await pp().send(new PutEventStreamCommand({ ApplicationId: app, WriteEventStream: { DestinationStreamArn: kinesisArn(stream), RoleArn: arn } }));
  return app;
}

const tagsOf = (records: { data: string }[]) => records.map((r) => (JSON.parse(r.data) as { attributes: { n: string } }).attributes.n).sort();
const expected = (...sets: [string, number][]) => sets.flatMap(([tag, n]) => Array.from({ length: n }, (_, i) => `${tag}-${i}`)).sort();

describe('delivery to a Kinesis data stream', () => {
  it('streams every accepted event once, in Pinpoint’s app-event format, as the seeds’ role assumed by pinpoint.amazonaws.com', async () => {
    const app = await kinesisApp('pp-stream', 'pp-role');
    const before = Date.now();
    const out = await putEvents(app, {
      'ep-1': events('a', 3, { ChannelType: 'EMAIL', Address: 'ana@example.com', Demographic: { Platform: 'ios', PlatformVersion: '17.1', Locale: 'en_US', Make: 'Apple', Model: 'iPhone', AppVersion: '2.0' }, User: { UserId: 'u1' } }),
      'ep-2': events('b', 2),
    });
    assert.equal(out.$metadata.httpStatusCode, 202);
    await putEvents(app, { 'ep-1': events('c', 4) });
    await waitFor('every event delivered', async () => (await outbox(app)).delivered === 9);
    const records = await readStream(rg.server.kinesis(), 'pp-stream');
    assert.deepEqual(tagsOf(records), expected(['a', 3], ['b', 2], ['c', 4]), 'each event exactly once');
    const first = records.find((r) => r.data.includes('"a-0"'))!;
    assert.equal(first.partitionKey, 'ep-1', "the endpoint's id is the partition key");
    const rec = JSON.parse(first.data);
    assert.equal(rec.event_type, 'purchase');
    assert.equal(rec.event_timestamp, Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    assert.ok(rec.arrival_timestamp >= before && rec.arrival_timestamp <= Date.now());
    assert.equal(rec.event_version, '3.1');
    assert.equal(rec.application.app_id, app);
    assert.equal(rec.application.version_name, '2.0');
    assert.deepEqual(rec.client, { client_id: 'ep-1' });
    assert.deepEqual(rec.device, { locale: { code: 'en_US', country: 'US', language: 'en' }, make: 'Apple', model: 'iPhone', platform: { name: 'ios', version: '17.1' } });
    assert.deepEqual(rec.attributes, { n: 'a-0' });
    assert.deepEqual(rec.metrics, { price: 0 });
    assert.deepEqual(rec.client_context, { custom: { legacy_identifier: app } });
    assert.equal(rec.awsAccountId, TEST_ACCOUNT);
    assert.equal(rec.endpoint.ChannelType, 'EMAIL');
    assert.equal(rec.endpoint.Address, undefined, 'the stream shows no address');
    assert.equal(rec.endpoint.User.UserId, 'u1');
    assert.ok(!first.data.endsWith('\n'), 'a Kinesis record is the bare JSON');
    // The endpoint was updated by the same request.
    const e = (await pp().send(new GetEndpointCommand({ ApplicationId: app, EndpointId: 'ep-1' }))).EndpointResponse!;
    assert.equal(e.Address, 'ana@example.com');
    const state = await outbox(app);
    assert.equal(state.pending, 0);
    assert.equal(state.failure, undefined);
    // The role's session put the records, decided as any caller.
    const put = await decisions(`principal=${encodeURIComponent(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/pp-role/AmazonPinpointEventStream`)}&action=kinesis:PutRecords`);
    assert.ok(put.length >= 1 && put.every((d) => d.result === 'Allowed' && d.resource === kinesisArn('pp-stream')));
  });

  it('a role that may not kinesis:PutRecords delivers nothing, and shows AccessDeniedException; after PutRolePolicy every event arrives exactly once', async () => {
    const app = await kinesisApp('denied-stream', 'describe-only', ['kinesis:DescribeStream']);
    for (let i = 0; i < 3; i++) await putEvents(app, { [`ep-${i}`]: events(`d${i}`, 20) });
    const failed = await waitFor('a failure', async () => (await outbox(app)).failure);
    assert.equal(failed.code, 'AccessDeniedException');
    assert.match(failed.message, /assumed-role\/describe-only\/AmazonPinpointEventStream is not authorized to perform: kinesis:PutRecords/);
    await new Promise((r) => setTimeout(r, 300));
    const waiting = await outbox(app);
    assert.equal(waiting.pending, 60);
    assert.equal(waiting.delivered, 0);
    assert.ok(waiting.failure!.at >= waiting.failure!.since, 'retried, keeping when the failures began');
    assert.deepEqual(await readStream(rg.server.kinesis(), 'denied-stream'), []);
    // The decision log shows Pinpoint's session of the role being refused.
    const denied = await decisions(`principal=${encodeURIComponent(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/describe-only/AmazonPinpointEventStream`)}&action=kinesis:PutRecords`);
    assert.ok(denied.length >= 2, 'each retry is decided');
    assert.ok(denied.every((d) => d.result === 'ImplicitlyDenied' && d.resource === kinesisArn('denied-stream')));
    // More events while refused, then the fix: each event once.
    await putEvents(app, { 'ep-late': events('late', 5) });
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'describe-only', PolicyName: 'events', PolicyDocument: allow(['kinesis:PutRecords', 'kinesis:DescribeStream'], kinesisArn('denied-stream')) }));
    await waitFor('every event delivered', async () => (await outbox(app)).pending === 0);
    const state = await outbox(app);
    assert.equal(state.delivered, 65);
    assert.equal(state.failure, undefined, 'the failure clears once delivered');
    assert.deepEqual(tagsOf(await readStream(rg.server.kinesis(), 'denied-stream')), expected(['d0', 20], ['d1', 20], ['d2', 20], ['late', 5]));
  });

  it('a deleted Kinesis stream keeps the events with ResourceNotFoundException until DeleteEventStream discards them', async () => {
    const app = await kinesisApp('short-lived', 'short-role');
    await rg.server.kinesis().send(new DeleteStreamCommand({ StreamName: 'short-lived' }));
    await putEvents(app, { e: events('x', 10) });
    const failed = await waitFor('a failure', async () => (await outbox(app)).failure);
    assert.equal(failed.code, 'ResourceNotFoundException');
    assert.equal((await outbox(app)).pending, 10);
    const deleted = await pp().send(new DeleteEventStreamCommand({ ApplicationId: app }));
    assert.equal(deleted.EventStream!.DestinationStreamArn, kinesisArn('short-lived'));
    const state = await outbox(app);
    assert.equal(state.pending, 0, 'the waiting events are discarded');
    assert.equal(state.failure, undefined);
    // With the stream back, nothing of before is delivered; new events are.
    await rg.server.kinesis().send(new CreateStreamCommand({ StreamName: 'short-lived', ShardCount: 1 }));
    await pp().send(new PutEventStreamCommand({ ApplicationId: app, WriteEventStream: { DestinationStreamArn: kinesisArn('short-lived'), RoleArn: roleArn('short-role') } }));
    await putEvents(app, { e: events('y', 3) });
    await waitFor('the new events', async () => (await outbox(app)).delivered === 3);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(tagsOf(await readStream(rg.server.kinesis(), 'short-lived')), expected(['y', 3]));
  });
});

describe('delivery to a Firehose delivery stream', () => {
  it('puts each event once as a JSON line through PutRecordBatch; Firehose writes them to S3', async () => {
    const app = await newApp();
    await rg.server.s3().send(new CreateBucketCommand({ Bucket: 'pp-lake' }));
    const fhTrust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const deliveryRole = await role('lake-writer', ['s3:PutObject'], 'arn:aws:s3:::pp-lake/*', fhTrust);
    const fh = rg.server.firehose();
    await fh.send(new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'pp-fh', ExtendedS3DestinationConfiguration: { RoleARN: deliveryRole, BucketARN: 'arn:aws:s3:::pp-lake', BufferingHints: { IntervalInSeconds: 1 } },
    }));
    await waitFor('ACTIVE', async () => (await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'pp-fh' }))).DeliveryStreamDescription!.DeliveryStreamStatus === 'ACTIVE');
    // The seeds' Firehose permissions policy.
    const arn = await role('pp-fh-role', ['firehose:PutRecordBatch', 'firehose:DescribeDeliveryStream'], firehoseArn('pp-fh'));
    await pp().send(new PutEventStreamCommand({ ApplicationId: app, WriteEventStream: { DestinationStreamArn: firehoseArn('pp-fh'), RoleArn: arn } }));
    await putEvents(app, { 'ep-1': events('f', 30), 'ep-2': events('g', 7) });
    await waitFor('the events delivered to Firehose', async () => (await outbox(app)).delivered === 37);
    const lines = await waitFor('the objects in S3', async () => {
      const l = await s3Lines('pp-lake');
      return l.length >= 37 ? l : undefined;
    });
    assert.deepEqual(tagsOf(lines.map((data) => ({ data }))), expected(['f', 30], ['g', 7]));
    const rec = JSON.parse(lines[0]);
    assert.equal(rec.application.app_id, app);
    assert.equal(rec.event_type, 'purchase');
    const put = await decisions(`principal=${encodeURIComponent(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/pp-fh-role/AmazonPinpointEventStream`)}&action=firehose:PutRecordBatch`);
    assert.ok(put.length >= 1 && put.every((d) => d.result === 'Allowed'));
  });

  it('refuses, in its item, an event whose stream record would be larger than Firehose takes (1,000 KiB), and keeps the others', async () => {
    const app = await newApp();
    const fhTrust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await rg.server.s3().send(new CreateBucketCommand({ Bucket: 'big-lake' }));
    const fh = rg.server.firehose();
    await fh.send(new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'big-fh', ExtendedS3DestinationConfiguration: { RoleARN: await role('big-writer', ['s3:PutObject'], 'arn:aws:s3:::big-lake/*', fhTrust), BucketARN: 'arn:aws:s3:::big-lake' },
    }));
    await waitFor('ACTIVE', async () => (await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'big-fh' }))).DeliveryStreamDescription!.DeliveryStreamStatus === 'ACTIVE');
    const arn = await role('big-fh-role', ['firehose:PutRecordBatch', 'firehose:DescribeDeliveryStream'], firehoseArn('big-fh'));
    await pp().send(new PutEventStreamCommand({ ApplicationId: app, WriteEventStream: { DestinationStreamArn: firehoseArn('big-fh'), RoleArn: arn } }));
    const at = new Date().toISOString();
    // Under PutEvents' 1,000 KB an event, but not once Pinpoint's record wraps it.
    const out = await putEvents(app, { e: { Endpoint: {}, Events: { big: { EventType: 't', Timestamp: at, AppTitle: 'x'.repeat(1_023_800) }, small: { EventType: 't', Timestamp: at } } } });
    const items = out.EventsResponse!.Results!.e.EventsItemResponse!;
    assert.deepEqual(items.big, { StatusCode: 400, Message: 'Event size should be less than 1000 KB.' });
    assert.deepEqual(items.small, { StatusCode: 202, Message: 'Accepted' });
    await waitFor('the small event delivered', async () => (await outbox(app)).delivered === 1);
    assert.equal((await outbox(app)).pending, 0);
  });
});
