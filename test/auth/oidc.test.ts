// The OIDC key cache against local HTTPS issuers: a token verifies only with a key its issuer
// publishes through discovery, under a certificate a CA or one of the provider's thumbprints
// vouches for (IAM's "Obtain the thumbprint for an OpenID Connect identity provider"); keys are
// cached per issuer and thumbprints, fetched again when they age or when a token names a key the
// issuer has rotated in, and every failure is an OidcFailure naming its reason.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { SignJWT, type JWK } from 'jose';
import { fetchKeySet, OidcFailure, OidcKeyCache, type OidcFailureReason } from '../../src/auth/oidc.js';
import { json, makeCertificate, makeSigningKey, signToken, startTestIssuer, type Certificate, type SigningKey, type TestIssuer } from './oidc-server.js';

const T0 = new Date(Date.UTC(2026, 0, 1));
const at = (ms: number) => new Date(T0.getTime() + ms);
const DISCOVERY = '/.well-known/openid-configuration';

async function refused(p: Promise<unknown>, reason: OidcFailureReason, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof OidcFailure, `an OidcFailure, not ${String(e)}`);
    assert.equal(e.reason, reason, e.message);
    assert.equal(e.name, 'OidcFailure');
    if (message) assert.match(e.message, message);
    return true;
  });
}

let selfSigned: Certificate;
let chain: Certificate;
let otherHost: Certificate;
before(() => {
  selfSigned = makeCertificate('self-signed');
  chain = makeCertificate('chain');
  otherHost = makeCertificate('other-host');
});

