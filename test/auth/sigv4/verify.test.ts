// The verifier against the real signer: @smithy/signature-v4 signs, we accept; any one-byte change
// to what was signed is refused.
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { parseSignature, verifySignature, buildCanonicalRequest, type SignedRequest } from '../../../src/auth/sigv4/index.js';
import { AwsError } from '../../../src/protocol/errors.js';
import { CREDENTIALS, NOW, flipAt, flippablePositions, presigned, signed } from './support.js';

const SECRET = CREDENTIALS.secretAccessKey;
const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': "é✓ !*'()~&=+/?#[]@$,;:%" } } }],
});
const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

interface Scenario {
  name: string;
  service: string;
  s3?: boolean;
  make: () => Promise<SignedRequest>;
}

const scenarios: Scenario[] = [
  {
    name: 'an IAM CreateRole form POST with unicode and reserved characters',
    service: 'iam',
    make: () =>
      signed('iam', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: form({ Action: 'CreateRole', RoleName: 'pinpoint-ünïcode', AssumeRolePolicyDocument: policy, Description: 'a  b\tc', Version: '2010-05-08' }),
      }),
  },
  {
    name: 'an STS GetCallerIdentity POST with a session token',
    service: 'sts',
    make: () =>
      signed('sts', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' }, { sessionToken: true }),
  },
  {
    name: 'a GET with repeated keys, empty values, spaces, unicode and reserved characters in the query',
    service: 'iam',
    make: () =>
      signed('iam', { query: { Action: 'ListRoles', Marker: ['b', 'a', ''], Empty: '', 'sp ace': 'v a l', 'ü': 'ß✓', '*': "!'()", PathPrefix: '/a/b/' } }),
  },
  {
    name: 'a GET on a path with doubled slashes and dot segments for a non-S3 service',
    service: 'execute-api',
    make: () => signed('execute-api', { path: '/stage//items/./x/../item%20one', query: { q: 'x y' } }),
  },
  {
    name: 'a signed header whose value has runs of spaces and tabs',
    service: 'iam',
    make: () => signed('iam', { headers: { 'x-amz-meta-note': '  a   b \t c  ', 'content-type': 'text/plain' }, query: { Action: 'ListRoles' } }),
  },
  {
    name: 'an S3 PUT on a key with spaces, unicode, // and .. whose body hash is declared',
    service: 's3',
    s3: true,
    make: () =>
      signed(
        's3',
        { method: 'PUT', path: '/bucket/dir//my%20file/../caf%C3%A9%E2%9C%93.txt', headers: { 'x-amz-content-sha256': createHash('sha256').update('hello').digest('hex') }, body: 'hello' },
        { s3: true },
      ),
  },
  {
    name: 'an S3 GET with UNSIGNED-PAYLOAD and a session token',
    service: 's3',
    s3: true,
    make: () => signed('s3', { path: '/bucket/a%2Bb/%21x', query: { 'list-type': '2', prefix: 'a b/' }, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { s3: true, sessionToken: true }),
  },
  {
    name: 'a presigned STS GetCallerIdentity URL with a session token',
    service: 'sts',
    make: () => presigned('sts', { query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } }, { sessionToken: true, expiresIn: 900 }),
  },
  {
    name: 'a presigned S3 GET URL on a key with spaces and unicode',
    service: 's3',
    s3: true,
    make: () => presigned('s3', { path: '/bucket/my%20photo%20%C3%A9t%C3%A9.jpg', query: { 'response-content-type': 'image/jpeg' }, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { s3: true, expiresIn: 3600 }),
  },
];

function refused(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    assert.ok(e.status === 403 || e.status === 400, `${e.code} ${e.status}`);
    assert.ok(!e.message.includes(SECRET));
    return true;
  }
}

/** Parses and verifies; a tampered request may already fail to parse, which also refuses it. */
function check(req: SignedRequest, service: string, s3: boolean, secret = SECRET): void {
  verifySignature(req, parseSignature(req), secret, NOW, { service, s3 });
}

