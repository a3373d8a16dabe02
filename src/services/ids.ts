// Identifiers in AWS's forms: unique ids (AROA…, AIDA…, ANPA…), access key ids and secrets.
import { randomFillSync } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// Many small draws from the system's CSPRNG cost a call each; draw 4 KiB at a time instead.
const pool = Buffer.alloc(4096);
let used = pool.length;

/** `n` fresh cryptographically random bytes (copied out of a pool refilled from the CSPRNG). */
export function randomBytesPooled(n: number): Buffer {
  if (n > pool.length) return randomFillSync(Buffer.alloc(n));
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const out = Buffer.from(pool.subarray(used, used + n));
  pool.fill(0, used, used + n);
  used += n;
  return out;
}

function base32(n: number): string {
  const bytes = randomBytesPooled(n);
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[bytes[i] & 31];
  return out;
}

export type UniqueIdPrefix = 'AROA' | 'AIDA' | 'AGPA' | 'ANPA' | 'AIPA' | 'AKIA' | 'ASIA';

/** A unique id such as a RoleId: the prefix and 17 characters, 21 in all. */
export const uniqueId = (prefix: UniqueIdPrefix) => prefix + base32(17);

/**
 * An access key id: the prefix and 16 characters, 20 in all. As AWS's do, rolegate's ids carry their
 * account: the first 8 characters are the 12-digit account id in base 32 (40 bits), the rest random,
 * so GetAccessKeyInfo answers for any key rolegate issued, temporary ones included.
 */
export function accessKeyId(prefix: 'AKIA' | 'ASIA', accountId?: string): string {
  if (!accountId) return prefix + base32(16);
  let n = BigInt(accountId);
  let head = '';
  for (let i = 0; i < 8; i++) {
    head = ALPHABET[Number(n & 31n)] + head;
    n >>= 5n;
  }
  return prefix + head + base32(8);
}

/** The account an issued access key id carries, when it is in rolegate's form. */
export function accountOfAccessKeyId(id: string): string | undefined {
  if (!/^(AKIA|ASIA)[A-Z2-7]{16}$/.test(id)) return undefined;
  let n = 0n;
  for (const c of id.slice(4, 12)) n = (n << 5n) | BigInt(ALPHABET.indexOf(c));
  return n < 1_000_000_000_000n ? n.toString().padStart(12, '0') : undefined;
}

/** A 40-character secret access key. */
export function secretAccessKey(): string {
  return randomBytesPooled(30).toString('base64').replace(/\+/g, 'x').replace(/\//g, 'Y').slice(0, 40);
}
