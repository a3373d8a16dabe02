// aws-chunked bodies (S3's STREAMING-* payloads): AWS's documented examples decode, the real S3
// client's unsigned-trailer uploads decode, and every tampering, truncation or framing fault
// errors the stream with S3's error before it ends, in whatever pieces the bytes arrive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { PassThrough, Readable } from 'node:stream';
import type { IncomingHttpHeaders } from 'node:http';
import {
  AwsChunkedDecoder,
  ChunkSeed,
  decodePayload,
  parseSignature,
  verifySignature,
  type PayloadDescription,
  type SignedRequest,
} from '../../../src/auth/sigv4/index.js';
import { authenticate } from '../../../src/auth/authenticate.js';
import { sessionTokenCodec } from '../../../src/auth/session-token.js';
import { AwsError } from '../../../src/protocol/errors.js';
import { checksumOf } from '../../../src/services/s3/checksums.js';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { nodeHeaders, request, toSignedRequest } from './support.js';

// ---- The documented examples: https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
// and sigv4-streaming-trailers.html (credentials, time, seed and chunk signatures as listed there).
const DOC_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const DOC_NOW = Date.UTC(2013, 4, 24);
const DOC_DATE = '20130524T000000Z';
const DOC_SCOPE = '20130524/us-east-1/s3/aws4_request';
const DOC = {
  seed: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
  chunks: [
    'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
    '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
    'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
  ],
};
const DOC_TRAILER = {
  seed: '106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e',
  chunks: [
    'b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2',
    '1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7',
    '2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992',
  ],
  trailer: 'x-amz-checksum-crc32c:sOO8/Q==',
  trailerSignature: 'd81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435',
};
const SIZES = [65536, 1024, 0];
const OBJECT = Buffer.alloc(66560, 'a');

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
/** The signing key derived here, independently of src/. */
function signingKey(secret: string, date: string, region = 'us-east-1'): Buffer {
  return hmac(hmac(hmac(hmac('AWS4' + secret, date), region), 's3'), 'aws4_request');
}
const DOC_KEY = signingKey(DOC_SECRET, '20130524');

function docRequest(trailer: boolean): SignedRequest {
  const signedHeaders = trailer
    ? 'content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer'
    : 'content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class';
  const pairs: [string, string][] = [
    ['Host', 's3.amazonaws.com'],
    ['x-amz-date', DOC_DATE],
    ['x-amz-storage-class', 'REDUCED_REDUNDANCY'],
    ['Authorization', `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/${DOC_SCOPE},SignedHeaders=${signedHeaders},Signature=${trailer ? DOC_TRAILER.seed : DOC.seed}`],
    ['x-amz-content-sha256', trailer ? 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER' : 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'],
    ['Content-Encoding', 'aws-chunked'],
    ['x-amz-decoded-content-length', '66560'],
    ['Content-Length', '66824'],
  ];
  if (trailer) pairs.push(['x-amz-trailer', 'x-amz-checksum-crc32c']);
  const { headers, rawHeaders } = nodeHeaders(pairs);
  return { method: 'PUT', rawPath: '/examplebucket/chunkObject.txt', rawQuery: '', headers, rawHeaders, body: Buffer.alloc(0), streamed: true };
}

function docBody(trailer: boolean, blankBeforeTrailers = false): Buffer {
  const sigs = trailer ? DOC_TRAILER.chunks : DOC.chunks;
  const parts: Buffer[] = [];
  SIZES.forEach((size, i) => {
    parts.push(Buffer.from(`${size.toString(16)};chunk-signature=${sigs[i]}\r\n`));
    if (size > 0) parts.push(OBJECT.subarray(0, size), Buffer.from('\r\n'));
  });
  if (!trailer) parts.push(Buffer.from('\r\n'));
  else parts.push(Buffer.from(`${blankBeforeTrailers ? '\r\n' : ''}${DOC_TRAILER.trailer}\r\nx-amz-trailer-signature:${DOC_TRAILER.trailerSignature}\r\n\r\n`));
  return Buffer.concat(parts);
}

// ---- An encoder for tests, written from the pages, independent of the decoder.
interface Signing {
  key: Buffer;
  seed: string;
  amzDate: string;
  scope: string;
}

