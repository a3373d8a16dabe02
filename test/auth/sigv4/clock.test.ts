// Clock skew and presigned-URL expiry, in AWS's words: 15 minutes either side for signed requests,
// X-Amz-Expires for presigned URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSignature, verifySignature, prevalidate, type SignedRequest } from '../../../src/auth/sigv4/index.js';
import { CREDENTIALS, NOW, presigned, signed } from './support.js';

const SECRET = CREDENTIALS.secretAccessKey;
const MIN = 60 * 1000;
const iamGet = () => signed('iam', { query: { Action: 'ListRoles', Version: '2010-05-08' } });
const s3Get = () => signed('s3', { path: '/bucket/key', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { s3: true });
const verifyAt = (req: SignedRequest, nowMs: number, service: string, s3: boolean) =>
  verifySignature(req, parseSignature(req), SECRET, nowMs, { service, s3 });

test('a request signed 14 minutes ago or 14 minutes ahead is accepted', async () => {
  const req = await iamGet();
  verifyAt(req, NOW + 14 * MIN, 'iam', false);
  verifyAt(req, NOW - 14 * MIN, 'iam', false);
  verifyAt(req, NOW + 15 * MIN, 'iam', false);
});

test('a request signed more than 15 minutes ago answers SignatureDoesNotMatch "Signature expired" (403)', async () => {
  const req = await iamGet(); // X-Amz-Date 20240524T100000Z
  assert.throws(() => verifyAt(req, NOW + 20 * MIN, 'iam', false), {
    code: 'SignatureDoesNotMatch',
    status: 403,
    message: 'Signature expired: 20240524T100000Z is now earlier than 20240524T100500Z (20240524T102000Z - 15 min.)',
  });
});

test('a request dated more than 15 minutes ahead answers SignatureDoesNotMatch "Signature not yet current" (403)', async () => {
  const req = await iamGet();
  assert.throws(() => verifyAt(req, NOW - 20 * MIN, 'iam', false), {
    code: 'SignatureDoesNotMatch',
    status: 403,
    message: 'Signature not yet current: 20240524T100000Z is still later than 20240524T095500Z (20240524T094000Z + 15 min.)',
  });
});

test('the clock is checked before the signature, so a skewed request with a wrong key still says expired', async () => {
  const req = await iamGet();
  assert.throws(() => verifySignature(req, parseSignature(req), 'wrong', NOW + 16 * MIN, { service: 'iam', s3: false }), { message: /^Signature expired/ });
});

test('prevalidate answers the clock error before any key lookup', async () => {
  const req = await iamGet();
  assert.throws(() => prevalidate(parseSignature(req), NOW + 16 * MIN, { service: 'iam', s3: false }), { code: 'SignatureDoesNotMatch' });
  prevalidate(parseSignature(req), NOW, { service: 'iam', s3: false });
});

test('an S3 request more than 15 minutes off answers RequestTimeTooSkewed (403)', async () => {
  const req = await s3Get();
  verifyAt(req, NOW + 15 * MIN, 's3', true);
  for (const offset of [16 * MIN, -16 * MIN]) {
    assert.throws(() => verifyAt(req, NOW + offset, 's3', true), {
      code: 'RequestTimeTooSkewed',
      status: 403,
      message: 'The difference between the request time and the current time is too large.',
    });
  }
});

test('a presigned S3 URL works until X-Amz-Expires and then answers AccessDenied "Request has expired" (403)', async () => {
  const req = await presigned('s3', { path: '/bucket/key', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { s3: true, expiresIn: 3600 });
  assert.equal(parseSignature(req).expiresSeconds, 3600);
  verifyAt(req, NOW + 59 * MIN, 's3', true);
  verifyAt(req, NOW + 60 * MIN, 's3', true);
  assert.throws(() => verifyAt(req, NOW + 60 * MIN + 1000, 's3', true), { code: 'AccessDenied', status: 403, message: 'Request has expired' });
});

test('a presigned S3 URL valid for a week is still accepted six days later', async () => {
  const req = await presigned('s3', { path: '/bucket/key', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { s3: true, expiresIn: 604800 });
  verifyAt(req, NOW + 6 * 24 * 60 * MIN, 's3', true);
});

test('a presigned S3 URL dated more than 15 minutes ahead answers AccessDenied "Request is not valid yet"', async () => {
  const req = await presigned('s3', { path: '/bucket/key', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { s3: true, signingDate: NOW + 20 * MIN });
  assert.throws(() => verifyAt(req, NOW, 's3', true), { code: 'AccessDenied', message: 'Request is not valid yet' });
});

function withExpires(req: SignedRequest, value: string | null): SignedRequest {
  const parts = req.rawQuery.split('&').filter((p) => !p.startsWith('X-Amz-Expires='));
  if (value !== null) parts.push('X-Amz-Expires=' + value);
  return { ...req, rawQuery: parts.join('&') };
}

test('an S3 presigned X-Amz-Expires out of range answers AuthorizationQueryParametersError (400)', async () => {
  const req = await presigned('s3', { path: '/bucket/key', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { s3: true });
  const cases: [string | null, string][] = [
    ['604801', 'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds'],
    ['-1', 'X-Amz-Expires must be non-negative'],
    ['soon', 'X-Amz-Expires should be a number'],
    [null, 'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.'],
  ];
  for (const [value, message] of cases) {
    assert.throws(() => verifyAt(withExpires(req, value), NOW, 's3', true), { code: 'AuthorizationQueryParametersError', status: 400, message });
  }
});

test('X-Amz-Expires=0 has expired at once', async () => {
  const req = await presigned('s3', { path: '/bucket/key', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { s3: true });
  assert.throws(() => verifyAt(withExpires(req, '0'), NOW, 's3', true), { code: 'AccessDenied', message: 'Request has expired' });
});

test('a presigned STS URL is refused after its X-Amz-Expires with RequestExpired "Request has expired." (403)', async () => {
  const req = await presigned('sts', { query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } }, { expiresIn: 60 });
  verifyAt(req, NOW + 60 * 1000, 'sts', false);
  assert.throws(() => verifyAt(req, NOW + 61 * 1000, 'sts', false), { code: 'RequestExpired', status: 403, message: 'Request has expired.' });
});

test('a presigned STS URL is held to the 15-minute window however long its X-Amz-Expires', async () => {
  const req = await presigned('sts', { query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } }, { expiresIn: 3600 });
  verifyAt(req, NOW + 15 * MIN, 'sts', false);
  assert.throws(() => verifyAt(req, NOW + 16 * MIN, 'sts', false), { code: 'SignatureDoesNotMatch', message: /^Signature expired: 20240524T100000Z is now earlier than/ });
});

test('a presigned STS URL with X-Amz-Expires over a week answers IncompleteSignature', async () => {
  const req = await presigned('sts', { query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } });
  assert.throws(() => verifyAt(withExpires(req, '604801'), NOW, 'sts', false), { code: 'IncompleteSignature', status: 403 });
});

test("S3's RequestTimeTooSkewed names the request time, the server's time and the 15 minutes allowed", async () => {
  const req = await s3Get();
  assert.throws(() => verifyAt(req, NOW + 16 * MIN + 500, 's3', true), (e: { code: string; fields?: Record<string, unknown> }) => {
    assert.equal(e.code, 'RequestTimeTooSkewed');
    assert.deepEqual(e.fields, { RequestTime: '20240524T100000Z', ServerTime: '2024-05-24T10:16:00Z', MaxAllowedSkewMilliseconds: 900000 });
    return true;
  });
});

test('a request dated exactly 15 minutes ahead is still accepted, a second more is not', async () => {
  const req = await iamGet();
  verifyAt(req, NOW - 15 * MIN, 'iam', false);
  assert.throws(() => verifyAt(req, NOW - 15 * MIN - 1000, 'iam', false), { message: /^Signature not yet current/ });
  assert.throws(() => verifyAt(req, NOW + 15 * MIN + 1000, 'iam', false), { message: /^Signature expired/ });
  const s3 = await s3Get();
  verifyAt(s3, NOW - 15 * MIN, 's3', true);
  assert.throws(() => verifyAt(s3, NOW - 15 * MIN - 1000, 's3', true), { code: 'RequestTimeTooSkewed' });
});

test('a presigned S3 URL dated up to 15 minutes ahead is accepted', async () => {
  const req = await presigned('s3', { path: '/bucket/key', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { s3: true, signingDate: NOW + 15 * MIN });
  verifyAt(req, NOW, 's3', true);
  assert.throws(() => verifyAt(req, NOW - 1000, 's3', true), { code: 'AccessDenied', status: 403, message: 'Request is not valid yet' });
});

test('a presigned STS URL with an X-Amz-Expires that is not a whole number or is negative answers IncompleteSignature naming it', async () => {
  const req = await presigned('sts', { query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } });
  assert.throws(() => verifyAt(withExpires(req, 'soon'), NOW, 'sts', false), { code: 'IncompleteSignature', status: 403, message: 'X-Amz-Expires should be a number' });
  assert.throws(() => verifyAt(withExpires(req, '-1'), NOW, 'sts', false), { code: 'IncompleteSignature', message: 'X-Amz-Expires must be non-negative' });
  assert.throws(() => verifyAt(withExpires(req, '604801'), NOW, 'sts', false), {
    message: 'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
  });
});

test('a presigned STS URL of X-Amz-Expires=0 has expired at once; without X-Amz-Expires only the 15-minute window holds', async () => {
  const req = await presigned('sts', { query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } });
  assert.throws(() => prevalidate(parseSignature(withExpires(req, '0')), NOW, { service: 'sts', s3: false }), { code: 'RequestExpired' });
  prevalidate(parseSignature(withExpires(req, '604800')), NOW + 15 * MIN, { service: 'sts', s3: false });
  const none = withExpires(req, null);
  prevalidate(parseSignature(none), NOW + 15 * MIN, { service: 'sts', s3: false });
  assert.throws(() => prevalidate(parseSignature(none), NOW + 16 * MIN, { service: 'sts', s3: false }), { code: 'SignatureDoesNotMatch', message: /^Signature expired/ });
});
