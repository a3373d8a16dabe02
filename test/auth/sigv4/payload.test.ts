// S3's payload modes as the verifier reads them from x-amz-content-sha256, and the plain-hash
// check of a streamed body: what S3 refuses, and what the stream is left to check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  anonymousPayload,
  decodePayload,
  parseSignature,
  payloadModeOf,
  storedContentEncoding,
  verifyPayloadHash,
  verifySignature,
  type SignedRequest,
} from '../../../src/auth/sigv4/index.js';
import { AwsError } from '../../../src/protocol/errors.js';
import { CREDENTIALS, NOW, signed } from './support.js';

const SECRET = CREDENTIALS.secretAccessKey;
const s3 = { service: 's3', s3: true };
const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const put = (headers: Record<string, string>, body = '') => signed('s3', { method: 'PUT', path: '/bucket/key', headers, body }, { s3: true });
const verify = (req: SignedRequest) => verifySignature(req, parseSignature(req), SECRET, NOW, s3);

async function read(body: Readable): Promise<{ data: Buffer; error?: AwsError }> {
  const parts: Buffer[] = [];
  try {
    for await (const c of body) parts.push(c as Buffer);
  } catch (e) {
    return { data: Buffer.concat(parts), error: e as AwsError };
  }
  return { data: Buffer.concat(parts) };
}

test('x-amz-content-sha256 names the payload mode', () => {
  assert.equal(payloadModeOf('UNSIGNED-PAYLOAD'), 'unsigned');
  assert.equal(payloadModeOf(sha('x')), 'sha256');
  assert.equal(payloadModeOf(sha('x').toUpperCase()), 'sha256');
  assert.equal(payloadModeOf('STREAMING-AWS4-HMAC-SHA256-PAYLOAD'), 'chunked-signed');
  assert.equal(payloadModeOf('STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER'), 'chunked-signed-trailer');
  assert.equal(payloadModeOf('STREAMING-UNSIGNED-PAYLOAD-TRAILER'), 'chunked-unsigned-trailer');
});

