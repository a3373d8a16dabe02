// The tests' own RFC 6238 codes (HMAC-SHA-1, 30-second steps, 6 digits), written apart from
// src/shared/totp.ts so that the server is checked against an independent implementation.
import { createHmac } from 'node:crypto';

/** RFC 4648 base 32 to bytes. */
export function fromBase32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The code of time step `step` (RFC 4226's truncation); `digits` 8 for RFC 6238's appendix B. */
export function totp(key: Buffer, step: number, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeUInt32BE(Math.floor(step / 2 ** 32), 0);
  msg.writeUInt32BE(step % 2 ** 32, 4);
  const h = createHmac('sha1', key).update(msg).digest();
  const o = h[19] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 10 ** digits).padStart(digits, '0');
}

/** The time step now. */
export const stepNow = () => Math.floor(Date.now() / 30_000);