function encodeSigned(s: Signing, chunks: Buffer[], trailers?: [string, string][]): Buffer {
  const parts: Buffer[] = [];
  let previous = s.seed;
  for (const data of [...chunks, Buffer.alloc(0)]) {
    previous = hmac(s.key, `AWS4-HMAC-SHA256-PAYLOAD\n${s.amzDate}\n${s.scope}\n${previous}\n${sha256('')}\n${sha256(data)}`).toString('hex');
    parts.push(Buffer.from(`${data.length.toString(16)};chunk-signature=${previous}\r\n`));
    if (data.length > 0) parts.push(data, Buffer.from('\r\n'));
  }
  if (!trailers) {
    parts.push(Buffer.from('\r\n'));
    return Buffer.concat(parts);
  }
  const canonical = trailers.map(([n, v]) => `${n}:${v}\n`).join('');
  const signature = hmac(s.key, `AWS4-HMAC-SHA256-TRAILER\n${s.amzDate}\n${s.scope}\n${previous}\n${sha256(canonical)}`).toString('hex');
  parts.push(Buffer.from(trailers.map(([n, v]) => `${n}:${v}\r\n`).join('') + `x-amz-trailer-signature:${signature}\r\n\r\n`));
  return Buffer.concat(parts);
}

/** The framing @smithy's getAwsChunkedEncodingStream writes for STREAMING-UNSIGNED-PAYLOAD-TRAILER. */
function encodeUnsigned(chunks: Buffer[], trailers: [string, string][] = []): Buffer {
  const parts: Buffer[] = [];
  for (const data of chunks) parts.push(Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n'));
  parts.push(Buffer.from('0\r\n'));
  for (const [n, v] of trailers) parts.push(Buffer.from(`${n}:${v}\r\n`));
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

const docSeed = (trailer = false) => new ChunkSeed(trailer ? DOC_TRAILER.seed : DOC.seed, DOC_DATE, DOC_SCOPE, DOC_KEY);
const signedPayload = (decodedLength = 66560, trailer = false): PayloadDescription => ({
  mode: trailer ? 'chunked-signed-trailer' : 'chunked-signed', decodedLength, seed: docSeed(trailer),
});
const unsignedPayload = (decodedLength: number): PayloadDescription => ({ mode: 'chunked-unsigned-trailer', decodedLength });

interface Outcome {
  data: Buffer;
  ended: boolean;
  error?: AwsError;
  trailers?: Record<string, string>;
}

/** Feeds `pieces` one write each and reads the decoded body to its end or its error. */
async function decode(pieces: Buffer[] | Buffer, payload: PayloadDescription, headers: IncomingHttpHeaders = {}): Promise<Outcome> {
  const source = Readable.from(Array.isArray(pieces) ? pieces : [pieces]);
  const { body, trailers } = decodePayload(source, payload, headers);
  const parts: Buffer[] = [];
  try {
    for await (const c of body) parts.push(c as Buffer);
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    await assert.rejects(trailers);
    return { data: Buffer.concat(parts), ended: false, error: e };
  }
  return { data: Buffer.concat(parts), ended: true, trailers: await trailers };
}

function refusedWith(o: Outcome, code: string, status: number, message?: string): AwsError {
  assert.equal(o.ended, false, `ended instead of failing with ${code}`);
  assert.ok(o.error, 'no error');
  assert.equal(o.error.code, code, o.error.message);
  assert.equal(o.error.status, status);
  if (message !== undefined) assert.equal(o.error.message, message);
  assert.doesNotMatch(o.error.message, /[0-9a-f]{64}/, 'a signature in the message');
  return o.error;
}

const S3_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
const INCOMPLETE = 'The request body terminated unexpectedly';

function randomSplits(buf: Buffer, seed: number): Buffer[] {
  let x = seed;
  const rand = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; ) {
    const n = 1 + Math.floor(rand() * (rand() < 0.2 ? 3 : 9000));
    out.push(buf.subarray(i, i + n));
    i += n;
  }
  return out;
}
const bytes = (buf: Buffer) => Array.from({ length: buf.length }, (_, i) => buf.subarray(i, i + 1));

// ---- Behaviour

test("AWS's documented chunk signatures are what a seed computes", () => {
  const seed = docSeed();
  let previous = DOC.seed;
  SIZES.forEach((size, i) => {
    previous = seed.chunkSignature(previous, sha256(OBJECT.subarray(0, size)));
    assert.equal(previous, DOC.chunks[i]);
  });
});

test("AWS's documented STREAMING-AWS4-HMAC-SHA256-PAYLOAD request verifies on its seed and decodes to its 66560 bytes", async () => {
  const req = docRequest(false);
  const body = docBody(false);
  assert.equal(body.length, 66824, 'the documented Content-Length');
  const verified = verifySignature(req, parseSignature(req), DOC_SECRET, DOC_NOW, { service: 's3', s3: true });
  assert.equal(verified.isStreaming, true);
  assert.equal(verified.payload.mode, 'chunked-signed');
  assert.equal(verified.payload.decodedLength, 66560);
  assert.equal(verified.payload.seed?.signature, DOC.seed);
  const out = await decode(body, verified.payload, req.headers);
  assert.equal(out.ended, true);
  assert.ok(out.data.equals(OBJECT));
  assert.deepEqual(out.trailers, {});
});

test("AWS's documented STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER request verifies, decodes and yields its signed crc32c trailer", async () => {
  const req = docRequest(true);
  const verified = verifySignature(req, parseSignature(req), DOC_SECRET, DOC_NOW, { service: 's3', s3: true });
  assert.equal(verified.payload.mode, 'chunked-signed-trailer');
  for (const blank of [false, true]) {
    const out = await decode(docBody(true, blank), verified.payload, req.headers);
    assert.equal(out.ended, true, out.error?.message);
    assert.ok(out.data.equals(OBJECT));
    assert.deepEqual(out.trailers, { 'x-amz-checksum-crc32c': 'sOO8/Q==' });
  }
  // The trailer is the object's CRC-32C, as the checksums module computes it.
  assert.equal(checksumOf('CRC32C', OBJECT), 'sOO8/Q==');
});

test('the documented bodies decode the same one byte at a time and in random splits', async () => {
  for (const trailer of [false, true]) {
    const body = docBody(trailer);
    const whole = await decode(body, signedPayload(66560, trailer), { 'x-amz-trailer': 'x-amz-checksum-crc32c' });
    const oneByOne = await decode(bytes(body), signedPayload(66560, trailer), { 'x-amz-trailer': 'x-amz-checksum-crc32c' });
    assert.ok(oneByOne.ended && oneByOne.data.equals(whole.data));
    assert.deepEqual(oneByOne.trailers, whole.trailers);
    for (let seed = 1; seed <= 20; seed++) {
      const split = await decode(randomSplits(body, seed), signedPayload(66560, trailer), { 'x-amz-trailer': 'x-amz-checksum-crc32c' });
      assert.ok(split.ended && split.data.equals(OBJECT), `split ${seed}: ${split.error?.message}`);
      assert.deepEqual(split.trailers, whole.trailers);
    }
  }
});

test('an unsigned-trailer body framed as the SDK frames it decodes in any split, with its trailer', async () => {
  const data = randomBytes(3 * 8192 + 77);
  const crc = checksumOf('CRC32', data);
  const body = encodeUnsigned([data.subarray(0, 8192), data.subarray(8192, 3 * 8192), data.subarray(3 * 8192)], [['x-amz-checksum-crc32', crc]]);
  const headers = { 'x-amz-trailer': 'x-amz-checksum-crc32' };
  for (const pieces of [[body], bytes(body), randomSplits(body, 7), randomSplits(body, 8)]) {
    const out = await decode(pieces, unsignedPayload(data.length), headers);
    assert.ok(out.ended && out.data.equals(data), out.error?.message);
    assert.deepEqual(out.trailers, { 'x-amz-checksum-crc32': crc });
  }
});

test('the real S3 client’s streamed PutObject (STREAMING-UNSIGNED-PAYLOAD-TRAILER) verifies and decodes, and its CRC32 trailer is the data’s', async () => {
  const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
  const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
  let captured: { req: SignedRequest; body: Buffer } | undefined;
  const client = new S3Client({
    region: 'us-east-1', endpoint: 'http://localhost:4577', forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret },
    requestHandler: {
      handle: async (r: { body: AsyncIterable<Uint8Array> }) => {
        const parts: Buffer[] = [];
        for await (const c of r.body) parts.push(Buffer.from(c));
        captured = { req: { ...toSignedRequest({ ...r, body: undefined } as never), streamed: true }, body: Buffer.concat(parts) };
        throw new Error('captured');
      },
    } as never,
  });
  const data = randomBytes(200_000);
  await assert.rejects(
    client.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'big', Body: Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]), ContentLength: data.length })),
    /captured/,
  );
  assert.ok(captured);
  const { req, body } = captured;
  assert.equal(req.headers['x-amz-content-sha256'], 'STREAMING-UNSIGNED-PAYLOAD-TRAILER');
  const verified = verifySignature(req, parseSignature(req), secret, Date.now(), { service: 's3', s3: true });
  assert.equal(verified.payload.mode, 'chunked-unsigned-trailer');
  assert.equal(verified.payload.decodedLength, data.length);
  for (const pieces of [[body], randomSplits(body, 3)]) {
    const out = await decode(pieces, verified.payload, req.headers);
    assert.ok(out.ended && out.data.equals(data), out.error?.message);
    assert.deepEqual(out.trailers, { 'x-amz-checksum-crc32': checksumOf('CRC32', data) });
  }
});

