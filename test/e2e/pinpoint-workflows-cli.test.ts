// The seeds' Pinpoint workflows end to end with the real AWS CLI against a started rolegate: the
// import role (AmazonS3ReadOnlyAccess, trust pinpoint.amazonaws.com) imports an endpoint CSV from a
// bucket into a segment; a role that trusts another service fails the job; an event stream with the
// seeds' permissions policy delivers put-events to Kinesis (read back with get-shard-iterator and
// get-records) and to Firehose (objects in S3); a role without kinesis:PutRecords delivers nothing,
// shows why, and delivers everything once its policy is fixed; an export job writes the endpoints.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { startRolegate, TEST_ACCOUNT, type Rolegate } from '../support/server.js';
import { awsCli, runCli, type CliResult, cliDiagnostic } from '../support/cli.js';

const cli = awsCli();
let server: Rolegate;
const dir = mkdtempSync(join(tmpdir(), 'rolegate-pinpoint-cli-'));
const write = (name: string, v: unknown) => writeFileSync(join(dir, name), typeof v === 'string' ? v : JSON.stringify(v, null, 2));
const aws = (...args: string[]) => runCli(cli, server.endpoint, server.credentials, args, dir);
const ok = (r: CliResult) => {
  assert.equal(r.status, 0, r.stderr);
  return r.json;
};

