// S3's own words for authentication failures, through @aws-sdk/client-s3: an unknown access key,
// a wrong secret (SignatureDoesNotMatch naming the string to sign), a session token that does not
// open, and a clock out of the 15-minute window.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { useRolegate, TEST_ROOT } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();

it('answers an access key it does not know with InvalidAccessKeyId (403)', async () => {
  const s3 = rg.server.s3({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) });
  const e = await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: 'any' })), 'InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.');
  assert.equal((e as unknown as { AWSAccessKeyId?: string }).AWSAccessKeyId, 'AKIAUNKNOWNKEY000000');
});

it('answers a wrong secret with SignatureDoesNotMatch (403) naming the string to sign and the canonical request, never the secret', async () => {
  await rg.server.s3().send(new CreateBucketCommand({ Bucket: 'signed' }));
  const s3 = rg.server.s3({ accessKeyId: TEST_ROOT.accessKeyId, secretAccessKey: 'wrong-secret-key-0000000000000000000000' });
  const e = await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: 'signed' })), 'SignatureDoesNotMatch', 403,
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  const fields = e as unknown as { StringToSign?: string; CanonicalRequest?: string; SignatureProvided?: string };
  assert.match(fields.StringToSign!, /^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/);
  assert.match(fields.CanonicalRequest!, /^GET\n\/signed\/?\nlist-type=2\n/);
  assert.match(fields.SignatureProvided!, /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(fields).includes(TEST_ROOT.secretAccessKey));
});

it('answers a session token that does not open with InvalidToken (400)', async () => {
  const s3 = rg.server.s3({ accessKeyId: 'ASIAROLEGATEFAKE0001', secretAccessKey: 'x'.repeat(40), sessionToken: 'not-a-token' });
  await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: 'any' })), 'InvalidToken', 400, 'The provided token is malformed or otherwise invalid.');
});

it('answers a request signed 20 minutes ago with RequestTimeTooSkewed (403)', async () => {
  const s3 = new S3Client({
    endpoint: rg.server.endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1, credentials: TEST_ROOT,
    systemClockOffset: -20 * 60 * 1000,
  });
  await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: 'any' })), 'RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.');
});

it('refuses Signature Version 2, in a header or a presigned URL, with InvalidRequest (400), as S3 does for buckets made since June 2020', async () => {
  await rg.server.s3().send(new CreateBucketCommand({ Bucket: 'v2-signed' }));
  const { createHmac } = await import('node:crypto');
  const expires = Math.floor(Date.now() / 1000) + 300;
  const sig = (toSign: string) => createHmac('sha1', TEST_ROOT.secretAccessKey).update(toSign).digest('base64');
  const url = `/v2-signed/?AWSAccessKeyId=${TEST_ROOT.accessKeyId}&Expires=${expires}&Signature=${encodeURIComponent(sig(`GET\n\n\n${expires}\n/v2-signed/`))}`;
  const date = new Date().toUTCString();
  for (const r of [
    await rg.server.fetch(url),
    await rg.server.fetch('/v2-signed/', { headers: { date, authorization: `AWS ${TEST_ROOT.accessKeyId}:${sig(`GET\n\n\n${date}\n/v2-signed/`)}` } }),
  ]) {
    assert.equal(r.status, 400);
    assert.match(r.body, /<Code>InvalidRequest<\/Code><Message>The authorization mechanism you have provided is not supported\. Please use AWS4-HMAC-SHA256\.<\/Message>/);
  }
  // A URL without any signature is still an anonymous request, decided by the bucket's policy.
  assert.equal((await rg.server.fetch('/v2-signed/')).status, 403);
});