test('a temporary-credential caller’s signed chunks verify through authenticate, which describes the payload', async () => {
  const tokens = sessionTokenCodec(randomBytes(32));
  const now = Date.UTC(2024, 4, 24, 10, 0, 0);
  const claims = {
    accessKeyId: 'ASIAQ3EGVHWIXEXAMPLE', secretAccessKey: 'session/secret+0000000000000000000000000', accountId: '111122223333', kind: 'session' as const,
    arn: 'arn:aws:iam::111122223333:root', userId: '111122223333', issuedAt: now - 1000, expiresAt: now + 3600_000,
  };
  const data = randomBytes(70_000);
  const sessionSigner = new SignatureV4({
    credentials: { accessKeyId: claims.accessKeyId, secretAccessKey: claims.secretAccessKey, sessionToken: tokens.seal(claims) },
    region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false,
  });
  const signedReq = toSignedRequest(
    (await sessionSigner.sign(
      request({ method: 'PUT', path: '/bucket/key', headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(data.length) } }),
      { signingDate: new Date(now) },
    )) as never,
  );
  const req = { ...signedReq, streamed: true };
  const deps = { store: {} as never, credentials: {} as never, tokens, log: { info() {}, error() {} } as never };
  const result = await authenticate({ request: req, signingName: 's3', s3: true, serviceName: 's3', receivedAt: new Date(now), requestId: 'r' }, deps);
  assert.equal(result.caller.accessKeyId, claims.accessKeyId);
  assert.equal(result.payload.mode, 'chunked-signed');
  const parsed = parseSignature(req);
  const encoded = encodeSigned(
    { key: signingKey(claims.secretAccessKey, '20240524'), seed: parsed.signature, amzDate: parsed.amzDate, scope: `20240524/us-east-1/s3/aws4_request` },
    [data.subarray(0, 65536), data.subarray(65536)],
  );
  const out = await decode(encoded, result.payload, req.headers);
  assert.ok(out.ended && out.data.equals(data), out.error?.message);
  // The seed shows no key: not as a property, not in JSON, not when inspected.
  const keyHex = signingKey(claims.secretAccessKey, '20240524').toString('hex');
  const seed = result.payload.seed!;
  assert.deepEqual(Object.getOwnPropertyNames(seed).sort(), ['amzDate', 'scope', 'signature']);
  for (const shown of [JSON.stringify(result.payload), inspect(result.payload, { showHidden: true, depth: null }), inspect(seed, { showHidden: true, depth: null })]) {
    assert.ok(!shown.includes(keyHex) && !shown.includes(claims.secretAccessKey), shown);
    assert.doesNotMatch(shown, /Buffer|<Buffer/);
  }
});

