// Identifiers in AWS's forms: unique ids (AROA…, AIDA…, ANPA…), access key ids and secrets.
import { randomFillSync } from 'node:crypto';
import { base32Encode } from './totp.js';

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

/** ASCA: a server certificate's ServerCertificateId; ACCA: a service-specific credential's id. */
export type UniqueIdPrefix = 'AROA' | 'AIDA' | 'AGPA' | 'ANPA' | 'AIPA' | 'AKIA' | 'ASIA' | 'ASCA' | 'ACCA';

/** A unique id such as a RoleId: the prefix and 17 characters, 21 in all. */
export const uniqueId = (prefix: UniqueIdPrefix) => prefix + base32(17);

/** The 48-bit number in the first six bytes of a key id's base-32 body. */
function leadingBits(body: string): bigint | undefined {
  let n = 0n;
  for (const c of body) {
    const v = ALPHABET.indexOf(c);
    if (v === -1) return undefined;
    n = (n << 5n) | BigInt(v);
  }
  return n >> 32n; // 80 bits in all; the first 48 carry the account
}

const ACCOUNT_MASK = 0x7fffffffff80n;

/**
 * An access key id: the prefix and 16 base-32 characters (10 bytes), 20 in all, laid out as AWS's
 * current ones are: bits 7 to 46 of the first six bytes hold the 12-digit account id, the rest is
 * random. So GetAccessKeyInfo reads the account from any key rolegate issued, temporary ones
 * included, and from AWS's own key ids alike.
 */
export function accessKeyId(prefix: 'AKIA' | 'ASIA', accountId?: string): string {
  const bytes = randomBytesPooled(10);
  if (accountId) {
    const random = BigInt(bytes.readUIntBE(0, 6)) & ~ACCOUNT_MASK & 0x7fn; // the top bit stays 0
    bytes.writeUIntBE(Number((BigInt(accountId) << 7n) | random), 0, 6);
  }
  return prefix + base32Encode(bytes);
}

/** The account an access key id carries (AWS's layout), for AKIA/ASIA ids of 20 characters. */
export function accountOfAccessKeyId(id: string): string | undefined {
  if (!/^(AKIA|ASIA)[A-Z2-7]{16}$/.test(id)) return undefined;
  const lead = leadingBits(id.slice(4));
  if (lead === undefined) return undefined;
  const account = (lead & ACCOUNT_MASK) >> 7n;
  return account < 1_000_000_000_000n ? account.toString().padStart(12, '0') : undefined;
}

/** A 40-character secret access key. */
export function secretAccessKey(): string {
  return randomBytesPooled(30).toString('base64').replace(/\+/g, 'x').replace(/\//g, 'Y').slice(0, 40);
}

/** An SSH public key id: APKA and 16 base-32 characters, 20 in all, as IAM's look. */
export const sshPublicKeyId = () => 'APKA' + base32Encode(randomBytesPooled(10));

/** A signing certificate's CertificateId: 32 upper-case base-32 characters (20 random bytes). */
export const signingCertificateId = () => base32Encode(randomBytesPooled(20));
