// Every modelled service is served: an operation rolegate has no handler for yet answers
// NotImplemented, naming it, in that service's own envelope, as each real SDK client reads it; a
// service rolegate does not model is refused in the protocol the client speaks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { S3Client, GetObjectTorrentCommand, SelectObjectContentCommand } from '@aws-sdk/client-s3';
import { PinpointClient, GetCampaignsCommand } from '@aws-sdk/client-pinpoint';
import { PersonalizeClient, ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { PersonalizeRuntimeClient, GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpRequest } from '@smithy/protocol-http';
import { startRolegate, TEST_ROOT, type Rolegate } from '../support/server.js';
import { rejectsWith } from '../support/errors.js';

let server: Rolegate;
before(async () => (server = await startRolegate()));
after(() => server.stop());

const config = () => ({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_ROOT, maxAttempts: 1 });
const message = (op: string, service: string) => `The ${op} operation of ${service} is not implemented by rolegate.`;

test('S3 (rest-xml): NotImplemented in S3\'s error document, path style and virtual-host style', async () => {
  await rejectsWith(new S3Client({ ...config(), forcePathStyle: true }).send(new GetObjectTorrentCommand({ Bucket: 'b', Key: 'a/b.txt' })), 'NotImplemented', 501, message('GetObjectTorrent', 'S3'));
  await rejectsWith(new S3Client({ ...config(), forcePathStyle: true }).send(new SelectObjectContentCommand({
    Bucket: 'b', Key: 'data.csv', Expression: 'select * from s3object', ExpressionType: 'SQL',
    InputSerialization: { CSV: {} }, OutputSerialization: { CSV: {} },
  })), 'NotImplemented', 501, message('SelectObjectContent', 'S3'));
  // `my-bucket.localhost` names the bucket in the host; the connection still goes to 127.0.0.1.
  const inner = new NodeHttpHandler();
  const virtual = new S3Client({
    ...config(), endpoint: `http://localhost:${server.port}`,
    requestHandler: { handle: (request: HttpRequest) => inner.handle(Object.assign(request, { hostname: '127.0.0.1' })) } as NodeHttpHandler,
  });
  await rejectsWith(virtual.send(new GetObjectTorrentCommand({ Bucket: 'my-bucket', Key: 'k' })), 'NotImplemented', 501, message('GetObjectTorrent', 'S3'));
});

test('Personalize (json 1.1): NotImplemented as the JSON error the SDK reads', async () => {
  await rejectsWith(new PersonalizeClient(config()).send(new ListDatasetGroupsCommand({})), 'NotImplemented', 501, message('ListDatasetGroups', 'Personalize'));
});

test('Pinpoint and Personalize Runtime (rest-json): NotImplemented with x-amzn-ErrorType', async () => {
  await rejectsWith(new PinpointClient(config()).send(new GetCampaignsCommand({ ApplicationId: '0123456789abcdef0123456789abcdef' })), 'NotImplemented', 501, message('GetCampaigns', 'Pinpoint'));
  await rejectsWith(new PersonalizeRuntimeClient(config()).send(new GetRecommendationsCommand({ campaignArn: 'arn:aws:personalize:us-east-1:111122223333:campaign/c' })), 'NotImplemented', 501, message('GetRecommendations', 'Personalize Runtime'));
});

test('an unsigned request to a JSON service is refused as coral services refuse it (MissingAuthenticationTokenException, 400), not NotImplemented', async () => {
  const r = await fetch(server.endpoint, { method: 'POST', headers: { 'x-amz-target': 'Kinesis_20131202.ListStreams', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
  assert.equal(r.status, 400);
  assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.1');
  const body = await r.json() as { __type: string; message: string };
  assert.equal(body.__type, 'MissingAuthenticationTokenException');
  assert.equal(body.message, 'Request is missing Authentication Token');
});

test('a JSON client signing for a service rolegate does not model gets a JSON error, not query XML', async () => {
  const url = new URL(server.endpoint);
  const signer = new SignatureV4({ credentials: TEST_ROOT, region: 'us-east-1', service: 'dynamodb', sha256: Sha256 });
  const body = '{}';
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {},
    headers: { host: url.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' }, body,
  });
  const r = await fetch(server.endpoint, { method: 'POST', headers: signed.headers as Record<string, string>, body });
  assert.equal(r.status, 400);
  assert.match(r.headers.get('content-type') ?? '', /^application\/x-amz-json/);
  const parsed = await r.json() as { __type: string; message: string };
  assert.equal(parsed.__type, 'UnrecognizedClientException');
  assert.equal(parsed.message, "Credential should be scoped to a valid service: 'dynamodb'.");
});