test('a 64 MiB signed body decodes with bounded memory', async () => {
  const size = 64 * 1024 * 1024;
  const chunkSize = 1024 * 1024;
  const block = Buffer.alloc(chunkSize, 0x5a);
  const blockHash = sha256(block);
  let previous = DOC.seed;
  let sent = 0;
  let finished = false;
  const source = new Readable({
    read() {
      if (finished) return;
      if (sent === size) {
        previous = hmac(DOC_KEY, `AWS4-HMAC-SHA256-PAYLOAD\n${DOC_DATE}\n${DOC_SCOPE}\n${previous}\n${sha256('')}\n${sha256('')}`).toString('hex');
        this.push(`0;chunk-signature=${previous}\r\n\r\n`);
        this.push(null);
        finished = true;
        return;
      }
      previous = hmac(DOC_KEY, `AWS4-HMAC-SHA256-PAYLOAD\n${DOC_DATE}\n${DOC_SCOPE}\n${previous}\n${sha256('')}\n${blockHash}`).toString('hex');
      this.push(`${chunkSize.toString(16)};chunk-signature=${previous}\r\n`);
      this.push(block);
      this.push('\r\n');
      sent += chunkSize;
    },
  });
  const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
  const baseline = used();
  let peak = 0;
  let total = 0;
  const hash = createHash('sha256');
  const { body, trailers } = decodePayload(source, signedPayload(size), {});
  for await (const c of body) {
    total += (c as Buffer).length;
    hash.update(c as Buffer);
    peak = Math.max(peak, used() - baseline);
  }
  await trailers;
  assert.equal(total, size);
  const expected = createHash('sha256');
  for (let i = 0; i < 64; i++) expected.update(block);
  assert.equal(hash.digest('hex'), expected.digest('hex'));
  assert.ok(peak < 24 * 1024 * 1024, `grew by ${(peak / 1048576).toFixed(1)} MiB`);
});