async function until<T>(what: string, probe: () => T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const pinpointTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
let app: string;

before(async () => {
  server = await startRolegate({ env: { ROLEGATE_JOB_POLL_MS: '20', ROLEGATE_PINPOINT_EVENT_RETRY_MS: '200', ROLEGATE_FIREHOSE_CREATE_MS: '200' } });
  app = ok(aws('pinpoint', 'create-app', '--create-application-request', 'Name=seeds')).ApplicationResponse.Id;
});
after(async () => {
  if (server) await server.stop();
});

const importJob = (roleArn: string, key: string) =>
  ok(aws('pinpoint', 'create-import-job', '--application-id', app, '--import-job-request',
    `S3Url=s3://pinpoint-seeds/${key},RoleArn=${roleArn},Format=CSV,DefineSegment=true,SegmentName=imported,RegisterEndpoints=true`)).ImportJobResponse;

const finishedJob = (kind: 'import' | 'export', id: string) => until(`${kind} job ${id}`, () => {
  const j = ok(aws('pinpoint', `get-${kind}-job`, '--application-id', app, '--job-id', id))[kind === 'import' ? 'ImportJobResponse' : 'ExportJobResponse'];
  return j.JobStatus === 'COMPLETED' || j.JobStatus === 'FAILED' ? j : undefined;
});

test('create-import-job with the seeds\' import role: COMPLETED, the segment and endpoints readable', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  t.diagnostic(`using ${cli.version}`);
  write('PinpointImportTrustPolicy.json', { Version: '2012-10-17', Statement: [{ Sid: 'AllowUserToImportEndpointDefinitions', ...pinpointTrust.Statement[0] }] });
  const role = ok(aws('iam', 'create-role', '--role-name', 'PinpointSegmentImport', '--assume-role-policy-document', 'file://PinpointImportTrustPolicy.json')).Role.Arn;
  assert.equal(aws('iam', 'attach-role-policy', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', '--role-name', 'PinpointSegmentImport').status, 0);
  assert.equal(aws('s3', 'mb', 's3://pinpoint-seeds').status, 0);
  write('endpoints.csv', 'ChannelType,Address,Location.Country,Demographic.Platform,Demographic.Make,User.UserId\nSMS,+16045550182,CA,Android,LG,example-user-id-1\nEMAIL,john.stiles@example.com,US,iOS,Apple,example-user-id-2\n');
  assert.equal(aws('s3', 'cp', 'endpoints.csv', 's3://pinpoint-seeds/imports/endpoints.csv').status, 0);
  const created = importJob(role, 'imports/endpoints.csv');
  assert.equal(created.JobStatus, 'CREATED');
  assert.equal(created.Definition.RoleArn, role);
  const job = await finishedJob('import', created.Id);
  assert.equal(job.JobStatus, 'COMPLETED', JSON.stringify(job.Failures));
  assert.equal(job.TotalProcessed, 2);
  const seg = ok(aws('pinpoint', 'get-segment', '--application-id', app, '--segment-id', job.Definition.SegmentId)).SegmentResponse;
  assert.equal(seg.SegmentType, 'IMPORT');
  assert.equal(seg.ImportDefinition.Size, 2);
  const users = ok(aws('pinpoint', 'get-user-endpoints', '--application-id', app, '--user-id', 'example-user-id-2')).EndpointsResponse.Item;
  assert.equal(users[0].Address, 'john.stiles@example.com');
  const one = ok(aws('pinpoint', 'get-endpoint', '--application-id', app, '--endpoint-id', users[0].Id)).EndpointResponse;
  assert.deepEqual(one.Location, { Country: 'US' });
});

test('an import role that trusts another service fails the job, with the reason', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  write('LambdaTrust.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  const role = ok(aws('iam', 'create-role', '--role-name', 'NotForPinpoint', '--assume-role-policy-document', 'file://LambdaTrust.json')).Role.Arn;
  aws('iam', 'attach-role-policy', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', '--role-name', 'NotForPinpoint');
  const job = await finishedJob('import', importJob(role, 'imports/endpoints.csv').Id);
  assert.equal(job.JobStatus, 'FAILED');
  assert.match(job.Failures[0], /Unable to assume role .*NotForPinpoint.*AccessDenied/);
});

test('an event stream with the seeds\' role delivers put-events to Kinesis; without kinesis:PutRecords nothing, then everything once fixed', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  assert.equal(aws('kinesis', 'create-stream', '--stream-name', 'stream-name', '--shard-count', '1').status, 0);
  await until('stream ACTIVE', () => (ok(aws('kinesis', 'describe-stream-summary', '--stream-name', 'stream-name')).StreamDescriptionSummary.StreamStatus === 'ACTIVE' ? true : undefined));
  const streamArn = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/stream-name`;
  write('PinpointEventStreamTrustPolicy.json', pinpointTrust);
  const good = { Version: '2012-10-17', Statement: { Action: ['kinesis:PutRecords', 'kinesis:DescribeStream'], Effect: 'Allow', Resource: [streamArn] } };
  write('PinpointEventStreamPermissionsPolicy.json', good);
  const role = ok(aws('iam', 'create-role', '--role-name', 'PinpointEventStreamRole', '--assume-role-policy-document', 'file://PinpointEventStreamTrustPolicy.json')).Role.Arn;
  assert.equal(aws('iam', 'put-role-policy', '--role-name', 'PinpointEventStreamRole', '--policy-name', 'PinpointEventStreamPermissionsPolicy', '--policy-document', 'file://PinpointEventStreamPermissionsPolicy.json').status, 0);
  const es = ok(aws('pinpoint', 'put-event-stream', '--application-id', app, '--write-event-stream', `DestinationStreamArn=${streamArn},RoleArn=${role}`)).EventStream;
  assert.equal(es.DestinationStreamArn, streamArn);
  assert.equal(es.RoleArn, role);

  const events = (ids: string[]) => ({
    BatchItem: {
      'cli-endpoint': {
        Endpoint: { ChannelType: 'EMAIL', Address: 'cli@example.com' },
        Events: Object.fromEntries(ids.map((id) => [id, { EventType: '_session.start', Timestamp: new Date().toISOString(), Attributes: { source: 'cli' } }])),
      },
    },
  });
  write('events-1.json', events(['a1', 'a2']));
  const put = ok(aws('pinpoint', 'put-events', '--application-id', app, '--events-request', 'file://events-1.json')).EventsResponse;
  assert.equal(put.Results['cli-endpoint'].EndpointItemResponse.StatusCode, 202);
  assert.equal(put.Results['cli-endpoint'].EventsItemResponse.a1.StatusCode, 202);

  const iterator = ok(aws('kinesis', 'get-shard-iterator', '--stream-name', 'stream-name', '--shard-id', 'shardId-000000000000', '--shard-iterator-type', 'TRIM_HORIZON')).ShardIterator;
  const readAll = () => {
    const out: Record<string, any>[] = [];
    let it = iterator;
    for (let i = 0; i < 10 && it; i++) {
      const r = ok(aws('kinesis', 'get-records', '--shard-iterator', it));
      for (const rec of r.Records) out.push(JSON.parse(Buffer.from(rec.Data, 'base64').toString('utf8')));
      if (r.Records.length === 0) break;
      it = r.NextShardIterator;
    }
    return out;
  };
  const first = await until('2 events in the stream', () => { const r = readAll(); return r.length >= 2 ? r : undefined; });
  assert.equal(first.length, 2);
  assert.equal(first[0].event_type, '_session.start');
  assert.equal(first[0].application.app_id, app);
  assert.equal(first[0].client.client_id, 'cli-endpoint');
  assert.equal(first[0].awsAccountId, TEST_ACCOUNT);
  assert.deepEqual(first[0].attributes, { source: 'cli' });

  // Without kinesis:PutRecords: accepted, kept, not delivered, and the admin route says why.
  write('Narrow.json', { Version: '2012-10-17', Statement: { Action: ['kinesis:DescribeStream'], Effect: 'Allow', Resource: [streamArn] } });
  aws('iam', 'put-role-policy', '--role-name', 'PinpointEventStreamRole', '--policy-name', 'PinpointEventStreamPermissionsPolicy', '--policy-document', 'file://Narrow.json');
  write('events-2.json', events(['b1', 'b2', 'b3']));
  ok(aws('pinpoint', 'put-events', '--application-id', app, '--events-request', 'file://events-2.json'));
  const auth = `Basic ${Buffer.from(`${server.credentials.accessKeyId}:${server.credentials.secretAccessKey}`).toString('base64')}`;
  let shown: any;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    shown = await (await fetch(`${server.endpoint}/_rolegate/pinpoint/apps/${app}/event-stream`, { headers: { authorization: auth } })).json();
    if (shown.failure) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(shown.pending, 3);
  assert.equal(shown.failure.code, 'AccessDeniedException');
  assert.match(shown.failure.message, /kinesis:PutRecords/);
  assert.equal(readAll().length, 2, 'nothing more delivered');

  aws('iam', 'put-role-policy', '--role-name', 'PinpointEventStreamRole', '--policy-name', 'PinpointEventStreamPermissionsPolicy', '--policy-document', 'file://PinpointEventStreamPermissionsPolicy.json');
  const all = await until('5 events in the stream', () => { const r = readAll(); return r.length >= 5 ? r : undefined; });
  await new Promise((r) => setTimeout(r, 500));
  const final = readAll();
  assert.equal(final.length, 5, 'each event once');
  assert.equal(all.length, 5);
});

test('an event stream to Firehose delivers put-events as objects in S3', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  assert.equal(aws('s3', 'mb', 's3://pinpoint-firehose-out').status, 0);
  write('FirehoseTrust.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  const fhRole = ok(aws('iam', 'create-role', '--role-name', 'FirehoseToS3', '--assume-role-policy-document', 'file://FirehoseTrust.json')).Role.Arn;
  write('FirehoseS3.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetBucketLocation', 's3:ListBucket'], Resource: ['arn:aws:s3:::pinpoint-firehose-out', 'arn:aws:s3:::pinpoint-firehose-out/*'] }] });
  aws('iam', 'put-role-policy', '--role-name', 'FirehoseToS3', '--policy-name', 's3', '--policy-document', 'file://FirehoseS3.json');
  // The CLI's model keeps IntervalInSeconds ≥ 60; the SDK gives the stream a 0 s buffer.
  const fh = server.firehose();
  await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'delivery-stream-name', ExtendedS3DestinationConfiguration: { RoleARN: fhRole, BucketARN: 'arn:aws:s3:::pinpoint-firehose-out', BufferingHints: { IntervalInSeconds: 0, SizeInMBs: 1 } } }));
  for (let i = 0; i < 100 && (await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'delivery-stream-name' }))).DeliveryStreamDescription!.DeliveryStreamStatus !== 'ACTIVE'; i++) await new Promise((r) => setTimeout(r, 100));
  const fhArn = `arn:aws:firehose:us-east-1:${TEST_ACCOUNT}:deliverystream/delivery-stream-name`;
  write('PinpointFirehosePolicy.json', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['firehose:PutRecordBatch', 'firehose:DescribeDeliveryStream'], Resource: [fhArn] } });
  const role = ok(aws('iam', 'create-role', '--role-name', 'PinpointFirehoseRole', '--assume-role-policy-document', 'file://PinpointEventStreamTrustPolicy.json')).Role.Arn;
  aws('iam', 'put-role-policy', '--role-name', 'PinpointFirehoseRole', '--policy-name', 'firehose', '--policy-document', 'file://PinpointFirehosePolicy.json');
  ok(aws('pinpoint', 'put-event-stream', '--application-id', app, '--write-event-stream', `DestinationStreamArn=${fhArn},RoleArn=${role}`));
  write('events-fh.json', { BatchItem: { 'fh-endpoint': { Endpoint: {}, Events: { f1: { EventType: 'purchase', Timestamp: new Date().toISOString(), Metrics: { price: 9.5 } } } } } });
  ok(aws('pinpoint', 'put-events', '--application-id', app, '--events-request', 'file://events-fh.json'));
  const keys = await until('an object in the bucket', () => {
    const l = ok(aws('s3api', 'list-objects-v2', '--bucket', 'pinpoint-firehose-out'));
    return l?.Contents?.length ? l.Contents.map((c: { Key: string }) => c.Key) : undefined;
  });
  const got = aws('s3', 'cp', `s3://pinpoint-firehose-out/${keys[0]}`, '-');
  assert.equal(got.status, 0, got.stderr);
  const line = JSON.parse(got.stdout.trim().split('\n')[0]);
  assert.equal(line.event_type, 'purchase');
  assert.deepEqual(line.metrics, { price: 9.5 });
});

test('create-export-job writes the endpoints to S3 through the export role', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  write('ExportPolicy.json', { Version: '2012-10-17', Statement: [
    { Action: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'], Effect: 'Allow', Resource: ['arn:aws:s3:::*'] },
    { Action: ['s3:*'], Effect: 'Allow', Resource: ['arn:aws:s3:::pinpoint-seeds/Exports/*'] },
  ] });
  const role = ok(aws('iam', 'create-role', '--role-name', 'PinpointSegmentExport', '--assume-role-policy-document', 'file://PinpointEventStreamTrustPolicy.json')).Role.Arn;
  aws('iam', 'put-role-policy', '--role-name', 'PinpointSegmentExport', '--policy-name', 'export', '--policy-document', 'file://ExportPolicy.json');
  const created = ok(aws('pinpoint', 'create-export-job', '--application-id', app, '--export-job-request', `RoleArn=${role},S3UrlPrefix=s3://pinpoint-seeds/Exports/`)).ExportJobResponse;
  const job = await finishedJob('export', created.Id);
  assert.equal(job.JobStatus, 'COMPLETED', JSON.stringify(job.Failures));
  const listed = ok(aws('s3api', 'list-objects-v2', '--bucket', 'pinpoint-seeds', '--prefix', 'Exports/')).Contents;
  assert.ok(listed.length >= 1);
  const path = join(dir, 'export.gz');
  assert.equal(aws('s3', 'cp', `s3://pinpoint-seeds/${listed[0].Key}`, path).status, 0);
  const lines = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.some((e) => e.Address === 'john.stiles@example.com'));
  assert.ok(lines.every((e) => e.ApplicationId === app));
});
