// AWS's own SigV4 test suite (test/fixtures/sigv4/aws-suite.json): each request, as a Node server
// would receive it, verifies with the published signature, and a changed signature does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseSignature, verifySignature, EMPTY_SHA256, type SignedRequest } from '../../../src/auth/sigv4/index.js';
import { AwsError } from '../../../src/protocol/errors.js';
import { flipAt, nodeHeaders } from './support.js';

interface SuiteCase {
  name: string;
  kind: 'header' | 'query';
  pathRules: 'normalized' | 's3';
  request: { method: string; path: string; query: string; headers: [string, string][]; body: string };
}
const suite = JSON.parse(readFileSync(new URL('../../fixtures/sigv4/aws-suite.json', import.meta.url), 'utf8')) as {
  secretAccessKey: string;
  service: string;
  now: string;
  cases: SuiteCase[];
};
const now = Date.parse(suite.now);

function received(c: SuiteCase): SignedRequest {
  const pairs = c.request.headers.slice();
  // The suite hashes empty bodies where S3 reads x-amz-content-sha256 (and a presigned URL would
  // default to UNSIGNED-PAYLOAD): declaring the empty hash, unsigned, keeps what was signed.
  if (c.pathRules === 's3' && !pairs.some(([n]) => n.toLowerCase() === 'x-amz-content-sha256')) {
    pairs.push(['x-amz-content-sha256', EMPTY_SHA256]);
  }
  const { headers, rawHeaders } = nodeHeaders(pairs);
  return { method: c.request.method, rawPath: c.request.path, rawQuery: c.request.query, headers, rawHeaders, body: Buffer.from(c.request.body) };
}

test('the AWS suite has header-signed and presigned cases', () => {
  assert.ok(suite.cases.filter((c) => c.kind === 'header').length >= 30);
  assert.ok(suite.cases.filter((c) => c.kind === 'query').length >= 4);
});

for (const c of suite.cases) {
  const options = { service: suite.service, s3: c.pathRules === 's3' };

  test(`AWS suite ${c.kind}-signed ${c.name} verifies`, () => {
    const req = received(c);
    const parsed = parseSignature(req);
    assert.equal(parsed.kind, c.kind);
    assert.equal(parsed.accessKeyId, 'AKIDEXAMPLE');
    verifySignature(req, parsed, suite.secretAccessKey, now, options);
  });

  test(`AWS suite ${c.kind}-signed ${c.name} with one signature digit changed is refused`, () => {
    const req = received(c);
    const parsed = parseSignature(req);
    const tampered = { ...parsed, signature: flipAt(parsed.signature, 10) };
    assert.throws(() => verifySignature(req, tampered, suite.secretAccessKey, now, options), (e: unknown) => e instanceof AwsError && e.code === 'SignatureDoesNotMatch');
  });
}

test('a header sent several times verifies only when the raw headers keep its values apart', () => {
  const c = suite.cases.find((x) => x.name === 'get-header-key-duplicate')!;
  const req = received(c);
  const parsed = parseSignature(req);
  verifySignature(req, parsed, suite.secretAccessKey, now, { service: suite.service, s3: false });
  // Node joins repeats with ', ' where AWS joins with ','.
  const withoutRaw = { ...req, rawHeaders: undefined };
  assert.throws(() => verifySignature(withoutRaw, parsed, suite.secretAccessKey, now, { service: suite.service, s3: false }), { code: 'SignatureDoesNotMatch' });
});