// ---- Errors

test('a flipped byte in any chunk’s data or signature answers SignatureDoesNotMatch (403) and the body never ends', async () => {
  const body = docBody(false);
  const chunk2 = body.indexOf('\r\n400;') + 2;
  const final = body.indexOf('\r\n0;') + 2;
  const positions = [90, 100, 5000, 65535 + 87, chunk2 + 30, chunk2 + 90, chunk2 + 1000, final + 20, final + 80];
  for (const at of positions) {
    const changed = Buffer.from(body);
    changed[at] = changed[at]! ^ 1;
    refusedWith(await decode(changed, signedPayload()), 'SignatureDoesNotMatch', 403, S3_MISMATCH);
  }
});

test('a bad first chunk fails as soon as its last byte arrives, before the rest is sent', async () => {
  const body = Buffer.from(docBody(false));
  body[1000] = body[1000]! ^ 1;
  const endOfChunk1 = body.indexOf('\r\n400;');
  const source = new PassThrough();
  const { body: decoded } = decodePayload(source, signedPayload(), {});
  let error: AwsError | undefined;
  let ended = false;
  decoded.on('error', (e) => (error = e as AwsError));
  decoded.on('end', () => (ended = true));
  decoded.resume();
  source.write(body.subarray(0, endOfChunk1));
  await new Promise((r) => setImmediate(r));
  assert.equal(error?.code, 'SignatureDoesNotMatch');
  assert.equal(ended, false);
  // The request is unpiped, not destroyed: its socket must carry the error response.
  assert.equal(source.destroyed, false);
});

test('every one-byte change to a small signed body is refused, never decoded', async () => {
  const s: Signing = { key: DOC_KEY, seed: DOC.seed, amzDate: DOC_DATE, scope: DOC_SCOPE };
  const data = Buffer.alloc(8192 + 10, 'q');
  const body = encodeSigned(s, [data.subarray(0, 8192), data.subarray(8192)]);
  assert.ok((await decode(body, signedPayload(data.length))).ended);
  for (let i = 0; i < body.length; i++) {
    const changed = Buffer.from(body);
    changed[i] = changed[i]! ^ 1;
    const out = await decode(changed, signedPayload(data.length));
    assert.equal(out.ended, false, `byte ${i} changed and the body decoded`);
    assert.ok(['SignatureDoesNotMatch', 'IncompleteBody', 'InvalidChunkSizeError'].includes(out.error!.code), `${i}: ${out.error!.code}`);
  }
});

