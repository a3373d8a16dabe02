// X.509 certificates for IAM's server and signing certificate tests, made by openssl: a self-signed
// certificate with its RSA key, a chain (root CA, intermediate CA, leaf), and certificates whose
// validity has ended or not begun (openssl ca with explicit dates).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyAndCertificate { privateKey: string; certificate: string }

function inTemp<T>(f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-certs-'));
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

/**
 * A fresh key (PKCS#8 PEM, as openssl req writes it: RSA-2048, or P-256 with `ec`) and a
 * self-signed certificate valid for two days.
 */
export function selfSigned(cn = 'www.example.test', kind: 'rsa' | 'ec' = 'rsa'): KeyAndCertificate {
  const newkey = kind === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  return inTemp((dir) => {
    openssl(['req', '-x509', ...newkey, '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${cn}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    return { privateKey: read(dir, 'key.pem'), certificate: read(dir, 'cert.pem') };
  });
}

export interface Chain { root: KeyAndCertificate; intermediate: KeyAndCertificate; leaf: KeyAndCertificate }

/** A root CA, an intermediate CA it signed, and a leaf the intermediate signed. */
export function chain(): Chain {
  return inTemp((dir) => {
    const ca = join(dir, 'ca.ext');
    writeFileSync(ca, 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
    const leafExt = join(dir, 'leaf.ext');
    writeFileSync(leafExt, 'basicConstraints=CA:FALSE\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
    const f = (n: string) => join(dir, n);
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '3', '-subj', '/CN=Example Root CA', '-keyout', f('root.key'), '-out', f('root.pem')]);
    const signed = (name: string, cn: string, issuer: string, ext: string) => {
      openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`)]);
      openssl(['x509', '-req', '-sha256', '-days', '2', '-in', f(`${name}.csr`), '-CA', f(`${issuer}.pem`), '-CAkey', f(`${issuer}.key`),
        '-set_serial', String(Date.now()), '-extfile', ext, '-out', f(`${name}.pem`)]);
    };
    signed('intermediate', 'Example Intermediate CA', 'root', ca);
    signed('leaf', 'www.example.test', 'intermediate', leafExt);
    const pair = (n: string) => ({ privateKey: read(dir, `${n}.key`), certificate: read(dir, `${n}.pem`) });
    return { root: pair('root'), intermediate: pair('intermediate'), leaf: pair('leaf') };
  });
}

/** A self-signed certificate valid only between `start` and `end` (openssl's YYYYMMDDHHMMSSZ). */
export function selfSignedBetween(start: string, end: string): KeyAndCertificate {
  return inTemp((dir) => {
    const f = (n: string) => join(dir, n);
    writeFileSync(f('ca.cnf'), `[ca]\ndefault_ca = d\n[d]\ndatabase = ${f('index.txt')}\nnew_certs_dir = ${dir}\nserial = ${f('serial')}\n`
      + 'default_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n');
    writeFileSync(f('index.txt'), '');
    writeFileSync(f('serial'), '01\n');
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=dated.example.test', '-keyout', f('key.pem'), '-out', f('csr.pem')]);
    openssl(['ca', '-batch', '-config', f('ca.cnf'), '-selfsign', '-keyfile', f('key.pem'), '-in', f('csr.pem'), '-out', f('cert.pem'),
      '-startdate', start, '-enddate', end, '-notext']);
    return { privateKey: read(dir, 'key.pem'), certificate: read(dir, 'cert.pem') };
  });
}

/** The base-64 lines of a PEM block, joined: what must never appear in a response or a file. */
export const pemBody = (pem: string) => pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
