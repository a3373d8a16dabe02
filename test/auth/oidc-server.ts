// An HTTPS server on 127.0.0.1 for the OIDC key cache's tests: certificates made at test time with
// openssl (self-signed for localhost, a leaf under a test CA, or one naming another host), and
// answers chosen per path, so discovery and key-set failures can be served as an issuer would.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export type CertificateKind = 'self-signed' | 'chain' | 'other-host' | 'ipv6';

export interface Certificate { key: string; cert: string; thumbprint: string; leafThumbprint: string }

const thumbprintOf = (pem: string) => createHash('sha1').update(new X509Certificate(pem).raw).digest('hex');

/** A certificate for localhost (self-signed, or under a test CA served with it), a self-signed one for elsewhere.example, or one for ::1 only. */
export function makeCertificate(kind: CertificateKind): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-oidc-auth-'));
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

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestIssuer {
  /** `https://localhost:PORT` */
  issuer: string;
  port: number;
  thumbprint: string;
  leafThumbprint: string;
  /** Paths requested so far, in order. */
  requests: string[];
  /** The Accept header of each request, in order. */
  accepts: (string | undefined)[];
  /** Answers a path in place of the default (discovery naming `<issuer>/keys`, and the key set). */
  route(path: string, handler: Handler): void;
  stop(): Promise<void>;
}

export const json = (body: unknown, status = 200): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** Listens on 127.0.0.1 (issuer https://localhost:PORT) or, with `ipv6`, on ::1 (issuer https://[::1]:PORT). */
export async function startTestIssuer(certificate: Certificate, keys: () => JWK[], ipv6 = false): Promise<TestIssuer> {
  const requests: string[] = [];
  const accepts: (string | undefined)[] = [];
  const routes = new Map<string, Handler>();
  let issuer = '';
  const server: Server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    accepts.push(req.headers.accept);
    const handler = routes.get(path);
    if (handler) return handler(req, res);
    if (path === '/.well-known/openid-configuration') return json({ issuer, jwks_uri: `${issuer}/keys` })(req, res);
    if (path === '/keys') return json({ keys: keys() })(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, ipv6 ? '::1' : '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  issuer = ipv6 ? `https://[::1]:${port}` : `https://localhost:${port}`;
  return {
    issuer,
    port,
    thumbprint: certificate.thumbprint,
    leafThumbprint: certificate.leafThumbprint,
    requests,
    accepts,
    route: (path, handler) => routes.set(path, handler),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export interface SigningKey { kid: string; privateKey: CryptoKey; publicJwk: JWK }

let keyCount = 0;

export async function makeSigningKey(alg: 'RS256' | 'ES256' = 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const kid = `auth-test-key-${++keyCount}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export function signToken(key: SigningKey, issuer: string, alg: 'RS256' | 'ES256' = 'ES256', kid = key.kid): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: issuer, sub: 'workload', aud: 'rolegate-app', iat: now, exp: now + 600 })
    .setProtectedHeader({ alg, kid, typ: 'JWT' })
    .sign(key.privateKey);
}