test('a body cut short anywhere answers IncompleteBody "The request body terminated unexpectedly" (400)', async () => {
  for (const trailer of [false, true]) {
    const body = docBody(trailer);
    const cuts = new Set<number>([0, 1, 50, 86, 87, 88, 65536 + 88, 65536 + 89, 65536 + 90, body.length - 1, body.length - 2, body.length - 3]);
    for (let i = body.length - 200; i < body.length; i++) cuts.add(i);
    for (let i = 0; i < 40; i++) cuts.add(Math.floor(Math.random() * body.length));
    for (const cut of cuts) {
      refusedWith(await decode(body.subarray(0, cut), signedPayload(66560, trailer), { 'x-amz-trailer': 'x-amz-checksum-crc32c' }), 'IncompleteBody', 400, INCOMPLETE);
    }
  }
  const unsigned = encodeUnsigned([Buffer.from('hello')], [['x-amz-checksum-crc32', checksumOf('CRC32', Buffer.from('hello'))]]);
  for (let cut = 0; cut < unsigned.length; cut++) {
    refusedWith(await decode(unsigned.subarray(0, cut), unsignedPayload(5), { 'x-amz-trailer': 'x-amz-checksum-crc32' }), 'IncompleteBody', 400, INCOMPLETE);
  }
});

test('a decoded length other than x-amz-decoded-content-length answers IncompleteBody with both counts, and no byte past the declared length goes out', async () => {
  for (const declared of [66559, 66561, 0, 1]) {
    const out = await decode(docBody(false), signedPayload(declared));
    const e = refusedWith(out, 'IncompleteBody', 400, 'You did not provide the number of bytes specified by the Content-Length HTTP header');
    assert.deepEqual(e.fields, { NumberBytesExpected: declared, NumberBytesProvided: 66560 });
    assert.ok(out.data.length <= declared);
  }
  const unsigned = encodeUnsigned([Buffer.from('hello')]);
  const e = refusedWith(await decode(unsigned, unsignedPayload(3)), 'IncompleteBody', 400);
  assert.deepEqual(e.fields, { NumberBytesExpected: 3, NumberBytesProvided: 5 });
});

test('a chunk with data after one of less than 8 KiB answers InvalidChunkSizeError naming the chunk and the short size', async () => {
  const s: Signing = { key: DOC_KEY, seed: DOC.seed, amzDate: DOC_DATE, scope: DOC_SCOPE };
  const signed = encodeSigned(s, [Buffer.from('hel'), Buffer.from('lo')]);
  const e = refusedWith(await decode(signed, signedPayload(5)), 'InvalidChunkSizeError', 400, 'Only the last chunk is allowed to have a size less than 8192 bytes');
  assert.deepEqual(e.fields, { Chunk: 2, BadChunkSize: 3 });
  const a = Buffer.alloc(1000, 'a');
  const unsigned = encodeUnsigned([a, a]);
  assert.deepEqual(refusedWith(await decode(unsigned, unsignedPayload(2000)), 'InvalidChunkSizeError', 400).fields, { Chunk: 2, BadChunkSize: 1000 });
  // The last data chunk may be short, and so may a body of one chunk.
  assert.ok((await decode(encodeSigned(s, [Buffer.alloc(8192), Buffer.from('x')]), signedPayload(8193))).ended);
  assert.ok((await decode(encodeSigned(s, [Buffer.from('x')]), signedPayload(1))).ended);
});

test('ill-formed framing answers IncompleteBody: bad sizes, absurd sizes, missing CRLF or chunk-signature, long lines, bytes after the end', async () => {
  const s: Signing = { key: DOC_KEY, seed: DOC.seed, amzDate: DOC_DATE, scope: DOC_SCOPE };
  const good = encodeSigned(s, [Buffer.from('hello')]).toString('latin1');
  const sig = good.slice(good.indexOf('=') + 1, good.indexOf('\r\n'));
  const cases: [string, string | Buffer, PayloadDescription][] = [
    ['a size that is not hex', good.replace('5;', 'g;'), signedPayload(5)],
    ['a size of 17 hex digits', good.replace('5;', '00000000000000005;'), signedPayload(5)],
    ['a size over 5 GiB', good.replace('5;', '140000001;'), signedPayload(5)],
    ['no chunk-signature', good.replace(`;chunk-signature=${sig}`, ''), signedPayload(5)],
    ['a short chunk-signature', good.replace(sig, sig.slice(1)), signedPayload(5)],
    ['chunk-signature misspelt', good.replace('chunk-signature', 'chunk-signatur3'), signedPayload(5)],
    ['LF without CR after the header', good.replace(`${sig}\r\n`, `${sig}\n`), signedPayload(5)],
    ['no CRLF after the data', good.replace('hello\r\n', 'helloXX'), signedPayload(5)],
    ['bytes after the end', good + 'x', signedPayload(5)],
    ['an extension on an unsigned chunk', '5;x=y\r\nhello\r\n0\r\n\r\n', unsignedPayload(5)],
    ['a header line without end', Buffer.alloc(1 << 20, 0x31), unsignedPayload(5)],
    ['no final chunk terminator', encodeSigned(s, [Buffer.from('hello')]).subarray(0, -2).toString('latin1') + 'XX', signedPayload(5)],
  ];
  for (const [name, body, payload] of cases) {
    const out = await decode(typeof body === 'string' ? Buffer.from(body, 'latin1') : body, payload);
    assert.equal(out.ended, false, name);
    assert.equal(out.error?.code, 'IncompleteBody', `${name}: ${out.error?.code}`);
  }
});

