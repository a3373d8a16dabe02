// Reading the PEM certificates and private keys IAM is given (UploadServerCertificate,
// UploadSigningCertificate) with node:crypto: the blocks of a PEM text, each parsed as X.509, a
// chain checked link by link, a key checked against a certificate. Throws plain errors; the
// handlers choose AWS's error for each. Never puts key material in a message.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\s]*?)-----END \1-----/g;

/** The PEM blocks of a text, as long as nothing but white space lies between and around them. */
export function pemBlocks(text: string): { label: string; pem: string }[] | undefined {
  const blocks: { label: string; pem: string }[] = [];
  let at = 0;
  for (const m of text.matchAll(BLOCK)) {
    if (text.slice(at, m.index).trim() !== '') return undefined;
    blocks.push({ label: m[1], pem: m[0] });
    at = m.index + m[0].length;
  }
  return text.slice(at).trim() === '' ? blocks : undefined;
}

/** The X.509 certificates of a PEM text (one or more CERTIFICATE blocks), else undefined. */
export function readCertificates(text: string): X509Certificate[] | undefined {
  const blocks = pemBlocks(text);
  if (!blocks?.length || blocks.some((b) => b.label !== 'CERTIFICATE')) return undefined;
  try {
    return blocks.map((b) => new X509Certificate(b.pem));
  } catch {
    return undefined;
  }
}

/** The one certificate of a PEM text, else undefined. */
export function readCertificate(text: string): X509Certificate | undefined {
  const certs = readCertificates(text);
  return certs?.length === 1 ? certs[0] : undefined;
}

/**
 * An unencrypted PEM private key (PKCS#1, SEC 1 or PKCS#8), else undefined. The EC PARAMETERS block
 * `openssl ecparam -genkey` writes before a SEC 1 key is passed over (the key names its curve itself).
 */
export function readPrivateKey(text: string): KeyObject | undefined {
  const blocks = pemBlocks(text)?.filter((b) => b.label !== 'EC PARAMETERS');
  if (blocks?.length !== 1 || !/^(RSA |EC )?PRIVATE KEY$/.test(blocks[0].label)) return undefined;
  try {
    return createPrivateKey({ key: blocks[0].pem, format: 'pem' });
  } catch {
    return undefined;
  }
}

/** `issuer` issued and signed `cert`. */
export const issued = (cert: X509Certificate, issuer: X509Certificate) => cert.checkIssued(issuer) && cert.verify(issuer.publicKey);

/**
 * The index within `chain` of the first certificate that did not issue the one before it (the
 * first must have issued `leaf`), else -1 for a chain in order.
 */
export function brokenLink(leaf: X509Certificate, chain: X509Certificate[]): number {
  let previous = leaf;
  for (let i = 0; i < chain.length; i++) {
    if (!issued(previous, chain[i])) return i;
    previous = chain[i];
  }
  return -1;
}
