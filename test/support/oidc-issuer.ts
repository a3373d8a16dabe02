// A local OpenID Connect issuer for tests: HTTPS on 127.0.0.1 with a self-signed certificate (or one
// signed by a test CA) made at test time with openssl, serving discovery and its key set, signing tokens with RS256 keys from jose.
// Its issuer is `https://localhost:PORT`, a URL IAM accepts for an OIDC provider.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface SigningKey { kid: string; privateKey: CryptoKey; publicJwk: JWK }

export interface TokenOptions {
  /** Claims beyond the defaults (iss, sub, aud, iat, exp); `undefined` values remove a default. */
  claims?: Record<string, unknown>;
  /** Seconds from now; negative for a token that has expired. Default 600. */
  expiresIn?: number;
  /** Sign with this key instead of the issuer's current one (it need not be published). */
  key?: SigningKey;
  /** The `kid` header; defaults to the signing key's. */
  kid?: string;
}

export interface OidcIssuer {
  issuer: string;
  port: number;
  /** SHA-1 of the DER of the top certificate served (the CA with `chain`), lower-case hex: what IAM takes. */
  thumbprint: string;
  /** SHA-1 of the server's own certificate. */
  leafThumbprint: string;
  /** Paths requested so far, in order. */
  requests: string[];
  token(options?: TokenOptions): Promise<string>;
  /** A new key pair that is not published. */
  newKey(): Promise<SigningKey>;
  /** Publishes a new key in place of the current one and signs with it from now on. */
  rotate(): Promise<SigningKey>;
  stop(): Promise<void>;
}

let keyCount = 0;

async function makeKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = `test-key-${++keyCount}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export type CertificateKind = 'self-signed' | 'chain' | 'other-host' | 'ipv6';

export interface Certificate { key: string; cert: string; thumbprint: string; leafThumbprint: string }

const thumbprintOf = (pem: string) => createHash('sha1').update(new X509Certificate(pem).raw).digest('hex');

/** A certificate for localhost (self-signed, or under a test CA served with it), a self-signed one for elsewhere.example, or one for ::1 only. */
export function makeCertificate(kind: CertificateKind): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-oidc-'));
  const openssl = (...args: string[]) => execFileSync('/usr/bin/openssl', args, { stdio: 'ignore' });
  // P-256 keys: quick to make, and TLS takes them as it takes RSA.
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  const file = (name: string) => join(dir, name);
  try {
    if (kind !== 'chain') {
      const host = kind === 'other-host' ? 'elsewhere.example' : 'localhost';
      const san = kind === 'other-host' ? 'subjectAltName=DNS:elsewhere.example' : kind === 'ipv6' ? 'subjectAltName=IP:::1' : 'subjectAltName=DNS:localhost,IP:127.0.0.1';
      openssl('req', '-x509', ...newKey, '-nodes', '-subj', `/CN=${host}`, '-days', '1', '-addext', san,
        '-keyout', file('key.pem'), '-out', file('cert.pem'));
      const cert = readFileSync(file('cert.pem'), 'utf8');
      return { key: readFileSync(file('key.pem'), 'utf8'), cert, thumbprint: thumbprintOf(cert), leafThumbprint: thumbprintOf(cert) };
    }
    openssl('req', '-x509', ...newKey, '-nodes', '-subj', '/CN=rolegate auth test CA', '-days', '1',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout', file('ca.key'), '-out', file('ca.pem'));
    openssl('req', ...newKey, '-nodes', '-subj', '/CN=localhost', '-keyout', file('key.pem'), '-out', file('leaf.csr'));
    writeFileSync(file('leaf.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    openssl('x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
      '-days', '1', '-extfile', file('leaf.ext'), '-out', file('leaf.pem'));
    const ca = readFileSync(file('ca.pem'), 'utf8');
    const leaf = readFileSync(file('leaf.pem'), 'utf8');
    return { key: readFileSync(file('key.pem'), 'utf8'), cert: leaf + ca, thumbprint: thumbprintOf(ca), leafThumbprint: thumbprintOf(leaf) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface IssuerOptions {
  /** Serve a leaf certificate signed by a test CA, with the CA, instead of a self-signed one. */
  chain?: boolean;
}

export async function startOidcIssuer(options: IssuerOptions = {}): Promise<OidcIssuer> {
  const { key, cert, thumbprint, leafThumbprint } = makeCertificate(options.chain ? 'chain' : 'self-signed');
  let current = await makeKey();
  const requests: string[] = [];
  let issuer = '';
  const server: Server = createServer({ key, cert }, (req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration') {
      send({
        issuer, jwks_uri: `${issuer}/keys`, response_types_supported: ['id_token'],
        subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
      });
    } else if (path === '/keys') {
      send({ keys: [current.publicJwk] });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  issuer = `https://localhost:${port}`;
  return {
    issuer,
    port,
    thumbprint,
    leafThumbprint,
    requests,
    async token(options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        iss: issuer, sub: 'repo:acme/web:ref:refs/heads/main', aud: 'rolegate-app',
        iat: now, exp: now + (options.expiresIn ?? 600), ...options.claims,
      };
      for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
      const signer = options.key ?? current;
      return new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: 'RS256', kid: options.kid ?? signer.kid, typ: 'JWT' }).sign(signer.privateKey);
    },
    newKey: makeKey,
    async rotate() {
      current = await makeKey();
      return current;
    },
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
