// Pinpoint's event streams through @aws-sdk/client-pinpoint against a started server:
// PutEventStream (validated, and checked as the role Pinpoint assumes: it must trust
// pinpoint.amazonaws.com and describe the stream), GetEventStream, DeleteEventStream, and PutEvents'
// answers when no stream is configured. Delivery itself is in events-delivery.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAppCommand, DeleteEventStreamCommand, GetEndpointCommand, GetEventStreamCommand, PutEventsCommand, PutEventStreamCommand, type EventsBatch,
} from '@aws-sdk/client-pinpoint';
import { CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { useRolegate, TEST_ACCOUNT, TEST_ROOT } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { basic, decisions as decisionsOf, firehoseArn, kinesisArn, outboxRoute, role as roleOf, roleArn } from './support.js';

const rg = useRolegate({ env: { ROLEGATE_JOB_POLL_MS: '20', ROLEGATE_FIREHOSE_CREATE_MS: '100' } });
const pp = () => rg.server.pinpoint();
const newApp = async () => (await pp().send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'events' } }))).ApplicationResponse!.Id!;
const role = (name: string, actions: string[], resource: string, trust?: string) => roleOf(rg.iam, name, actions, resource, trust);

const kinesisRole = (name: string, stream: string) => role(name, ['kinesis:PutRecords', 'kinesis:DescribeStream'], kinesisArn(stream));
const putStream = (ApplicationId: string, DestinationStreamArn: string, RoleArn: string) => pp().send(new PutEventStreamCommand({ ApplicationId, WriteEventStream: { DestinationStreamArn, RoleArn } }));

const outbox = (appId: string, auth?: string) => outboxRoute(rg.server.endpoint, appId, auth);
const decisions = (query: string) => decisionsOf(rg.server.endpoint, query);

