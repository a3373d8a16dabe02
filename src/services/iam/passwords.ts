// IAM users' console passwords: a salted scrypt hash is all that is kept (never the password, in a
// record, a log line or an error), and the account's password policy, or AWS's default one, decides
// which passwords are accepted.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { PasswordPolicyViolationException } from '../../generated/iam/errors.js';
import type { PasswordPolicyRecord } from '../../store/types.js';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** The symbols IAM's password policy counts (IAM User Guide, "Set an account password policy for IAM users"). */
const SYMBOLS = new Set("!@#$%^&*()_+-=[]{}|'");

function kinds(password: string) {
  let upper = false, lower = false, digit = false, symbol = false;
  for (const c of password) {
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if (SYMBOLS.has(c)) symbol = true;
  }
  return { upper, lower, digit, symbol };
}

const VIOLATION = 'Password does not conform to the account password policy.';

/**
 * Throws PasswordPolicyViolation unless the password satisfies the account's policy; without one,
 * AWS's default: at least 8 characters and three of uppercase, lowercase, numbers and symbols.
 */
export function checkPasswordPolicy(password: string, policy: PasswordPolicyRecord | undefined): void {
  const k = kinds(password);
  if (!policy) {
    const count = [k.upper, k.lower, k.digit, k.symbol].filter(Boolean).length;
    if ([...password].length < 8 || count < 3) throw new PasswordPolicyViolationException(VIOLATION);
    return;
  }
  if ([...password].length < policy.minimumPasswordLength) throw new PasswordPolicyViolationException(VIOLATION);
  if ((policy.requireSymbols && !k.symbol) || (policy.requireNumbers && !k.digit)
    || (policy.requireUppercaseCharacters && !k.upper) || (policy.requireLowercaseCharacters && !k.lower)) {
    throw new PasswordPolicyViolationException(VIOLATION);
  }
}

/** Throws PasswordPolicyViolation when the password is one of the last `count` (the current one included). */
export async function checkReuse(password: string, hashes: string[], count: number | undefined): Promise<void> {
  if (!count) return;
  for (const h of hashes.slice(0, count)) {
    if (await verifyPassword(password, h)) {
      throw new PasswordPolicyViolationException('Policy constraint violation with password reuse prevention during password change.');
    }
  }
}

/** The history a change keeps: the replaced hash first, as many as the most a policy can ask for (24). */
export const historyAfterChange = (current: string, previous: string[]) => [current, ...previous].slice(0, 23);
