// The server's certificate and key: PEM files the operator gives, or a self-signed pair generated
// once into the data folder (by `openssl`, as node cannot make certificates) and re-used until it
// expires. Never prints or logs the key; errors name the file and what is wrong with it.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { TlsConfig } from '../config.js';

export class TlsError extends Error {}

export interface ServerTls {
  cert: string;
  key: string;
  /** Where the certificate is read from: the file a client trusts (AWS CLI `--ca-bundle`, AWS_CA_BUNDLE). */
  certFile: string;
  /** SHA-256 of the certificate (DER), as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint: string;
  /** The self-signed pair was made at this start (first start, or the kept one had expired). */
  generated: boolean;
}

/** A self-signed certificate lasts this long; a later start after that makes a new one. */
const SELF_SIGNED_DAYS = 825;

export function loadTls(tls: TlsConfig, dataDir: string, host: string, now = new Date()): ServerTls {
  if (tls.kind === 'files') return { ...readPair(tls.certFile, tls.keyFile, now), generated: false };
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    let x509: X509Certificate | undefined;
    try {
      x509 = new X509Certificate(cert);
    } catch {
      x509 = undefined; // unreadable: made again below
    }
    if (x509 && new Date(x509.validTo).getTime() > now.getTime() && coversHost(x509, host)) {
      return { ...readPair(certFile, keyFile, now), generated: false };
    }
  }
  generateSelfSigned(dir, certFile, keyFile, host);
  return { ...readPair(certFile, keyFile, now), generated: true };
}

/** The names a self-signed certificate is made for: the loopback names and the configured host. */
export function hostNames(host: string): { dns: string[]; ips: string[] } {
  const dns = new Set(['localhost']);
  const ips = new Set(['127.0.0.1', '::1']);
  // A wildcard address is not a name a client connects to: the loopback names cover it.
  if (host && host !== '0.0.0.0' && host !== '::') (isIP(host) ? ips : dns).add(host);
  return { dns: [...dns], ips: [...ips] };
}

function coversHost(x509: X509Certificate, host: string): boolean {
  const { dns, ips } = hostNames(host);
  return dns.every((d) => x509.checkHost(d) !== undefined) && ips.every((ip) => x509.checkIP(ip) !== undefined);
}

function readPair(certFile: string, keyFile: string, now: Date): Omit<ServerTls, 'generated'> {
  const cert = readPem(certFile, 'ROLEGATE_TLS_CERT');
  const key = readPem(keyFile, 'ROLEGATE_TLS_KEY');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new TlsError(`the TLS certificate ${certFile} is not a PEM certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    // The parser's message may quote the file: say only which file and what it should be.
    throw new TlsError(`the TLS key ${keyFile} is not a PEM private key (unencrypted PKCS#8, PKCS#1 or SEC1)`);
  }
  if (!x509.checkPrivateKey(privateKey)) throw new TlsError(`the TLS key ${keyFile} does not belong to the certificate ${certFile}`);
  if (new Date(x509.validTo).getTime() <= now.getTime()) throw new TlsError(`the TLS certificate ${certFile} expired on ${new Date(x509.validTo).toISOString()}`);
  return { cert, key, certFile, fingerprint: x509.fingerprint256 };
}

function readPem(file: string, name: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new TlsError(`${name}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

function generateSelfSigned(dir: string, certFile: string, keyFile: string, host: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { dns, ips } = hostNames(host);
  const san = [...dns.map((d) => `DNS:${d}`), ...ips.map((ip) => `IP:${ip}`)].join(',');
  // Written beside the kept pair, then moved over it: a failed run leaves the old pair as it was.
  const newKey = `${keyFile}.new`;
  const newCert = `${certFile}.new`;
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256',
      '-days', String(SELF_SIGNED_DAYS), '-subj', '/CN=rolegate', '-addext', `subjectAltName=${san}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,digitalSignature,keyCertSign',
      '-addext', 'extendedKeyUsage=serverAuth', '-keyout', newKey, '-out', newCert,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    rmSync(newKey, { force: true });
    rmSync(newCert, { force: true });
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new TlsError('ROLEGATE_TLS=self-signed needs the openssl command on PATH to make the certificate; install openssl, or give a certificate with ROLEGATE_TLS_CERT and ROLEGATE_TLS_KEY');
    }
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0];
    throw new TlsError(`openssl could not make the self-signed certificate${stderr ? `: ${stderr}` : ''}`);
  }
  chmodSync(newKey, 0o600);
  renameSync(newKey, keyFile);
  renameSync(newCert, certFile);
}
