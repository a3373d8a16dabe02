// The session token codec refuses a token altered in any way: any bit flipped (version, IV, tag,
// ciphertext), claims edited by flipping ciphertext bits under the known plaintext (GCM is a stream
// cipher, so only the tag check stands between an edit and a session that acts on it), or a
// well-formed token sealed under another key. The same tampering through STS, IAM and S3 on a
// real server is test/services/sts/session-token-tamper.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sessionTokenCodec } from '../../src/auth/session-token.js';
import type { SessionClaims } from '../../src/shared/caller.js';
import { bitFlipEdit, decode, encode, flipped, replaced } from '../support/session-tokens.js';

const ACCOUNT = '111122223333';
const NOW = Date.UTC(2026, 0, 1);
const sample: SessionClaims = {
  accessKeyId: 'ASIAROLEGATETAMPER01', secretAccessKey: 'tamper-test-secret-000000000000000000000', accountId: ACCOUNT,
  kind: 'assumed-role', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/s1`, userId: 'AROAREADERREADERREAD1:s1',
  roleArn: `arn:aws:iam::${ACCOUNT}:role/Reader`, roleId: 'AROAREADERREADERREAD1', roleName: 'Reader', sessionName: 's1',
  issuedAt: NOW, expiresAt: NOW + 3_600_000,
};

describe('the session token codec', () => {
  const key = randomBytes(32);
  const codec = sessionTokenCodec(key);

  test('a sealed token opens to its claims, and re-encoding its parts gives the same token', () => {
    const token = codec.seal(sample);
    assert.deepEqual(codec.open(token), sample);
    assert.equal(encode(decode(token)), token);
    assert.equal(decode(token).body.length, Buffer.byteLength(JSON.stringify(sample)));
  });

  test('every single-bit flip, in any byte of the version, IV, tag or ciphertext, is refused', () => {
    const token = codec.seal(sample);
    const raw = Buffer.from(token.slice(3), 'base64');
    let tried = 0;
    for (let at = 0; at < raw.length; at++) {
      for (let bit = 1; bit < 256; bit <<= 1) {
        const t = 'IQo' + flipped(raw, at, bit).toString('base64');
        assert.equal(codec.open(t), undefined, `byte ${at} bit ${bit} flipped opened`);
        tried++;
      }
    }
    assert.equal(tried, raw.length * 8);
  });

  test('a flipped tag is refused, though the ciphertext is untouched', () => {
    const l = decode(codec.seal(sample));
    for (let at = 0; at < 16; at++) assert.equal(codec.open(encode({ ...l, tag: flipped(l.tag, at) })), undefined, `tag byte ${at}`);
  });

  test('claims edited by flipping ciphertext bits under the known plaintext are refused', () => {
    const token = codec.seal(sample);
    const plain = JSON.stringify(sample);
    const edits: [string, [string, string][]][] = [
      ['role Reader → Admins', [['Reader', 'Admins']]],
      ['expiry a day later', [[`"expiresAt":${sample.expiresAt}`, `"expiresAt":${sample.expiresAt + 86_400_000}`]]],
      ['another account', [[ACCOUNT, '444455556666']]],
    ];
    for (const [what, e] of edits) {
      const forged = bitFlipEdit(token, plain, replaced(plain, e));
      assert.equal(codec.open(forged), undefined, what);
    }
  });

  test('a well-formed token sealed under another 32-byte key is refused, edited or not', () => {
    const other = sessionTokenCodec(randomBytes(32));
    assert.equal(codec.open(other.seal(sample)), undefined);
    assert.equal(codec.open(other.seal({ ...sample, roleName: 'Admins', expiresAt: sample.expiresAt + 86_400_000 })), undefined);
    // The other key's codec opens its own token: the refusal above is the key's, not the format's.
    assert.deepEqual(other.open(other.seal(sample)), sample);
  });

  test('a token of another version, or shorter than its header, is refused', () => {
    const l = decode(codec.seal(sample));
    assert.equal(codec.open(encode({ ...l, version: 2 })), undefined);
    assert.equal(codec.open('IQo' + Buffer.concat([Buffer.from([1]), l.iv, l.tag]).subarray(0, 29).toString('base64')), undefined);
    assert.equal(codec.open(encode(l).slice(3)), undefined);
  });
});

describe('the session token format', () => {
  const key = randomBytes(32);
  const codec = sessionTokenCodec(key);

  test('a token is sealed under HKDF-SHA256(master key, no salt, "rolegate session token v1"), so tokens outlive a restart', async () => {
    const { createDecipheriv, hkdfSync } = await import('node:crypto');
    const l = decode(codec.seal(sample));
    assert.equal(l.version, 1);
    const derived = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'rolegate session token v1', 32));
    const decipher = createDecipheriv('aes-256-gcm', derived, l.iv);
    decipher.setAuthTag(l.tag);
    const plain = Buffer.concat([decipher.update(l.body), decipher.final()]).toString('utf8');
    assert.deepEqual(JSON.parse(plain), sample);
    // A codec made again from the same master key opens it.
    assert.deepEqual(sessionTokenCodec(key).open(codec.seal(sample)), sample);
  });

  test('a token without the IQo prefix is refused, whatever follows', () => {
    const token = codec.seal(sample);
    for (const prefix of ['', 'IQp', 'AQo', 'iqo', 'XYZ']) {
      assert.equal(codec.open(prefix + token.slice(3)), undefined, JSON.stringify(prefix));
    }
  });

  test('claims come back frozen, the same ones each time the token is opened', () => {
    const fresh = sessionTokenCodec(key);
    const token = codec.seal({ ...sample, sessionName: 'frozen' });
    const first = fresh.open(token)!;
    assert.ok(Object.isFrozen(first));
    assert.equal(fresh.open(token), first);
    assert.throws(() => { (first as { roleName?: string }).roleName = 'Admins'; }, TypeError);
    assert.equal(fresh.open(token)!.roleName, 'Reader');
  });

  test('claims that are not ASCII survive the round trip', () => {
    const claims = { ...sample, sessionName: 'café-ключ-✓' };
    assert.deepEqual(codec.open(codec.seal(claims)), claims);
  });
});