for (const s of scenarios) {
  const s3 = s.s3 ?? false;

  test(`${s.name} verifies`, async () => {
    const req = await s.make();
    const result = verifySignature(req, parseSignature(req), SECRET, NOW, { service: s.service, s3 });
    assert.equal(result.isStreaming, false);
  });

  test(`${s.name}: every one-byte change to method, path, query, signed headers, body, signature or secret is refused`, async () => {
    const req = await s.make();
    const parsed = parseSignature(req);
    const original = buildCanonicalRequest(req, parsed, s3).canonical;
    let attempts = 0;
    const expectRefused = (changed: SignedRequest, what: string, secret = SECRET) => {
      attempts++;
      assert.ok(refused(() => check(changed, s.service, s3, secret)), `accepted after changing ${what}`);
    };

    expectRefused({ ...req, method: flipAt(req.method, req.method.length - 1) }, 'the method');
    for (const i of flippablePositions(req.rawPath)) {
      const changed = { ...req, rawPath: flipAt(req.rawPath, i) };
      // A character inside a segment that '..' removes is not signed by services that normalise.
      let same = false;
      try {
        same = buildCanonicalRequest(changed, parsed, s3).canonical === original;
      } catch {}
      if (same) continue;
      expectRefused(changed, `path byte ${i}`);
    }
    for (const i of flippablePositions(req.rawQuery)) expectRefused({ ...req, rawQuery: flipAt(req.rawQuery, i) }, `query byte ${i}`);
    for (const name of parsed.signedHeaders) {
      const value = String(req.headers[name] ?? '');
      for (const i of flippablePositions(value)) {
        const flipped = flipAt(value, i);
        const headers = { ...req.headers, [name]: flipped };
        const rawHeaders = req.rawHeaders!.map((v, k) => (k % 2 === 1 && req.rawHeaders![k - 1]!.toLowerCase() === name ? flipped : v));
        expectRefused({ ...req, headers, rawHeaders }, `header ${name} byte ${i}`);
      }
    }
    if (parsed.kind === 'query' || req.headers['x-amz-content-sha256'] !== 'UNSIGNED-PAYLOAD') {
      if (!(s3 && parsed.kind === 'query')) {
        const body = Buffer.concat([req.body]);
        if (body.length === 0) expectRefused({ ...req, body: Buffer.from('x') }, 'the empty body');
        for (let i = 0; i < body.length; i++) {
          const changed = Buffer.from(body);
          changed[i] = changed[i]! ^ 1;
          expectRefused({ ...req, body: changed }, `body byte ${i}`);
        }
      }
    }
    for (const i of flippablePositions(parsed.signature)) {
      attempts++;
      assert.ok(refused(() => verifySignature(req, { ...parsed, signature: flipAt(parsed.signature, i) }, SECRET, NOW, { service: s.service, s3 })));
    }
    for (const i of flippablePositions(SECRET)) expectRefused(req, `secret byte ${i}`, flipAt(SECRET, i));
    assert.ok(attempts > 100, `only ${attempts} changes tried`);
  });
}

test('an S3 body that does not match its declared hash answers XAmzContentSHA256Mismatch (400)', async () => {
  const req = await scenarios[5]!.make();
  const changed = { ...req, body: Buffer.from('hellp') };
  assert.throws(() => check(changed, 's3', true), {
    code: 'XAmzContentSHA256Mismatch',
    status: 400,
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  });
});

test('an S3 streaming upload verifies on its seed signature and hands the chunk chain its seed', async () => {
  const req = await signed('s3', { method: 'PUT', path: '/bucket/big', headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '5' }, body: 'chunked' }, { s3: true });
  const result = verifySignature(req, parseSignature(req), SECRET, NOW, { service: 's3', s3: true });
  assert.equal(result.payloadHash, 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
  assert.equal(result.isStreaming, true);
  assert.equal(result.payload.mode, 'chunked-signed');
  assert.equal(result.payload.decodedLength, 5);
  assert.equal(result.payload.seed?.signature, parseSignature(req).signature);
});

test('a header-signed S3 request without x-amz-content-sha256 answers InvalidRequest (400)', async () => {
  const req = await signed('s3', { path: '/bucket/key' }, { s3: true });
  delete req.headers['x-amz-content-sha256'];
  assert.throws(() => check(req, 's3', true), { code: 'InvalidRequest', status: 400, message: 'Missing required header for this request: x-amz-content-sha256' });
});

test('a query sent with + for spaces and lower-case escapes verifies as its canonical form', async () => {
  const req = await signed('iam', { query: { Action: 'ListRoles', PathPrefix: '/a b/', Marker: 'é' } });
  const respelled = { ...req, rawQuery: req.rawQuery.replace('%20', '+').replace('%C3%A9', '%c3%a9') };
  assert.notEqual(respelled.rawQuery, req.rawQuery);
  check(respelled, 'iam', false);
});

test('a request scoped to another service answers SignatureDoesNotMatch naming the right service', async () => {
  const req = await signed('sts', { method: 'POST', body: 'Action=GetCallerIdentity&Version=2011-06-15' });
  assert.throws(() => check(req, 'iam', false), { code: 'SignatureDoesNotMatch', status: 403, message: "Credential should be scoped to correct service: 'iam'." });
});

test('the real IAM client’s signed requests verify', async () => {
  const { IAMClient, CreateRoleCommand } = await import('@aws-sdk/client-iam');
  let captured: SignedRequest | undefined;
  const { toSignedRequest } = await import('./support.js');
  const client = new IAMClient({
    region: 'us-east-1',
    endpoint: 'http://localhost:4577',
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: {
      handle: async (r: unknown) => {
        captured = toSignedRequest(r as never);
        throw new Error('captured');
      },
    },
  });
  await assert.rejects(client.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: policy, Description: 'ünïcode ✓' })), /captured/);
  assert.ok(captured);
  verifySignature(captured, parseSignature(captured), SECRET, Date.now(), { service: 'iam', s3: false });
});

