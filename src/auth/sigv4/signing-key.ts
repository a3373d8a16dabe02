// SigV4 signing keys (kDate → kRegion → kService → kSigning) and a bounded LRU cache of them.
// The cache is keyed by a SHA-256 of the secret, never the secret; nothing here logs or throws it.
import { createHash, createHmac } from 'node:crypto';

export const KEY_TYPE_IDENTIFIER = 'aws4_request';

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac('AWS4' + secretAccessKey, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, KEY_TYPE_IDENTIFIER);
}

/** Where the verifier gets a derived key: the shared cache, or one a credential keeps for itself. */
export interface SigningKeySource {
  get(secretAccessKey: string, date: string, region: string, service: string): Buffer;
}

/**
 * Keys derived for one known credential, by scope: its holder keeps it beside the secret, so no
 * lookup hashes the secret. Never shared between credentials.
 */
export class CredentialSigningKeys implements SigningKeySource {
  private readonly keys = new Map<string, Buffer>();
  get(secretAccessKey: string, date: string, region: string, service: string): Buffer {
    const id = date + '/' + region + '/' + service;
    let key = this.keys.get(id);
    if (key === undefined) {
      if (this.keys.size >= 16) this.keys.clear();
      key = deriveSigningKey(secretAccessKey, date, region, service);
      this.keys.set(id, key);
    }
    return key;
  }
}

/**
 * Derived keys by (hash of secret, date, region, service). A Map keeps insertion order, so
 * re-inserting on a hit makes the first key the least recently used one.
 */
export class SigningKeyCache implements SigningKeySource {
  private readonly keys = new Map<string, Buffer>();

  constructor(readonly maxEntries = 1024) {
    if (!(maxEntries >= 1)) throw new RangeError('maxEntries must be at least 1');
  }

  get size(): number {
    return this.keys.size;
  }

  get(secretAccessKey: string, date: string, region: string, service: string): Buffer {
    // '\n' cannot occur in a base64 digest, and a scope with '/' in a part never gets here (parse
    // splits on '/'), so distinct inputs give distinct keys.
    const id = createHash('sha256').update(secretAccessKey).digest('base64') + '\n' + date + '\n' + region + '\n' + service;
    const hit = this.keys.get(id);
    if (hit !== undefined) {
      this.keys.delete(id);
      this.keys.set(id, hit);
      return hit;
    }
    const key = deriveSigningKey(secretAccessKey, date, region, service);
    if (this.keys.size >= this.maxEntries) {
      const oldest = this.keys.keys().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    this.keys.set(id, key);
    return key;
  }

  clear(): void {
    this.keys.clear();
  }
}

/** The process-wide cache the verifier uses unless given another. */
export const signingKeyCache = new SigningKeyCache();