test('trailers: missing, undeclared, renamed or ill-formed answer MalformedTrailerError; a bad trailer signature SignatureDoesNotMatch', async () => {
  const s: Signing = { key: DOC_KEY, seed: DOC_TRAILER.seed, amzDate: DOC_DATE, scope: DOC_SCOPE };
  const data = Buffer.from('hello');
  const crc = checksumOf('CRC32', data);
  const declared = { 'x-amz-trailer': 'x-amz-checksum-crc32' };
  const MALFORMED = 'The request contained trailing data that was not well-formed or did not conform to our published schema.';
  // Unsigned trailers.
  refusedWith(await decode(encodeUnsigned([data]), unsignedPayload(5), declared), 'MalformedTrailerError', 400, MALFORMED);
  refusedWith(await decode(encodeUnsigned([data], [['x-amz-checksum-crc32', crc]]), unsignedPayload(5), {}), 'MalformedTrailerError', 400);
  refusedWith(await decode(encodeUnsigned([data], [['x-amz-checksum-crc32c', crc]]), unsignedPayload(5), declared), 'MalformedTrailerError', 400);
  refusedWith(await decode(Buffer.from('5\r\nhello\r\n0\r\nx-amz-checksum-crc32\r\n\r\n'), unsignedPayload(5), declared), 'MalformedTrailerError', 400);
  refusedWith(await decode(Buffer.from(`5\r\nhello\r\n0\r\n:${crc}\r\n\r\n`), unsignedPayload(5), declared), 'MalformedTrailerError', 400);
  refusedWith(await decode(encodeUnsigned([data], [['x-amz-checksum-crc32', crc], ['x-amz-checksum-crc32', crc]]), unsignedPayload(5), declared), 'MalformedTrailerError', 400);
  // No x-amz-trailer and no trailer: the body simply ends (S3 computes a checksum itself).
  assert.deepEqual((await decode(encodeUnsigned([data]), unsignedPayload(5), {})).trailers, {});
  // Signed trailers.
  const good = encodeSigned(s, [data], [['x-amz-checksum-crc32', crc]]);
  assert.deepEqual((await decode(good, signedPayload(5, true), declared)).trailers, { 'x-amz-checksum-crc32': crc });
  const otherValue = good.toString('latin1').replace(crc, checksumOf('CRC32', Buffer.from('hellp')));
  refusedWith(await decode(Buffer.from(otherValue, 'latin1'), signedPayload(5, true), declared), 'SignatureDoesNotMatch', 403, S3_MISMATCH);
  const text = good.toString('latin1');
  const withoutSignature = text.slice(0, text.indexOf('x-amz-trailer-signature')) + '\r\n';
  refusedWith(await decode(Buffer.from(withoutSignature, 'latin1'), signedPayload(5, true), declared), 'MalformedTrailerError', 400);
  const at = text.indexOf('x-amz-trailer-signature:') + 30;
  const flipped = Buffer.from(good);
  flipped[at] = flipped[at]! ^ 1;
  refusedWith(await decode(flipped, signedPayload(5, true), declared), 'SignatureDoesNotMatch', 403);
});

test('an x-amz-trailer S3 does not take answers InvalidRequest at once', () => {
  for (const value of ['x-amz-checksum-sha10', 'content-md5', 'x-amz-checksum-crc32,x-amz-checksum-crc32c']) {
    assert.throws(() => decodePayload(Readable.from([]), unsignedPayload(0), { 'x-amz-trailer': value }), {
      code: 'InvalidRequest', status: 400, message: 'The value specified in the x-amz-trailer header is not supported',
    });
  }
});