test('a signature one character short or long is refused like any other wrong signature', async () => {
  const req = await scenarios[0]!.make();
  const parsed = parseSignature(req);
  for (const signature of [parsed.signature.slice(1), parsed.signature + '0', '', parsed.signature.toUpperCase()]) {
    assert.throws(() => verifySignature(req, { ...parsed, signature }, SECRET, NOW, { service: 'iam', s3: false }), {
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    });
  }
});

test("S3's SignatureDoesNotMatch names the key id, the string to sign and canonical request (text and bytes) and the signature given, never the secret", async () => {
  const req = await signed('s3', { path: '/bucket/key', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { s3: true });
  const parsed = parseSignature(req);
  const { canonical } = buildCanonicalRequest(req, parsed, true);
  const toSign = `AWS4-HMAC-SHA256\n20240524T100000Z\n20240524/us-east-1/s3/aws4_request\n${createHash('sha256').update(canonical).digest('hex')}`;
  const spaced = (s: string) => Array.from(Buffer.from(s), (b) => b.toString(16).padStart(2, '0')).join(' ');
  assert.throws(() => verifySignature(req, parsed, 'not-the-secret', NOW, { service: 's3', s3: true }), (e: AwsError) => {
    assert.equal(e.code, 'SignatureDoesNotMatch');
    assert.equal(e.status, 403);
    assert.deepEqual(e.fields, {
      AWSAccessKeyId: CREDENTIALS.accessKeyId, StringToSign: toSign, SignatureProvided: parsed.signature,
      StringToSignBytes: spaced(toSign), CanonicalRequest: canonical, CanonicalRequestBytes: spaced(canonical),
    });
    assert.ok(!JSON.stringify(e.fields).includes(SECRET));
    return true;
  });
});

test('an S3 payload hash declared in upper case is expected in lower case; a streamed body is left to the stream', async () => {
  const hash = createHash('sha256').update('hello').digest('hex');
  const req = await signed('s3', { method: 'PUT', path: '/bucket/key', headers: { 'x-amz-content-sha256': hash.toUpperCase() }, body: 'hello' }, { s3: true });
  const result = verifySignature(req, parseSignature(req), SECRET, NOW, { service: 's3', s3: true });
  assert.deepEqual(result.payload, { mode: 'sha256', expectedSha256: hash });
  assert.equal(result.payloadHash, hash.toUpperCase());
  // Streamed: the body is not here yet, so nothing is compared now.
  const streamed = verifySignature({ ...req, body: Buffer.alloc(0), streamed: true }, parseSignature(req), SECRET, NOW, { service: 's3', s3: true });
  assert.deepEqual(streamed.payload, { mode: 'sha256', expectedSha256: hash });
  // Other services hash the body themselves: a buffered body that differs fails the signature.
  const iam = await signed('iam', { method: 'POST', body: 'Action=ListRoles&Version=2010-05-08' });
  assert.deepEqual(verifySignature(iam, parseSignature(iam), SECRET, NOW, { service: 'iam', s3: false }).payload, {
    mode: 'sha256', expectedSha256: createHash('sha256').update('Action=ListRoles&Version=2010-05-08').digest('hex'),
  });
});

test('an unsigned-trailer upload needs no seed: only its decoded length is handed on', async () => {
  const req = await signed('s3', { method: 'PUT', path: '/bucket/key', headers: { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-decoded-content-length': '11' } }, { s3: true });
  const result = verifySignature({ ...req, streamed: true }, parseSignature(req), SECRET, NOW, { service: 's3', s3: true });
  assert.deepEqual(result.payload, { mode: 'chunked-unsigned-trailer', decodedLength: 11 });
  assert.equal(result.isStreaming, true);
  const trailer = await signed('s3', { method: 'PUT', path: '/bucket/key', headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', 'x-amz-decoded-content-length': '11' } }, { s3: true });
  const signedTrailer = verifySignature({ ...trailer, streamed: true }, parseSignature(trailer), SECRET, NOW, { service: 's3', s3: true });
  assert.equal(signedTrailer.payload.mode, 'chunked-signed-trailer');
  assert.equal(signedTrailer.payload.seed?.scope, '20240524/us-east-1/s3/aws4_request');
  assert.equal(signedTrailer.payload.seed?.amzDate, '20240524T100000Z');
});

test('a signature of 64 characters that are not all ASCII is refused as not matching, not as a fault', async () => {
  const req = await scenarios[0]!.make();
  const parsed = parseSignature(req);
  for (const signature of ['é'.repeat(64), parsed.signature.slice(0, 63) + 'é', 'ā' + parsed.signature.slice(1)]) {
    assert.throws(() => verifySignature(req, { ...parsed, signature }, SECRET, NOW, { service: 'iam', s3: false }), { code: 'SignatureDoesNotMatch', status: 403 });
  }
});
