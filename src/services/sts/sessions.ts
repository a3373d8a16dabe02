// Issuing temporary credentials: an ASIA… key, a fresh secret and the sealed session token that
// carries both with the session's principal and limits.
import type { Credentials } from '../../generated/sts/shapes.js';
import type { SessionClaims, SessionTokenCodec } from '../../auth/session-token.js';
import { accessKeyId, secretAccessKey } from '../ids.js';

export function issue(tokens: SessionTokenCodec, claims: Omit<SessionClaims, 'accessKeyId' | 'secretAccessKey'>): { credentials: Credentials; claims: SessionClaims } {
  const full: SessionClaims = { ...claims, accessKeyId: accessKeyId('ASIA', claims.accountId), secretAccessKey: secretAccessKey() };
  return {
    claims: full,
    credentials: {
      AccessKeyId: full.accessKeyId,
      SecretAccessKey: full.secretAccessKey,
      SessionToken: tokens.seal(full),
      Expiration: new Date(full.expiresAt),
    },
  };
}
