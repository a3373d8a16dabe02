// Identifiers in AWS's forms: unique ids (AROA…, AIDA…, ANPA…), access key ids and secrets.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[bytes[i] & 31];
  return out;
}

export type UniqueIdPrefix = 'AROA' | 'AIDA' | 'AGPA' | 'ANPA' | 'AIPA' | 'AKIA' | 'ASIA';

/** A unique id such as a RoleId: the prefix and 17 characters, 21 in all. */
export const uniqueId = (prefix: UniqueIdPrefix) => prefix + base32(17);

/** An access key id: the prefix and 16 characters, 20 in all. */
export const accessKeyId = (prefix: 'AKIA' | 'ASIA') => prefix + base32(16);

/** A 40-character secret access key. */
export function secretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'x').replace(/\//g, 'Y').slice(0, 40);
}
