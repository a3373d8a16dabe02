// Firehose with the real AWS CLI against a started rolegate: create-delivery-stream,
// describe-delivery-stream, put-record-batch, and the objects the records become, read back
// through the S3 API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRolegate, type Rolegate } from '../support/server.js';
import { awsCli, runCli, cliDiagnostic } from '../support/cli.js';
import { UpdateDestinationCommand } from '@aws-sdk/client-firehose';
import { body, bucketAndRole, FAST_FIREHOSE, keysIn, waitFor } from '../services/firehose/support.js';

const cli = awsCli();
let server: Rolegate;
const dir = mkdtempSync(join(tmpdir(), 'rolegate-firehose-cli-'));

before(async () => {
  server = await startRolegate({ env: FAST_FIREHOSE });
  const role = await bucketAndRole(server.s3(), server.iam(), 'cli-out', 'cli-delivery');
  writeFileSync(join(dir, 'destination.json'), JSON.stringify({
    // The CLI's own model checks IntervalInSeconds ≥ 60 (older than the service's 0); the test shortens it through the SDK.
    RoleARN: role, BucketARN: 'arn:aws:s3:::cli-out', Prefix: 'events/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 }, CompressionFormat: 'UNCOMPRESSED',
  }));
  writeFileSync(join(dir, 'records.json'), JSON.stringify(['{"n":1}\n', '{"n":2}\n', '{"n":3}\n'].map((Data) => ({ Data }))));
});

after(async () => {
  if (server) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const aws = (args: string[]) => runCli(cli, server.endpoint, server.credentials, args, dir);
/** CLI v2 reads blobs as base64 unless told otherwise; v1 takes them as they are. */
const rawBlobs = () => (cli.version.startsWith('aws-cli/2') ? ['--cli-binary-format', 'raw-in-base64-out'] : []);

test('aws firehose create-delivery-stream prints the stream ARN; describe-delivery-stream shows it CREATING, then ACTIVE', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  t.diagnostic(`using ${cli.version}`);
  const r = aws(['firehose', 'create-delivery-stream', '--delivery-stream-name', 'cli-stream', '--delivery-stream-type', 'DirectPut', '--extended-s3-destination-configuration', 'file://destination.json']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.json, { DeliveryStreamARN: 'arn:aws:firehose:us-east-1:111122223333:deliverystream/cli-stream' });
  const description = await waitFor('ACTIVE', async () => {
    const d = aws(['firehose', 'describe-delivery-stream', '--delivery-stream-name', 'cli-stream']);
    assert.equal(d.status, 0, d.stderr);
    return d.json.DeliveryStreamDescription.DeliveryStreamStatus === 'ACTIVE' ? d.json.DeliveryStreamDescription : undefined;
  });
  assert.equal(description.VersionId, '1');
  assert.equal(description.Destinations[0].DestinationId, 'destinationId-000000000001');
  assert.deepEqual(description.Destinations[0].ExtendedS3DestinationDescription.BufferingHints, { SizeInMBs: 1, IntervalInSeconds: 60 });
  assert.equal(description.Destinations[0].ExtendedS3DestinationDescription.Prefix, 'events/');
  await server.firehose().send(new UpdateDestinationCommand({
    DeliveryStreamName: 'cli-stream', CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { BufferingHints: { IntervalInSeconds: 1 } },
  }));
  const updated = aws(['firehose', 'describe-delivery-stream', '--delivery-stream-name', 'cli-stream']);
  assert.equal(updated.json.DeliveryStreamDescription.VersionId, '2');
});

test('aws firehose put-record-batch acknowledges every record, and they arrive in S3 as one object', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const r = aws(['firehose', 'put-record-batch', '--delivery-stream-name', 'cli-stream', '--records', 'file://records.json', ...rawBlobs()]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.json.FailedPutCount, 0);
  assert.equal(r.json.RequestResponses.length, 3);
  assert.ok(r.json.RequestResponses.every((e: { RecordId?: string }) => typeof e.RecordId === 'string' && e.RecordId.length > 0));
  const [key] = await waitFor('an object', async () => { const k = await keysIn(server.s3(), 'cli-out'); return k.length ? k : undefined; });
  assert.match(key, /^events\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/cli-stream-2-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}$/);
  assert.equal((await body(server.s3(), 'cli-out', key)).toString(), '{"n":1}\n{"n":2}\n{"n":3}\n');
});

test('aws firehose describe-delivery-stream of a stream that is not there fails with ResourceNotFoundException', (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const r = aws(['firehose', 'describe-delivery-stream', '--delivery-stream-name', 'missing']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /ResourceNotFoundException.*Firehose missing under account 111122223333 not found\./);
});
