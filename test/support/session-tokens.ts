// Session tokens taken apart and put back, for tests that tamper with them. The layout is the one
// src/auth/session-token.ts seals: 'IQo' + base64(version byte, 12-byte IV, 16-byte AES-GCM tag,
// ciphertext of the claims' JSON). GCM is a stream cipher: a bit flipped in the ciphertext flips
// the same bit of the claims.
import assert from 'node:assert/strict';

export interface Layout { version: number; iv: Buffer; tag: Buffer; body: Buffer }

/** Splits a token into its parts (the layout src/auth/session-token.ts seals). */
export function decode(token: string): Layout {
  assert.ok(token.startsWith('IQo'), 'a session token starts with IQo');
  const raw = Buffer.from(token.slice(3), 'base64');
  return { version: raw[0]!, iv: Buffer.from(raw.subarray(1, 13)), tag: Buffer.from(raw.subarray(13, 29)), body: Buffer.from(raw.subarray(29)) };
}

export function encode(l: Layout): string {
  return 'IQo' + Buffer.concat([Buffer.from([l.version]), l.iv, l.tag, l.body]).toString('base64');
}

export function flipped(buf: Buffer, at: number, bit = 0x01): Buffer {
  const out = Buffer.from(buf);
  out[at]! ^= bit;
  return out;
}

/**
 * Edits the claims without the key: XORs the ciphertext with the known plaintext and the wanted one
 * (same length), keeping IV and tag. Only the tag check can tell.
 */
export function bitFlipEdit(token: string, plain: string, wanted: string): string {
  assert.equal(wanted.length, plain.length, 'a bit-flip edit keeps the length');
  assert.notEqual(wanted, plain);
  const l = decode(token);
  const a = Buffer.from(plain, 'utf8');
  const b = Buffer.from(wanted, 'utf8');
  assert.equal(a.length, l.body.length, 'the ciphertext is exactly as long as the claims JSON');
  const body = Buffer.from(l.body);
  for (let i = 0; i < body.length; i++) body[i]! ^= a[i]! ^ b[i]!;
  return encode({ ...l, body });
}

/** Replaces every occurrence; the result must differ. */
export function replaced(text: string, edits: [string, string][]): string {
  let out = text;
  for (const [from, to] of edits) {
    assert.ok(out.includes(from), `the claims hold ${from}`);
    out = out.split(from).join(to);
  }
  return out;
}
