// OpenID Connect issuers: discovery, the issuer's JSON Web Key Set, and the trust in the HTTPS server
// that serves them, cached per issuer. Knows nothing of STS: failures are `OidcFailure` values that the
// caller renders in AWS's words. Never trusts a certificate without either a CA or a thumbprint.
import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { checkServerIdentity, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { compactVerify, createLocalJWKSet, errors, type JSONWebKeySet } from 'jose';
import { OidcFailure, type WebIdentityVerifier } from '../shared/web-identity.js';

export { OidcFailure, type OidcFailureReason } from '../shared/web-identity.js';

/** Asymmetric algorithms only: `none` and shared-secret (HS*) signatures can never be an issuer's. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
const MAX_DOCUMENT_BYTES = 512 * 1024;

export interface OidcKeyCacheOptions {
  /** How long a fetched key set is used before it is fetched again. */
  ttlMs?: number;
  /** The least time between two refetches of one issuer's keys for an unknown key id. */
  refetchCooldownMs?: number;
  timeoutMs?: number;
  maxIssuers?: number;
}

interface Entry {
  getKey: ReturnType<typeof createLocalJWKSet>;
  fetchedAt: number;
}

/**
 * The key sets of OIDC issuers, fetched through `<iss>/.well-known/openid-configuration` → `jwks_uri`.
 * Entries are keyed by issuer and the provider's thumbprints, so a provider whose thumbprints differ
 * never reuses keys fetched under another provider's trust.
 */
export class OidcKeyCache implements WebIdentityVerifier {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly lastRefetch = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly refetchCooldownMs: number;
  private readonly timeoutMs: number;
  private readonly maxIssuers: number;

  constructor(options: OidcKeyCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.refetchCooldownMs = options.refetchCooldownMs ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxIssuers = options.maxIssuers ?? 1_000;
  }

  /**
   * Verifies the token's signature with its issuer's keys; fetches the keys once more when the token
   * names a key id the cached set lacks (the issuer rotated its keys). Checks no claim.
   */
  async verifySignature(token: string, issuer: string, thumbprints: readonly string[], now: Date): Promise<void> {
    const cacheKey = issuer + '\n' + [...thumbprints].map((t) => t.toLowerCase()).sort().join(',');
    const at = now.getTime();
    let entry = await this.entry(cacheKey, issuer, thumbprints, now, false);
    for (let attempt = 0; ; attempt++) {
      try {
        await compactVerify(token, entry.getKey, { algorithms: ALGORITHMS });
        return;
      } catch (e) {
        if (e instanceof errors.JWKSNoMatchingKey) {
          // A set fetched for this very request is current; otherwise fetch again, at most once per cooldown.
          const stale = entry.fetchedAt < at && at - (this.lastRefetch.get(cacheKey) ?? -Infinity) >= this.refetchCooldownMs;
          if (attempt === 0 && stale) {
            this.lastRefetch.set(cacheKey, at);
            entry = await this.entry(cacheKey, issuer, thumbprints, now, true);
            continue;
          }
          throw new OidcFailure('unknown-key', 'no key of the issuer matches the token');
        }
        if (e instanceof errors.JOSEError) throw new OidcFailure('bad-signature', e.message);
        throw e;
      }
    }
  }

  private entry(cacheKey: string, issuer: string, thumbprints: readonly string[], now: Date, refresh: boolean): Promise<Entry> {
    const cached = this.entries.get(cacheKey);
    if (cached && !refresh && now.getTime() - cached.fetchedAt < this.ttlMs) return Promise.resolve(cached);
    let pending = this.inflight.get(cacheKey);
    if (!pending) {
      pending = fetchKeySet(issuer, thumbprints, this.timeoutMs)
        .then((jwks) => {
          const entry: Entry = { getKey: createLocalJWKSet(jwks), fetchedAt: now.getTime() };
          if (this.entries.size >= this.maxIssuers) {
            this.entries.clear();
            this.lastRefetch.clear();
          }
          this.entries.set(cacheKey, entry);
          return entry;
        })
        .finally(() => this.inflight.delete(cacheKey));
      this.inflight.set(cacheKey, pending);
    }
    return pending;
  }
}

