// RFC 6238's appendix B vectors (SHA-1) for the server's codes and for the tests' own, and the
// RFC 4648 base 32 that seeds are shown in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base32Decode, base32Encode, isTotpCode, totpCode, totpStep } from '../../src/shared/totp.js';
import { fromBase32, totp } from '../support/totp.js';

const RFC_KEY = Buffer.from('12345678901234567890');
/** RFC 6238 appendix B, SHA1 column: unix time and the 8-digit code. */
const VECTORS: [number, string][] = [
  [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
  [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
];

test("the tests' own TOTP gives RFC 6238's appendix B codes", () => {
  for (const [t, code] of VECTORS) assert.equal(totp(RFC_KEY, Math.floor(t / 30), 8), code, `T=${t}`);
});

test("the server's 6-digit codes are the last six digits of RFC 6238's appendix B codes", () => {
  for (const [t, code] of VECTORS) {
    const step = totpStep(t * 1000);
    assert.equal(totpCode(RFC_KEY, step), code.slice(2), `T=${t}`);
    assert.equal(isTotpCode(RFC_KEY, step, code.slice(2)), true);
    assert.equal(isTotpCode(RFC_KEY, step + 1, code.slice(2)), false);
  }
});

test('base 32 follows RFC 4648 section 10 (unpadded) and round-trips any bytes', () => {
  const cases: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
  for (const [plain, encoded] of cases) {
    assert.equal(base32Encode(Buffer.from(plain)), encoded);
    assert.equal(base32Decode(encoded).toString(), plain);
    assert.equal(fromBase32(encoded).toString(), plain);
  }
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
    assert.deepEqual(base32Decode(base32Encode(bytes)), Buffer.from(bytes));
  }));
});

test('the server and the tests agree on every code of random seeds and steps', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 10, maxLength: 40 }), fc.integer({ min: 0, max: 2 ** 40 }), (seed, step) => {
    assert.equal(totpCode(seed, step), totp(Buffer.from(seed), step));
  }));
});