describe('an issuer under a self-signed certificate', () => {
  let key: SigningKey;
  let published: JWK[];
  let idp: TestIssuer;
  before(async () => {
    key = await makeSigningKey();
    published = [key.publicJwk];
    idp = await startTestIssuer(selfSigned, () => published);
  });
  after(() => idp.stop());
  const fresh = (options = {}) => {
    idp.requests.length = 0;
    return new OidcKeyCache(options);
  };

  test('a token signed with a published key verifies; discovery and the key set are fetched once, then cached', async () => {
    const cache = fresh();
    const token = await signToken(key, idp.issuer);
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint], T0);
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint], at(60_000));
    assert.deepEqual(idp.requests, [DISCOVERY, '/keys']);
    assert.deepEqual(idp.accepts.slice(-2), ['application/json', 'application/json']);
  });

  test('the keys are fetched again once they are older than the TTL (5 minutes unless set)', async () => {
    const token = await signToken(key, idp.issuer);
    let cache = fresh({ ttlMs: 1000 });
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint], T0);
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint], at(999));
    assert.equal(idp.requests.length, 2);
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint], at(1000));
    assert.deepEqual(idp.requests, [DISCOVERY, '/keys', DISCOVERY, '/keys']);

    cache = fresh();
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint], T0);
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint], at(5 * 60_000 - 1));
    assert.equal(idp.requests.length, 2);
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint], at(5 * 60_000));
    assert.equal(idp.requests.length, 4);
  });

  test('thumbprints match whatever their case and order; another set of thumbprints has keys of its own', async () => {
    const cache = fresh();
    const token = await signToken(key, idp.issuer);
    const other = '0123456789abcdef0123456789abcdef01234567';
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint], T0);
    // The same issuer under another provider's trust never reuses those keys: a wrong thumbprint fails.
    await refused(cache.verifySignature(token, idp.issuer, [other], T0), 'untrusted-certificate', new RegExp(`^localhost:${idp.port} is not trusted$`));
    assert.equal(idp.requests.length, 2);
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint.toUpperCase(), other], T0);
    await cache.verifySignature(token, idp.issuer, [other.toUpperCase(), idp.thumbprint], T0);
    assert.equal(idp.requests.length, 4);
  });

  test('a server that no CA vouches for and whose thumbprint is not the provider’s is not read', async () => {
    const cache = fresh();
    const token = await signToken(key, idp.issuer);
    await refused(cache.verifySignature(token, idp.issuer, [], T0), 'untrusted-certificate');
    await refused(cache.verifySignature(token, idp.issuer, ['0123456789abcdef0123456789abcdef01234567'], T0), 'untrusted-certificate');
    assert.deepEqual(idp.requests, []);
  });

  test('concurrent verifications for one issuer share one fetch', async () => {
    const cache = fresh();
    const token = await signToken(key, idp.issuer);
    await Promise.all([1, 2, 3].map(() => cache.verifySignature(token, idp.issuer, [idp.thumbprint], T0)));
    assert.deepEqual(idp.requests, [DISCOVERY, '/keys']);
    // Once settled, a refresh fetches again rather than reusing the finished fetch.
    await cache.verifySignature(token, idp.issuer, [idp.thumbprint], at(10 * 60_000));
    assert.equal(idp.requests.length, 4);
  });

  test('a token naming a key the issuer has since rotated in verifies after one refetch', async () => {
    const cache = fresh();
    await cache.verifySignature(await signToken(key, idp.issuer), idp.issuer, [idp.thumbprint], T0);
    const next = await makeSigningKey();
    published = [next.publicJwk];
    try {
      await cache.verifySignature(await signToken(next, idp.issuer), idp.issuer, [idp.thumbprint], at(1));
      assert.deepEqual(idp.requests, [DISCOVERY, '/keys', DISCOVERY, '/keys']);
    } finally {
      published = [key.publicJwk];
    }
  });

  test('an unknown key id answers unknown-key after at most one refetch, and is refetched at most once per cooldown', async () => {
    const cache = fresh({ refetchCooldownMs: 5_000 });
    const stranger = await signToken(await makeSigningKey(), idp.issuer);
    // The set fetched for this very request is current: no second fetch.
    await refused(cache.verifySignature(stranger, idp.issuer, [idp.thumbprint], T0), 'unknown-key', /^no key of the issuer matches the token$/);
    assert.equal(idp.requests.length, 2);
    await refused(cache.verifySignature(stranger, idp.issuer, [idp.thumbprint], at(1)), 'unknown-key');
    assert.equal(idp.requests.length, 4);
    await refused(cache.verifySignature(stranger, idp.issuer, [idp.thumbprint], at(5_000)), 'unknown-key');
    assert.equal(idp.requests.length, 4, 'within the cooldown the cached set answers');
    await refused(cache.verifySignature(stranger, idp.issuer, [idp.thumbprint], at(5_001)), 'unknown-key');
    assert.equal(idp.requests.length, 6, 'once the cooldown has passed the set is fetched again');
  });

  test('the default cooldown is ten seconds', async () => {
    const cache = fresh();
    const stranger = await signToken(await makeSigningKey(), idp.issuer);
    await cache.verifySignature(await signToken(key, idp.issuer), idp.issuer, [idp.thumbprint], T0);
    await refused(cache.verifySignature(stranger, idp.issuer, [idp.thumbprint], at(1)), 'unknown-key');
    assert.equal(idp.requests.length, 4);
    await refused(cache.verifySignature(stranger, idp.issuer, [idp.thumbprint], at(10_000)), 'unknown-key');
    assert.equal(idp.requests.length, 4);
    await refused(cache.verifySignature(stranger, idp.issuer, [idp.thumbprint], at(10_001)), 'unknown-key');
    assert.equal(idp.requests.length, 6);
  });

  test('a token whose signature was altered answers bad-signature', async () => {
    const cache = fresh();
    const [h, p, s] = (await signToken(key, idp.issuer)).split('.') as [string, string, string];
    const i = 10;
    const forged = `${h}.${p}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
    await refused(cache.verifySignature(forged, idp.issuer, [idp.thumbprint], T0), 'bad-signature');
    const otherClaims = Buffer.from(JSON.stringify({ iss: idp.issuer, sub: 'admin', aud: 'rolegate-app' })).toString('base64url');
    await refused(cache.verifySignature(`${h}.${otherClaims}.${s}`, idp.issuer, [idp.thumbprint], T0), 'bad-signature');
  });

  test('shared-secret (HS256) and unsigned (none) tokens answer bad-signature, whatever key id they name', async () => {
    const cache = fresh();
    const now = Math.floor(T0.getTime() / 1000);
    const hs = await new SignJWT({ iss: idp.issuer, sub: 'x', iat: now })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .sign(new TextEncoder().encode('a shared secret that is long enough for HS256'));
    await refused(cache.verifySignature(hs, idp.issuer, [idp.thumbprint], T0), 'bad-signature');
    const none = Buffer.from(JSON.stringify({ alg: 'none', kid: key.kid })).toString('base64url') + '.' + Buffer.from('{"sub":"x"}').toString('base64url') + '.';
    await refused(cache.verifySignature(none, idp.issuer, [idp.thumbprint], T0), 'bad-signature');
  });

  test('a token signed with an algorithm STS does not take (EdDSA) answers bad-signature, though its key is published', async () => {
    const { generateKeyPair, exportJWK } = await import('jose');
    const ed = await generateKeyPair('EdDSA');
    published = [key.publicJwk, { ...(await exportJWK(ed.publicKey)), kid: 'ed-1' }];
    try {
      const token = await new SignJWT({ iss: idp.issuer, sub: 'x' }).setProtectedHeader({ alg: 'EdDSA', kid: 'ed-1' }).sign(ed.privateKey);
      await refused(fresh().verifySignature(token, idp.issuer, [idp.thumbprint], T0), 'bad-signature');
    } finally {
      published = [key.publicJwk];
    }
  });

  test('an issuer URL with trailing slashes finds its discovery document at /.well-known/openid-configuration', async () => {
    const cache = fresh();
    await cache.verifySignature(await signToken(key, idp.issuer), idp.issuer + '//', [idp.thumbprint], T0);
    assert.deepEqual(idp.requests, [DISCOVERY, '/keys']);
  });

  test('at most maxIssuers key sets are kept: one more clears them, and with them the refetch cooldowns', async () => {
    const token = await signToken(key, idp.issuer);
    const a = idp.issuer;
    const b = idp.issuer + '/';
    const c = idp.issuer + '//';
    // Issuers differing only by trailing slashes are distinct cache entries served by the same server.
    let cache = fresh({ maxIssuers: 2 });
    await cache.verifySignature(token, a, [idp.thumbprint], T0);
    await cache.verifySignature(token, b, [idp.thumbprint], T0);
    await cache.verifySignature(token, a, [idp.thumbprint], T0);
    assert.equal(idp.requests.length, 4, 'two issuers fit');
    await cache.verifySignature(token, c, [idp.thumbprint], T0);
    await cache.verifySignature(token, a, [idp.thumbprint], T0);
    assert.equal(idp.requests.length, 8, 'the third cleared the cache');

    cache = fresh({ maxIssuers: 1, refetchCooldownMs: 60_000 });
    const stranger = await signToken(await makeSigningKey(), idp.issuer);
    await cache.verifySignature(token, a, [idp.thumbprint], T0);
    await refused(cache.verifySignature(stranger, a, [idp.thumbprint], at(1)), 'unknown-key');
    await cache.verifySignature(token, b, [idp.thumbprint], at(2));
    await cache.verifySignature(token, a, [idp.thumbprint], at(3));
    const next = await makeSigningKey();
    published = [next.publicJwk];
    try {
      // The cooldown of a's earlier refetch went with the cleared cache.
      await cache.verifySignature(await signToken(next, idp.issuer), a, [idp.thumbprint], at(4));
    } finally {
      published = [key.publicJwk];
    }
  });

  test('every asymmetric algorithm STS takes verifies: RS, PS and ES at 256, 384 and 512 bits', async () => {
    const algs = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
    const { generateKeyPair, exportJWK } = await import('jose');
    // One RSA key serves the six RS and PS algorithms, each under a key id of its own.
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pairs = { RS: rsa, PS: rsa, ES256: await generateKeyPair('ES256'), ES384: await generateKeyPair('ES384'), ES512: await generateKeyPair('ES512') };
    const keys = await Promise.all(algs.map(async (alg, i) => {
      const pair = alg.startsWith('ES') ? pairs[alg as 'ES256' | 'ES384' | 'ES512'] : pairs[alg.slice(0, 2) as 'RS' | 'PS'];
      return { alg, kid: `alg-${i}`, privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid: `alg-${i}`, alg } };
    }));
    published = keys.map((k) => k.publicJwk);
    try {
      const cache = fresh();
      for (const k of keys) {
        const token = await new SignJWT({ iss: idp.issuer, sub: k.alg }).setProtectedHeader({ alg: k.alg, kid: k.kid }).sign(k.privateKey);
        await cache.verifySignature(token, idp.issuer, [idp.thumbprint], T0);
      }
    } finally {
      published = [key.publicJwk];
    }
  });
});

describe('trust in the issuer’s certificate', () => {
  test('under a CA the thumbprint is the top certificate’s, not the server’s own', async () => {
    const key = await makeSigningKey();
    const idp = await startTestIssuer(chain, () => [key.publicJwk]);
    try {
      const token = await signToken(key, idp.issuer);
      assert.notEqual(idp.thumbprint, idp.leafThumbprint);
      await refused(new OidcKeyCache().verifySignature(token, idp.issuer, [idp.leafThumbprint], T0), 'untrusted-certificate');
      await new OidcKeyCache().verifySignature(token, idp.issuer, [idp.thumbprint], T0);
    } finally {
      await idp.stop();
    }
  });

  test('an issuer at an IPv6 address is checked against the address its certificate names', async () => {
    const key = await makeSigningKey();
    const idp = await startTestIssuer(makeCertificate('ipv6'), () => [key.publicJwk], true);
    try {
      assert.match(idp.issuer, /^https:\/\/\[::1\]:\d+$/);
      await new OidcKeyCache().verifySignature(await signToken(key, idp.issuer), idp.issuer, [idp.thumbprint], T0);
      assert.deepEqual(idp.requests, [DISCOVERY, '/keys']);
    } finally {
      await idp.stop();
    }
  });

  test('a certificate that does not name the host is refused even with its thumbprint', async () => {
    const key = await makeSigningKey();
    const idp = await startTestIssuer(otherHost, () => [key.publicJwk]);
    try {
      await refused(new OidcKeyCache().verifySignature(await signToken(key, idp.issuer), idp.issuer, [idp.thumbprint], T0), 'untrusted-certificate');
      assert.deepEqual(idp.requests, []);
    } finally {
      await idp.stop();
    }
  });
});

describe('fetching the key set', () => {
  let idp: TestIssuer;
  let key: SigningKey;
  before(async () => {
    key = await makeSigningKey();
    idp = await startTestIssuer(selfSigned, () => [key.publicJwk]);
  });
  after(() => idp.stop());
  const fetch = (timeoutMs = 5000) => fetchKeySet(idp.issuer, [idp.thumbprint], timeoutMs);
  const withDiscovery = (body: unknown, status = 200) => idp.route(DISCOVERY, json(body, status));
  const withKeys = (body: unknown, status = 200) => {
    withDiscovery({ jwks_uri: `${idp.issuer}/other-keys` });
    idp.route('/other-keys', json(body, status));
  };

  test('discovery names jwks_uri, whose key set is returned as served', async () => {
    withDiscovery({ jwks_uri: `${idp.issuer}/keys` });
    assert.deepEqual(await fetch(), { keys: [key.publicJwk] });
  });

  test('discovery without an https jwks_uri answers no-keys', async () => {
    for (const body of [{}, { jwks_uri: 42 }, { jwks_uri: `http://localhost:${idp.port}/keys` }, null, 'text']) {
      withDiscovery(body === 'text' ? JSON.stringify('text') : body);
      await refused(fetch(), 'no-keys', /^discovery has no https jwks_uri$/);
    }
  });

  test('a key set without a keys array answers no-keys', async () => {
    for (const body of [{}, { keys: {} }, null, 7, JSON.stringify('keys')]) {
      withKeys(body);
      await refused(fetch(), 'no-keys', /^the key set has no keys$/);
    }
    withKeys({ keys: [] });
    assert.deepEqual(await fetch(), { keys: [] });
  });

  test('a 5xx answer is unreachable; any other status but 200 is no-keys', async () => {
    for (const status of [500, 503]) {
      withDiscovery({}, status);
      await refused(fetch(), 'unreachable', new RegExp(`answered ${status}$`));
    }
    for (const status of [201, 404, 499]) {
      withDiscovery({ jwks_uri: `${idp.issuer}/keys` }, status);
      await refused(fetch(), 'no-keys', new RegExp(`answered ${status}$`));
    }
    withKeys({ keys: [] }, 502);
    await refused(fetch(), 'unreachable');
  });

  test('a document that is not JSON answers no-keys', async () => {
    withDiscovery('{"jwks_uri":');
    await refused(fetch(), 'no-keys', /is not JSON$/);
  });

  test('a document of up to 512 KiB is read; a larger one answers no-keys', async () => {
    const exactly = (size: number) => {
      const head = '{"keys":[],"pad":"';
      return head + 'x'.repeat(size - head.length - 2) + '"}';
    };
    withKeys(exactly(512 * 1024));
    assert.deepEqual((await fetch()).keys, []);
    withKeys(exactly(512 * 1024 + 1));
    await refused(fetch(), 'no-keys', /is too large$/);
  });

  test('an issuer that is not https answers no-keys without a request', async () => {
    idp.requests.length = 0;
    await refused(fetchKeySet(`http://localhost:${idp.port}`, [idp.thumbprint], 5000), 'no-keys', /is not https$/);
    assert.deepEqual(idp.requests, []);
  });

  test('an issuer that does not answer in time, or refuses the connection, is unreachable', async () => {
    idp.route(DISCOVERY, () => {}); // never answers
    await refused(fetch(200), 'unreachable', /timed out$/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    await refused(fetchKeySet(`https://localhost:${port}`, [idp.thumbprint], 5000), 'unreachable');
  });
});
