// How a call becomes the requests the engine decides (src/authz/request-builders.ts): the service's
// map entry, resolved in the caller's account and the request's region with the request's
// authentication facts; S3's requests carry S3's AccessDenied wording; an operation AWS does not
// authorize (sts:GetCallerIdentity) is no request at all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequests } from '../../src/authz/request-builders.js';
import { A1, fixture, type Fixture } from './authz-fixture.js';
import type { Caller } from '../../src/shared/caller.js';

let f: Fixture;
let alice: Caller;
before(async () => {
  f = fixture();
  alice = await f.user('builder-alice');
});
after(async () => {
  await f.close();
});

test('S3\'s requests, every one of a call, carry its wording and the request\'s authentication keys', async () => {
  const requests = await buildRequests(f.store, {
    caller: alice, service: 's3', operation: 'CopyObject', input: { Bucket: 'b', Key: 'k', CopySource: 'src/a' }, region: 'eu-west-1',
    auth: { authType: 'REST-QUERY-STRING', signatureVersion: 'AWS4-HMAC-SHA256', contentSha256: 'UNSIGNED-PAYLOAD' },
  });
  assert.equal(requests?.length, 2);
  assert.deepEqual(requests!.map((r) => r.denialWording), ['details-in-account', 'details-in-account']);
  assert.equal(requests![0].context['s3:authType'], 'REST-QUERY-STRING');
  assert.equal(requests![1].context['s3:signatureversion'], 'AWS4-HMAC-SHA256');
  assert.equal(requests![0].resourceAccount, A1);
  const inProcess = await buildRequests(f.store, { caller: alice, service: 's3', operation: 'GetObject', input: { Bucket: 'b', Key: 'k' }, region: 'eu-west-1' });
  assert.equal('s3:authType' in inProcess![0].context, false, 'no authentication facts, no such keys');
});

test('IAM\'s requests keep IAM\'s wording, in the caller\'s account and the request\'s region', async () => {
  const [r] = (await buildRequests(f.store, { caller: alice, service: 'kinesis', operation: 'DescribeStream', input: { StreamName: 's' }, region: 'eu-west-1' }))!;
  assert.equal(r.resource, `arn:aws:kinesis:eu-west-1:${A1}:stream/s`);
  assert.equal('denialWording' in r, false);
  const [iam] = (await buildRequests(f.store, { caller: alice, service: 'iam', operation: 'ListUsers', input: {}, region: 'us-east-1' }))!;
  assert.deepEqual(iam, { action: 'iam:ListUsers', resource: `arn:aws:iam::${A1}:user/`, resourceAccount: A1, context: {} });
});

test('an operation that needs no permission is no request; one the map does not know is a fault', async () => {
  assert.equal(await buildRequests(f.store, { caller: alice, service: 'sts', operation: 'GetCallerIdentity', input: {}, region: 'us-east-1' }), undefined);
  await assert.rejects(buildRequests(f.store, { caller: alice, service: 'sts', operation: 'Nope', input: {}, region: 'us-east-1' }), /^Error: sts:Nope has no authorization-map entry$/);
  await assert.rejects(buildRequests(f.store, { caller: alice, service: 'nosuch', operation: 'Nope', input: {}, region: 'us-east-1' }), /nosuch:Nope has no authorization-map entry/);
});
