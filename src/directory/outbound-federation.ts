// Outbound web identity federation as every layer reads it: an account's issuer and signing keys
// (made when the feature is first enabled, the private keys kept only sealed), the JWTs
// GetWebIdentityToken signs with them, and the OIDC discovery documents a relying party verifies
// them by. One key per algorithm: RS256 (RSA 2048) and ES384 (P-384), as AWS offers.
import { createHash, createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { OutboundSigningKeyRecord, OutboundWebIdentityRecord } from '../store/types.js';
import type { Sealer } from '../shared/sealing.js';

export type SigningAlgorithm = OutboundSigningKeyRecord['alg'];
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'ES384'];

/** The issuer's path on rolegate's port: /_rolegate/oidc/<accountId>, with the discovery documents under it. */
export const OIDC_BASE = '/_rolegate/oidc/';

/** The issuer for an account, at the origin the enabling request was addressed to. */
export function issuerFor(origin: string, accountId: string): string {
  return `${origin}${OIDC_BASE}${accountId}`;
}

/** A new key pair for each algorithm; the private keys sealed. The key id is the public key's RFC 7638 thumbprint. */
export function newSigningKeys(sealer: Sealer): OutboundSigningKeyRecord[] {
  return SIGNING_ALGORITHMS.map((alg) => {
    const { publicKey, privateKey } = alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
    const publicJwk: Record<string, string> = alg === 'RS256'
      ? { kty: 'RSA', n: jwk.n, e: jwk.e }
      : { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
    return {
      kid: thumbprint(publicJwk), alg, publicJwk,
      privateKeySealed: sealer.seal(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string),
    };
  });
}

/** RFC 7638: SHA-256 over the required members in lexicographic order, base64url. */
function thumbprint(jwk: Record<string, string>): string {
  const members = jwk.kty === 'RSA' ? ['e', 'kty', 'n'] : ['crv', 'kty', 'x', 'y'];
  const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])));
  return createHash('sha256').update(canonical).digest('base64url');
}

/** A compact JWS of `claims`, signed with the account's key for `alg`. */
export function signJwt(record: OutboundWebIdentityRecord, alg: SigningAlgorithm, claims: Record<string, unknown>, sealer: Sealer): string {
  const key = record.keys.find((k) => k.alg === alg);
  if (!key) throw new Error(`no ${alg} signing key`);
  const header = { alg, typ: 'JWT', kid: key.kid };
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  const privateKey = createPrivateKey(sealer.open(key.privateKeySealed));
  const signature = alg === 'RS256'
    ? sign('sha256', Buffer.from(input), privateKey)
    : sign('sha384', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');

/** The issuer's /.well-known/openid-configuration. */
export function openIdConfiguration(record: OutboundWebIdentityRecord): Record<string, unknown> {
  return {
    issuer: record.issuer,
    jwks_uri: `${record.issuer}/.well-known/jwks.json`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: record.keys.map((k) => k.alg),
    claims_supported: ['iss', 'sub', 'aud', 'iat', 'exp', 'jti', 'https://sts.amazonaws.com/'],
  };
}

/** The issuer's /.well-known/jwks.json: the public keys only. */
export function jwks(record: OutboundWebIdentityRecord): { keys: Record<string, string>[] } {
  return { keys: record.keys.map((k) => ({ ...k.publicJwk, kid: k.kid, alg: k.alg, use: 'sig' })) };
}

/** A token id for `jti`. */
export const tokenId = (): string => randomUUID();