describe('PutEventStream, GetEventStream and DeleteEventStream', () => {
  it('put a Kinesis stream with the seeds’ role, read it back, and delete it (answering the deleted stream)', async () => {
    const app = await newApp();
    await rg.server.kinesis().send(new CreateStreamCommand({ StreamName: 'pp-events', ShardCount: 1 }));
    const arn = await kinesisRole('pp-kinesis', 'pp-events');
    const put = (await putStream(app, kinesisArn('pp-events'), arn)).EventStream!;
    assert.equal(put.ApplicationId, app);
    assert.equal(put.DestinationStreamArn, kinesisArn('pp-events'));
    assert.equal(put.RoleArn, arn);
    assert.equal(put.ExternalId, undefined, 'ExternalId is deprecated and not set');
    assert.ok(Date.parse(put.LastModifiedDate!) > 0);
    assert.equal(put.LastUpdatedBy, `arn:aws:iam::${TEST_ACCOUNT}:root`);
    const got = (await pp().send(new GetEventStreamCommand({ ApplicationId: app }))).EventStream!;
    assert.deepEqual(got, put);
    // Pinpoint assumed the role as pinpoint.amazonaws.com and described the stream with it.
    const assumed = await decisions(`principal=pinpoint.amazonaws.com&action=sts:AssumeRole`);
    assert.ok(assumed.some((d) => d.result === 'Allowed' && d.resource === arn));
    const described = await decisions(`principal=${encodeURIComponent(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/pp-kinesis/AmazonPinpointEventStream`)}&action=kinesis:DescribeStream`);
    assert.ok(described.some((d) => d.result === 'Allowed' && d.resource === kinesisArn('pp-events')));
    const deleted = await pp().send(new DeleteEventStreamCommand({ ApplicationId: app }));
    assert.deepEqual(deleted.EventStream, put);
    await rejectsWith(pp().send(new GetEventStreamCommand({ ApplicationId: app })), 'NotFoundException', 404);
  });

  it('replaces the stream on a second PutEventStream (one stream per app), to a Firehose stream with the seeds’ Firehose role', async () => {
    const app = await newApp();
    await rg.server.kinesis().send(new CreateStreamCommand({ StreamName: 'first', ShardCount: 1 }));
    await putStream(app, kinesisArn('first'), await kinesisRole('first-role', 'first'));
    await rg.server.s3().send(new CreateBucketCommand({ Bucket: 'fh-out' }));
    const fhTrust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const deliveryRole = await role('fh-delivery', ['s3:PutObject'], 'arn:aws:s3:::fh-out/*', fhTrust);
    await rg.server.firehose().send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'pp-fh', ExtendedS3DestinationConfiguration: { RoleARN: deliveryRole, BucketARN: 'arn:aws:s3:::fh-out' } }));
    const fhRole = await role('pp-firehose', ['firehose:PutRecordBatch', 'firehose:DescribeDeliveryStream'], firehoseArn('pp-fh'));
    const put = (await putStream(app, firehoseArn('pp-fh'), fhRole)).EventStream!;
    assert.equal(put.DestinationStreamArn, firehoseArn('pp-fh'));
    assert.equal((await pp().send(new GetEventStreamCommand({ ApplicationId: app }))).EventStream!.RoleArn, fhRole);
    assert.ok((await rg.server.firehose().send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'pp-fh' }))).DeliveryStreamDescription);
  });

  it('answer NotFoundException for an app with no stream, and for an app that does not exist', async () => {
    const app = await newApp();
    await rejectsWith(pp().send(new GetEventStreamCommand({ ApplicationId: app })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new DeleteEventStreamCommand({ ApplicationId: app })), 'NotFoundException', 404);
    const ghost = 'f'.repeat(32);
    await rejectsWith(pp().send(new GetEventStreamCommand({ ApplicationId: ghost })), 'NotFoundException', 404);
    await rejectsWith(putStream(ghost, kinesisArn('x'), roleArn('x')), 'NotFoundException', 404);
  });

  it('refuses a DestinationStreamArn that is not a Kinesis or Firehose stream ARN, and a RoleArn that is not a role’s (BadRequestException)', async () => {
    const app = await newApp();
    const arn = roleArn('any');
    for (const bad of ['arn:aws:s3:::bucket', `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:table/x`, `arn:aws:firehose:us-east-1:${TEST_ACCOUNT}:stream/x`, 'stream-name', `arn:aws:kinesis:us-east-1:12345:stream/x`]) {
      await rejectsWith(putStream(app, bad, arn), 'BadRequestException', 400, /^Invalid DestinationStreamArn/);
    }
    for (const bad of [`arn:aws:iam::${TEST_ACCOUNT}:user/u`, 'role', `arn:aws:iam::${TEST_ACCOUNT}:role/`]) {
      await rejectsWith(putStream(app, kinesisArn('s'), bad), 'BadRequestException', 400, /^Invalid RoleArn/);
    }
    await rejectsWith(pp().send(new GetEventStreamCommand({ ApplicationId: app })), 'NotFoundException', 404, undefined);
  });

  it('refuses a role that does not trust pinpoint.amazonaws.com, or may not describe the stream, or a stream that is not there — and keeps nothing', async () => {
    const app = await newApp();
    await rg.server.kinesis().send(new CreateStreamCommand({ StreamName: 'checked', ShardCount: 1 }));
    const untrusting = await role('untrusting', ['kinesis:PutRecords', 'kinesis:DescribeStream'], kinesisArn('checked'),
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
    await rejectsWith(putStream(app, kinesisArn('checked'), untrusting), 'BadRequestException', 400,
      /^Destination stream validation failed: Amazon Pinpoint could not assume the role .*untrusting.*make sure the IAM Role is configured correctly\.$/);
    const refused = await decisions('principal=pinpoint.amazonaws.com&action=sts:AssumeRole&result=Denied');
    assert.ok(refused.some((d) => d.resource === untrusting));

    const putOnly = await role('put-only', ['kinesis:PutRecords'], kinesisArn('checked'));
    await rejectsWith(putStream(app, kinesisArn('checked'), putOnly), 'BadRequestException', 400, /could not describe the stream .*kinesis:DescribeStream.*make sure the IAM Role is configured correctly/);

    const everywhere = await role('everywhere', ['kinesis:PutRecords', 'kinesis:DescribeStream'], kinesisArn('*'));
    await rejectsWith(putStream(app, kinesisArn('nowhere'), everywhere), 'BadRequestException', 400, /could not describe the stream .*ResourceNotFoundException/);
    await rejectsWith(putStream(app, firehoseArn('nowhere'), everywhere), 'BadRequestException', 400, /could not describe the stream .*nowhere/);
    await rejectsWith(pp().send(new GetEventStreamCommand({ ApplicationId: app })), 'NotFoundException', 404);
  });

  it('decides aws:SourceArn in the trust policy: a role trusting Pinpoint for another app only is refused', async () => {
    const app = await newApp();
    await rg.server.kinesis().send(new CreateStreamCommand({ StreamName: 'scoped', ShardCount: 1 }));
    const trust = (appId: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{
      Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:apps/${appId}` } },
    }] });
    const other = await role('other-app', ['kinesis:PutRecords', 'kinesis:DescribeStream'], kinesisArn('scoped'), trust('0'.repeat(32)));
    await rejectsWith(putStream(app, kinesisArn('scoped'), other), 'BadRequestException', 400, /could not assume the role/);
    const ours = await role('this-app', ['kinesis:PutRecords', 'kinesis:DescribeStream'], kinesisArn('scoped'), trust(app));
    assert.equal((await putStream(app, kinesisArn('scoped'), ours)).EventStream!.RoleArn, ours);
  });
});