test('the decoder refuses to run signed without a seed', () => {
  assert.throws(() => new AwsChunkedDecoder({ signed: true, trailer: false, decodedLength: 0 }), TypeError);
});

test('a trailer line may be 1024 bytes with its CRLF, not one more; names and values are read trimmed, names in any case', async () => {
  const declared = { 'x-amz-trailer': 'x-amz-checksum-crc32' };
  const prefix = 'x-amz-checksum-crc32:';
  const line = (length: number) => prefix + 'A'.repeat(length - prefix.length - 2);
  const body = (trailerLine: string) => Buffer.from(`5\r\nhello\r\n0\r\n${trailerLine}\r\n\r\n`);
  const longest = await decode(body(line(1024)), unsignedPayload(5), declared);
  assert.ok(longest.ended, longest.error?.message);
  assert.equal(longest.trailers!['x-amz-checksum-crc32']!.length, 1024 - prefix.length - 2);
  refusedWith(await decode(body(line(1025)), unsignedPayload(5), declared), 'MalformedTrailerError', 400);
  // Split across writes, the same limit holds.
  refusedWith(await decode(bytes(body(line(1025))), unsignedPayload(5), declared), 'MalformedTrailerError', 400);
  const spaced = await decode(body(' X-Amz-Checksum-CRC32 :  sOO8/Q==  '), unsignedPayload(5), declared);
  assert.deepEqual(spaced.trailers, { 'x-amz-checksum-crc32': 'sOO8/Q==' });
});

test('a trailer after the trailer signature, a trailer signature on unsigned chunks, or a lone LF in the trailers is MalformedTrailerError', async () => {
  const s: Signing = { key: DOC_KEY, seed: DOC_TRAILER.seed, amzDate: DOC_DATE, scope: DOC_SCOPE };
  const declared = { 'x-amz-trailer': 'x-amz-checksum-crc32' };
  const crc = checksumOf('CRC32', Buffer.from('hello'));
  const good = encodeSigned(s, [Buffer.from('hello')], [['x-amz-checksum-crc32', crc]]).toString('latin1');
  const afterSignature = good.slice(0, -2) + `x-amz-checksum-crc32:${crc}\r\n\r\n`;
  refusedWith(await decode(Buffer.from(afterSignature, 'latin1'), signedPayload(5, true), declared), 'MalformedTrailerError', 400);
  const unsignedWithSignature = `5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${crc}\r\nx-amz-trailer-signature:${'0'.repeat(64)}\r\n\r\n`;
  refusedWith(await decode(Buffer.from(unsignedWithSignature), unsignedPayload(5), declared), 'MalformedTrailerError', 400);
  refusedWith(await decode(Buffer.from(`5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${crc}\n\r\n`), unsignedPayload(5), declared), 'MalformedTrailerError', 400);
  refusedWith(await decode(Buffer.from(`5\r\nhello\r\n0\r\n\n`), unsignedPayload(5), declared), 'MalformedTrailerError', 400);
  // A signed body whose trailer section is only the closing blank line has no trailer signature.
  const bare = good.slice(0, good.indexOf('x-amz-checksum-crc32:')) + '\r\n';
  refusedWith(await decode(Buffer.from(bare, 'latin1'), signedPayload(5, true), {}), 'MalformedTrailerError', 400);
});

test('the data of a chunk must end with CR then LF, and a chunk header line cannot be an empty line or a bare LF', async () => {
  for (const text of ['5\r\nhello\rX0\r\n\r\n', '5\r\nhello\n\r0\r\n\r\n', '\r\n5\r\nhello\r\n0\r\n\r\n', '\n', '5\n']) {
    refusedWith(await decode(Buffer.from(text), unsignedPayload(5)), 'IncompleteBody', 400, INCOMPLETE);
  }
  // Without trailers, the final chunk is followed by exactly one empty line.
  refusedWith(await decode(encodeSigned({ key: DOC_KEY, seed: DOC.seed, amzDate: DOC_DATE, scope: DOC_SCOPE }, [Buffer.from('hello')]).subarray(0, -2), signedPayload(5)), 'IncompleteBody', 400);
});