test('an x-amz-content-sha256 S3 does not know answers InvalidArgument (400) naming the header and value', () => {
  for (const value of ['STREAMING-HMAC-SHA256-PAYLOAD', 'tjnVEQ5UTP/DL91eAGOmew==', sha('x').slice(1), sha('x').slice(1) + 'g', '']) {
    assert.throws(() => payloadModeOf(value), (e: AwsError) => {
      assert.equal(e.code, 'InvalidArgument');
      assert.equal(e.status, 400);
      assert.equal(e.message, 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.');
      assert.deepEqual(e.fields, { ArgumentName: 'x-amz-content-sha256', ArgumentValue: value });
      return true;
    });
  }
});

test("SigV4a's ECDSA streaming payloads answer NotImplemented (501)", async () => {
  for (const value of ['STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD', 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER']) {
    const req = await put({ 'x-amz-content-sha256': value, 'x-amz-decoded-content-length': '5' });
    assert.throws(() => verify(req), { code: 'NotImplemented', status: 501, message: 'A header you provided implies functionality that is not implemented' });
  }
});

test('a streamed body with a declared hash is left to the stream, which passes the right body and ends', async () => {
  const body = Buffer.from('hello, streamed world');
  const req = { ...(await put({ 'x-amz-content-sha256': sha(body) })), body: Buffer.alloc(0), streamed: true };
  const { payload } = verify(req);
  assert.deepEqual(payload, { mode: 'sha256', expectedSha256: sha(body) });
  const out = await read(decodePayload(Readable.from([body.subarray(0, 5), body.subarray(5)]), payload, req.headers).body);
  assert.equal(out.error, undefined);
  assert.ok(out.data.equals(body));
});

test('a streamed body that does not match its declared hash errors with XAmzContentSHA256Mismatch (400) instead of ending', async () => {
  const body = Buffer.from('hello, streamed world');
  const req = { ...(await put({ 'x-amz-content-sha256': sha(body) })), body: Buffer.alloc(0), streamed: true };
  const { payload } = verify(req);
  const other = Buffer.from('hello, streamed worle');
  const stream = decodePayload(Readable.from([other]), payload, req.headers).body;
  let ended = false;
  stream.on('end', () => (ended = true));
  const out = await read(stream);
  assert.equal(ended, false);
  assert.equal(out.error?.code, 'XAmzContentSHA256Mismatch');
  assert.equal(out.error?.status, 400);
  assert.equal(out.error?.message, "The provided 'x-amz-content-sha256' header does not match what was computed.");
  assert.deepEqual(out.error?.fields, { ClientComputedContentSHA256: sha(body), S3ComputedContentSHA256: sha(other) });
});

test('verifyPayloadHash accepts the empty body of the empty hash and errors before end otherwise', async () => {
  assert.equal((await read(Readable.from([]).pipe(verifyPayloadHash(sha(''))))).error, undefined);
  assert.equal((await read(Readable.from([Buffer.from('x')]).pipe(verifyPayloadHash(sha(''))))).error?.code, 'XAmzContentSHA256Mismatch');
});

test('a buffered S3 body is still checked against its declared hash by the verifier', async () => {
  const req = await put({ 'x-amz-content-sha256': sha('hello') }, 'hello');
  assert.deepEqual(verify(req).payload, { mode: 'sha256', expectedSha256: sha('hello') });
  assert.throws(() => verify({ ...req, body: Buffer.from('hellp') }), { code: 'XAmzContentSHA256Mismatch', status: 400 });
});

test('UNSIGNED-PAYLOAD needs nothing more, and a body passes as it is', async () => {
  const req = { ...(await put({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })), streamed: true };
  const { payload } = verify(req);
  assert.deepEqual(payload, { mode: 'unsigned' });
  const source = Readable.from([Buffer.from('abc')]);
  const out = decodePayload(source, payload, req.headers);
  assert.equal(out.body, source);
  assert.deepEqual(await out.trailers, {});
});

test('a chunked upload without a whole-number x-amz-decoded-content-length answers SignatureDoesNotMatch, as S3 does', async () => {
  for (const length of [undefined, '', 'five', '-1', '1.5', '99999999999999999']) {
    const headers: Record<string, string> = { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' };
    if (length !== undefined) headers['x-amz-decoded-content-length'] = length;
    const req = { ...(await put(headers)), streamed: true };
    assert.throws(() => verify(req), {
      code: 'SignatureDoesNotMatch', status: 403,
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    });
  }
});

test("S3's seed signature mismatch is worded as S3 words it", async () => {
  const req = await put({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
  assert.throws(() => verifySignature(req, parseSignature(req), SECRET + 'x', NOW, s3), {
    code: 'SignatureDoesNotMatch',
    message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  });
});

test('the stored Content-Encoding drops aws-chunked and keeps the rest', () => {
  assert.equal(storedContentEncoding(undefined), undefined);
  assert.equal(storedContentEncoding('aws-chunked'), undefined);
  assert.equal(storedContentEncoding('aws-chunked,gzip'), 'gzip');
  assert.equal(storedContentEncoding('gzip, aws-chunked'), 'gzip');
  assert.equal(storedContentEncoding('gzip'), 'gzip');
});

test('an anonymous request’s payload is described from its headers alone', () => {
  assert.deepEqual(anonymousPayload({}), { mode: 'unsigned' });
  assert.deepEqual(anonymousPayload({ 'x-amz-content-sha256': sha('x') }), { mode: 'sha256', expectedSha256: sha('x') });
  assert.deepEqual(anonymousPayload({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-decoded-content-length': '12' }), { mode: 'chunked-unsigned-trailer', decodedLength: 12 });
  assert.throws(() => anonymousPayload({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' }), { code: 'MissingContentLength', status: 411 });
  assert.throws(() => anonymousPayload({ 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '1' }), { code: 'AccessDenied', status: 403 });
  assert.throws(() => anonymousPayload({ 'x-amz-content-sha256': 'nope' }), { code: 'InvalidArgument' });
});

test('a sha256 value is 64 hex digits of either case; any other character or length is InvalidArgument', () => {
  const h = sha('x');
  for (const c of ['0', '9', 'a', 'f', 'A', 'F']) assert.equal(payloadModeOf(c + h.slice(1)), 'sha256', c);
  for (const c of ['/', ':', '@', 'G', '`', 'g', ' ']) {
    assert.throws(() => payloadModeOf(h.slice(0, 10) + c + h.slice(11)), { code: 'InvalidArgument' }, JSON.stringify(c));
  }
  assert.throws(() => payloadModeOf(h + '0'), { code: 'InvalidArgument' });
});

test('x-amz-trailer is read trimmed and in any case; only one of the checksum trailers S3 takes', async () => {
  const { declaredTrailer } = await import('../../../src/auth/sigv4/index.js');
  assert.equal(declaredTrailer({}), undefined);
  assert.equal(declaredTrailer({ 'x-amz-trailer': ' X-Amz-Checksum-CRC32C ' }), 'x-amz-checksum-crc32c');
  for (const name of ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256', 'sha512', 'md5', 'xxhash64', 'xxhash3', 'xxhash128']) {
    assert.equal(declaredTrailer({ 'x-amz-trailer': `x-amz-checksum-${name}` }), `x-amz-checksum-${name}`);
  }
  assert.throws(() => declaredTrailer({ 'x-amz-trailer': 'x-amz-checksum-' }), { code: 'InvalidRequest', status: 400, message: 'The value specified in the x-amz-trailer header is not supported' });
});

test('x-amz-decoded-content-length must be a safe whole number of at most 16 digits', async () => {
  for (const [value, ok] of [['0', 0], ['9007199254740991', 9007199254740991], ['0000000000000012', 12]] as const) {
    assert.deepEqual(anonymousPayload({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-decoded-content-length': value }), { mode: 'chunked-unsigned-trailer', decodedLength: ok });
  }
  for (const value of ['9007199254740993', '9999999999999999', ' 12', '12 ', '0x10', '1e3']) {
    assert.throws(() => anonymousPayload({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-decoded-content-length': value }), { code: 'MissingContentLength', status: 411 }, value);
  }
});

test('an anonymous request: a declared hash is expected in lower case; signed chunks of any kind are refused', () => {
  assert.deepEqual(anonymousPayload({ 'x-amz-content-sha256': sha('x').toUpperCase() }), { mode: 'sha256', expectedSha256: sha('x') });
  assert.deepEqual(anonymousPayload({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }), { mode: 'unsigned' });
  assert.throws(() => anonymousPayload({ 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', 'x-amz-decoded-content-length': '1' }), {
    code: 'AccessDenied', status: 403, message: 'Access Denied',
  });
  assert.equal(anonymousPayload({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-decoded-content-length': ['7', '8'] as never }).decodedLength, 7);
});

test('the stored Content-Encoding ignores the case of aws-chunked and empty entries', () => {
  assert.equal(storedContentEncoding('AWS-Chunked'), undefined);
  assert.equal(storedContentEncoding(' , aws-chunked, ,gzip , br'), 'gzip,br');
  assert.equal(storedContentEncoding(''), undefined);
});

test('a hash declared in upper case checks a streamed body the same; a failing source fails the body', async () => {
  const body = Buffer.from('upper-case hash');
  assert.equal((await read(Readable.from([body]).pipe(verifyPayloadHash(sha(body).toUpperCase())))).error, undefined);
  const source = new Readable({ read() {} });
  const out = decodePayload(source, { mode: 'sha256', expectedSha256: sha(body) }, {});
  const reading = read(out.body);
  source.destroy(new Error('connection reset'));
  assert.equal((await reading).error?.message, 'connection reset');
  assert.deepEqual(await out.trailers, {});
});

test('an unsigned-trailer body decodes through decodePayload with the trailer x-amz-trailer names', async () => {
  const data = Buffer.from('hello');
  const { checksumOf } = await import('../../../src/services/s3/checksums.js');
  const crc = checksumOf('CRC32', data);
  const encoded = Buffer.from(`5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${crc}\r\n\r\n`);
  const out = decodePayload(Readable.from([encoded]), { mode: 'chunked-unsigned-trailer', decodedLength: 5 }, { 'x-amz-trailer': 'x-amz-checksum-crc32' });
  assert.ok((await read(out.body)).data.equals(data));
  assert.deepEqual(await out.trailers, { 'x-amz-checksum-crc32': crc });
  // Without a trailer mode, a final CRLF ends the body and no trailer is read.
  const plain = decodePayload(Readable.from([Buffer.from('5\r\nhello\r\n0\r\n\r\n')]), { mode: 'chunked-unsigned-trailer', decodedLength: 5 }, {});
  assert.ok((await read(plain.body)).data.equals(data));
  assert.deepEqual(await plain.trailers, {});
});

test("the errors name what S3 names: NotImplemented the header, MissingContentLength in S3's words", () => {
  assert.throws(() => payloadModeOf('STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD'), (e: AwsError) => {
    assert.equal(e.code, 'NotImplemented');
    assert.equal(e.fault, 'Sender');
    assert.deepEqual(e.fields, { Header: 'x-amz-content-sha256' });
    return true;
  });
  assert.throws(() => payloadModeOf('nope'), { code: 'InvalidArgument', fault: 'Sender' });
  assert.throws(() => anonymousPayload({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' }), {
    code: 'MissingContentLength', status: 411, message: 'You must provide the Content-Length HTTP header.',
  });
});

test('every STREAMING mode is an aws-chunked body for the verifier; a hash or UNSIGNED-PAYLOAD is not', async () => {
  for (const [mode, streaming] of [['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', true], ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', true], ['STREAMING-UNSIGNED-PAYLOAD-TRAILER', true], ['UNSIGNED-PAYLOAD', false], [sha(''), false]] as const) {
    const req = { ...(await put({ 'x-amz-content-sha256': mode, 'x-amz-decoded-content-length': '0' })), streamed: true };
    assert.equal(verify(req).isStreaming, streaming, mode);
  }
});
