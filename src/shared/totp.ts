// Time-based one-time passwords as virtual MFA apps make them (RFC 6238 over RFC 4226's HOTP:
// HMAC-SHA-1, 30-second steps, 6 digits), and the RFC 4648 base 32 their seeds are shown in.
// Pure: the time arrives as an argument; nothing here stores, logs or prints a seed.
import { createHmac, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_STEP_SECONDS = 30;

/** RFC 4648 base 32, unpadded (a seed of 40 bytes is 64 characters, as AWS's are). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new RangeError('not base 32');
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The time step of an instant (ms since the epoch): RFC 6238's T = floor(unix time / 30). */
export const totpStep = (ms: number) => Math.floor(ms / 1000 / TOTP_STEP_SECONDS);

/** The 6-digit code of one time step (RFC 4226 section 5.3's dynamic truncation). */
export function totpCode(secret: Uint8Array, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** Whether `code` is the code of `step`, compared in constant time. */
export function isTotpCode(secret: Uint8Array, step: number, code: string): boolean {
  const expected = Buffer.from(totpCode(secret, step));
  const given = Buffer.from(code);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
