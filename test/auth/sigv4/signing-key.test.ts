// Signing-key derivation against AWS's published examples and the SDK, and the bounded LRU cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { deriveSigningKey, SigningKeyCache } from '../../../src/auth/sigv4/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

test('the signing key matches AWS’s documented examples', () => {
  // "Examples of how to derive a signing key for Signature Version 4" (AWS General Reference).
  assert.equal(deriveSigningKey(SECRET, '20120215', 'us-east-1', 'iam').toString('hex'), 'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  // "Calculate the signature for AWS Signature Version 4": the IAM ListUsers example.
  assert.equal(deriveSigningKey(SECRET, '20150830', 'us-east-1', 'iam').toString('hex'), 'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
});

test('the signing key matches the one @smithy/signature-v4 derives', async () => {
  const { getSigningKey } = (await import('@smithy/signature-v4')) as unknown as {
    getSigningKey: (sha: typeof Sha256, c: { accessKeyId: string; secretAccessKey: string }, d: string, r: string, s: string) => Promise<Uint8Array>;
  };
  const theirs = await getSigningKey(Sha256, { accessKeyId: 'AKID', secretAccessKey: SECRET }, '20240524', 'eu-west-3', 'kinesis');
  assert.equal(Buffer.from(theirs).toString('hex'), deriveSigningKey(SECRET, '20240524', 'eu-west-3', 'kinesis').toString('hex'));
});

test('the cache returns the derived key and reuses it for the same secret and scope', () => {
  const cache = new SigningKeyCache(4);
  const a = cache.get(SECRET, '20240524', 'us-east-1', 'iam');
  assert.deepEqual(a, deriveSigningKey(SECRET, '20240524', 'us-east-1', 'iam'));
  assert.equal(cache.get(SECRET, '20240524', 'us-east-1', 'iam'), a);
  assert.equal(cache.size, 1);
});

test('another secret, date, region or service gets its own key', () => {
  const cache = new SigningKeyCache(16);
  const keys = [
    cache.get(SECRET, '20240524', 'us-east-1', 'iam'),
    cache.get(SECRET + 'x', '20240524', 'us-east-1', 'iam'),
    cache.get(SECRET, '20240525', 'us-east-1', 'iam'),
    cache.get(SECRET, '20240524', 'us-east-2', 'iam'),
    cache.get(SECRET, '20240524', 'us-east-1', 'sts'),
  ];
  assert.equal(new Set(keys.map((k) => k.toString('hex'))).size, 5);
  assert.equal(cache.size, 5);
});

test('the cache never holds more than its bound and drops the least recently used key first', () => {
  const cache = new SigningKeyCache(3);
  const first = cache.get(SECRET, '20240501', 'us-east-1', 'iam');
  cache.get(SECRET, '20240502', 'us-east-1', 'iam');
  cache.get(SECRET, '20240503', 'us-east-1', 'iam');
  assert.equal(cache.get(SECRET, '20240501', 'us-east-1', 'iam'), first); // now most recent
  cache.get(SECRET, '20240504', 'us-east-1', 'iam'); // evicts 20240502
  assert.equal(cache.size, 3);
  assert.equal(cache.get(SECRET, '20240501', 'us-east-1', 'iam'), first);
  for (let d = 10; d < 40; d++) cache.get(SECRET, `202405${d}`, 'us-east-1', 'iam');
  assert.equal(cache.size, 3);
  cache.clear();
  assert.equal(cache.size, 0);
});

test('no cache key contains the secret', () => {
  const cache = new SigningKeyCache(8);
  cache.get(SECRET, '20240524', 'us-east-1', 'iam');
  const ids = [...(cache as unknown as { keys: Map<string, Buffer> }).keys.keys()];
  assert.equal(ids.length, 1);
  assert.ok(!ids[0]!.includes(SECRET));
  assert.ok(!ids[0]!.includes(SECRET.slice(0, 8)));
  assert.ok(ids[0]!.startsWith(createHash('sha256').update(SECRET).digest('base64')));
});

test('a cache bound below one is refused', () => {
  assert.throws(() => new SigningKeyCache(0), RangeError);
});

test("a credential's own keys are the derived ones, one per scope, however many scopes it signs for", async () => {
  const { CredentialSigningKeys } = await import('../../../src/auth/sigv4/index.js');
  const keys = new CredentialSigningKeys();
  const a = keys.get(SECRET, '20240524', 'us-east-1', 'iam');
  assert.deepEqual(a, deriveSigningKey(SECRET, '20240524', 'us-east-1', 'iam'));
  assert.equal(keys.get(SECRET, '20240524', 'us-east-1', 'iam'), a, 'kept');
  // Scopes whose parts run together the same way are still distinct scopes.
  assert.deepEqual(keys.get(SECRET, '20240524', 'us-east-1i', 'am'), deriveSigningKey(SECRET, '20240524', 'us-east-1i', 'am'));
  assert.deepEqual(keys.get(SECRET, '2024052', '4us-east-1', 'iam'), deriveSigningKey(SECRET, '2024052', '4us-east-1', 'iam'));
  for (let d = 10; d < 40; d++) {
    assert.deepEqual(keys.get(SECRET, `202405${d}`, 'eu-west-1', 's3'), deriveSigningKey(SECRET, `202405${d}`, 'eu-west-1', 's3'));
  }
  assert.deepEqual(keys.get(SECRET, '20240524', 'us-east-1', 'iam'), a);
});

test('a bound of one key is allowed, and the default bound holds 1024 keys', () => {
  const one = new SigningKeyCache(1);
  one.get(SECRET, '20240501', 'us-east-1', 'iam');
  one.get(SECRET, '20240502', 'us-east-1', 'iam');
  assert.equal(one.size, 1);
  assert.equal(new SigningKeyCache().maxEntries, 1024);
  assert.throws(() => new SigningKeyCache(Number.NaN), { name: 'RangeError', message: 'maxEntries must be at least 1' });
});

test('the shared cache keeps scopes apart whose parts run together the same way', () => {
  const cache = new SigningKeyCache(8);
  const pairs: [string, string, string][] = [['20240524', 'us-east-1', 'iam'], ['20240524', 'us-east-1i', 'am'], ['2024052', '4us-east-1', 'iam']];
  for (const [date, region, service] of pairs) {
    assert.deepEqual(cache.get(SECRET, date, region, service), deriveSigningKey(SECRET, date, region, service), `${date}/${region}/${service}`);
  }
  assert.equal(cache.size, 3);
});
