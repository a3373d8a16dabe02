// An HTTPS server on 127.0.0.1 for the OIDC key cache's tests: certificates made at test time with
// openssl (self-signed for localhost, a leaf under a test CA, or one naming another host), and
// answers chosen per path, so discovery and key-set failures can be served as an issuer would.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { makeCertificate, type Certificate, type CertificateKind } from '../support/oidc-issuer.js';

export { makeCertificate, type Certificate, type CertificateKind };

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
