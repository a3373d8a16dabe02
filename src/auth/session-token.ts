// Session tokens: self-contained and sealed (AES-256-GCM under a key derived from the master key),
// so any node verifies a temporary credential without a database round trip. A token carries its
// own secret access key, the session's principal and limits; tampering fails authentication.
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import type { SessionClaims } from '../shared/caller.js';
import { randomBytesPooled } from '../shared/ids.js';
import type { SessionTokenCodec } from '../shared/sealing.js';

const VERSION = 1;


export function sessionTokenCodec(masterKey: Buffer): SessionTokenCodec {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'rolegate session token v1', 32));
  // Opened tokens are kept (bounded): a client reuses its token for every request of the session.
  const opened = new Map<string, SessionClaims>();
  const codec: SessionTokenCodec = {
    seal(claims) {
      const iv = randomBytesPooled(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
      return 'IQo' + Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(token) {
      if (!token.startsWith('IQo')) return undefined;
      const raw = Buffer.from(token.slice(3), 'base64');
      if (raw.length < 30 || raw[0] !== VERSION) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(1, 13));
        decipher.setAuthTag(raw.subarray(13, 29));
        const plain = Buffer.concat([decipher.update(raw.subarray(29)), decipher.final()]).toString('utf8');
        return JSON.parse(plain) as SessionClaims;
      } catch {
        return undefined;
      }
    },
  };
  return {
    seal: codec.seal,
    open(token) {
      const hit = opened.get(token);
      if (hit) return hit;
      const claims = codec.open(token);
      if (claims) {
        if (opened.size >= 10_000) opened.clear();
        opened.set(token, Object.freeze(claims));
      }
      return claims;
    },
  };
}