const batch = (events: Record<string, { EventType?: string; Timestamp?: string; Attributes?: Record<string, string> }>, endpoint: EventsBatch['Endpoint'] = {}): EventsBatch =>
  ({ Endpoint: endpoint, Events: events as EventsBatch['Events'] });

describe('PutEvents with no event stream', () => {
  it('accepts the events (202, each Accepted), updates the endpoint, and keeps nothing to deliver', async () => {
    const app = await newApp();
    const now = new Date().toISOString();
    const out = await pp().send(new PutEventsCommand({
      ApplicationId: app,
      EventsRequest: { BatchItem: { e1: batch({ a: { EventType: 'session.start', Timestamp: now }, b: { EventType: 'buy', Timestamp: now, Attributes: { item: 'x' } } }, { ChannelType: 'EMAIL', Address: 'ana@example.com', Demographic: { Platform: 'ios' } }) } },
    }));
    assert.equal(out.$metadata.httpStatusCode, 202);
    assert.deepEqual(out.EventsResponse!.Results, {
      e1: { EndpointItemResponse: { StatusCode: 202, Message: 'Accepted' }, EventsItemResponse: { a: { StatusCode: 202, Message: 'Accepted' }, b: { StatusCode: 202, Message: 'Accepted' } } },
    });
    const e = (await pp().send(new GetEndpointCommand({ ApplicationId: app, EndpointId: 'e1' }))).EndpointResponse!;
    assert.equal(e.Address, 'ana@example.com');
    assert.equal(e.Demographic?.Platform, 'ios');
    const state = await outbox(app);
    assert.equal(state.status, 200);
    assert.equal(state.body.pending, 0);
    assert.equal(state.body.eventStream, undefined);
  });

  it('answers a refused event with 400 in its item and the others with 202; an invalid endpoint with 400 in EndpointItemResponse', async () => {
    const app = await newApp();
    const now = new Date().toISOString();
    const out = await pp().send(new PutEventsCommand({
      ApplicationId: app,
      EventsRequest: { BatchItem: { e1: batch({ ok: { EventType: 'a', Timestamp: now }, bad: { EventType: 'b', Timestamp: 'yesterday' } }, { ChannelType: 'EMAIL', Address: 'not-an-email' }) } },
    }));
    const r = out.EventsResponse!.Results!.e1;
    assert.equal(r.EndpointItemResponse!.StatusCode, 400);
    assert.deepEqual(r.EventsItemResponse!.ok, { StatusCode: 202, Message: 'Accepted' });
    assert.equal(r.EventsItemResponse!.bad.StatusCode, 400);
    assert.match(r.EventsItemResponse!.bad.Message!, /Invalid event timestamp/);
    await rejectsWith(pp().send(new GetEndpointCommand({ ApplicationId: app, EndpointId: 'e1' })), 'NotFoundException', 404);
  });

  it('refuses more than 100 events in a request whole (BadRequestException), and an unknown app (NotFoundException)', async () => {
    const app = await newApp();
    const now = new Date().toISOString();
    const events = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`ev${i}`, { EventType: 't', Timestamp: now }]));
    await rejectsWith(pp().send(new PutEventsCommand({ ApplicationId: app, EventsRequest: { BatchItem: { e1: batch(events) } } })), 'BadRequestException', 400, /exceeds the maximum of 100 events/);
    await rejectsWith(pp().send(new PutEventsCommand({ ApplicationId: 'f'.repeat(32), EventsRequest: { BatchItem: { e1: batch({ a: { EventType: 't', Timestamp: now } }) } } })), 'NotFoundException', 404);
  });
});

describe('the admin route /_rolegate/pinpoint/apps/{id}/event-stream', () => {
  it('needs the account root’s key (401), and does not find another or an unknown app (404)', async () => {
    const app = await newApp();
    assert.equal((await outbox(app, '')).status, 401);
    assert.equal((await outbox(app, 'Basic ' + Buffer.from(`${TEST_ROOT.accessKeyId}:wrong`).toString('base64'))).status, 401);
    assert.equal((await outbox('0'.repeat(32))).status, 404);
    const r = await fetch(`${rg.server.endpoint}/_rolegate/pinpoint/apps/${app}/event-stream`, { method: 'POST', headers: { authorization: basic } });
    assert.equal(r.status, 405);
  });
});