/** The key set of an issuer, through its discovery document; both fetched under the same trust rule. */
export async function fetchKeySet(issuer: string, thumbprints: readonly string[], timeoutMs: number): Promise<JSONWebKeySet> {
  const discovery = await fetchJson(new URL(issuer.replace(/\/+$/, '') + '/.well-known/openid-configuration'), thumbprints, timeoutMs);
  const jwksUri = (discovery as { jwks_uri?: unknown } | null)?.jwks_uri;
  if (typeof jwksUri !== 'string' || !jwksUri.startsWith('https://')) throw new OidcFailure('no-keys', 'discovery has no https jwks_uri');
  const jwks = await fetchJson(new URL(jwksUri), thumbprints, timeoutMs);
  if (!jwks || typeof jwks !== 'object' || !Array.isArray((jwks as { keys?: unknown }).keys)) {
    throw new OidcFailure('no-keys', 'the key set has no keys');
  }
  return jwks as JSONWebKeySet;
}

/** SHA-1 of the DER of the last certificate of the served chain: IAM's "top intermediate CA" thumbprint. */
export function topCertificateThumbprint(leaf: DetailedPeerCertificate): string {
  let top = leaf;
  const seen = new Set<string>([top.fingerprint256]);
  while (top.issuerCertificate && !seen.has(top.issuerCertificate.fingerprint256)) {
    top = top.issuerCertificate;
    seen.add(top.fingerprint256);
  }
  return createHash('sha1').update(top.raw).digest('hex');
}

/**
 * IAM's rule ("Obtain the thumbprint for an OpenID Connect identity provider"): a server certificate a
 * trusted root CA vouches for is accepted; otherwise the thumbprint of the top certificate of the chain
 * must be one of the provider's, and the certificate must still name the host.
 */
function isTrusted(socket: TLSSocket, host: string, thumbprints: readonly string[]): boolean {
  if (socket.authorized) return true;
  const leaf = socket.getPeerCertificate(true);
  if (!leaf?.raw) return false;
  if (checkServerIdentity(host, leaf) !== undefined) return false;
  const print = topCertificateThumbprint(leaf);
  return thumbprints.some((t) => t.toLowerCase() === print);
}

function fetchJson(url: URL, thumbprints: readonly string[], timeoutMs: number): Promise<unknown> {
  if (url.protocol !== 'https:') return Promise.reject(new OidcFailure('no-keys', `${url.href} is not https`));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    let trusted = false;
    // rejectUnauthorized is off only so that the thumbprint rule below can decide; nothing is read
    // from a server that neither a CA nor a thumbprint vouches for.
    const req = request(url, { method: 'GET', agent: false, rejectUnauthorized: false, timeout: timeoutMs, headers: { accept: 'application/json' } }, (res) => {
      if (!trusted && !isTrusted(res.socket as TLSSocket, host, thumbprints)) {
        res.destroy();
        reject(new OidcFailure('untrusted-certificate', `${url.host} is not trusted`));
        return;
      }
      const status = res.statusCode ?? 0;
      if (status >= 500) {
        res.resume();
        reject(new OidcFailure('unreachable', `${url.href} answered ${status}`));
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new OidcFailure('no-keys', `${url.href} answered ${status}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_DOCUMENT_BYTES) {
          res.destroy();
          reject(new OidcFailure('no-keys', `${url.href} is too large`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new OidcFailure('no-keys', `${url.href} is not JSON`));
        }
      });
      res.on('error', (e) => reject(new OidcFailure('unreachable', e.message)));
    });
    req.on('socket', (socket) => {
      socket.once('secureConnect', () => {
        trusted = isTrusted(socket as TLSSocket, host, thumbprints);
        if (!trusted) req.destroy(new OidcFailure('untrusted-certificate', `${url.host} is not trusted`));
      });
    });
    req.on('timeout', () => req.destroy(new OidcFailure('unreachable', `${url.href} timed out`)));
    req.on('error', (e) => reject(e instanceof OidcFailure ? e : new OidcFailure('unreachable', e.message)));
    req.end();
  });
}

/** The server's one cache of issuer keys. */
export const oidcKeys = new OidcKeyCache();
