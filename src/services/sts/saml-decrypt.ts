// Decrypting a SAML EncryptedAssertion (XML Encryption) with the SAML provider's private keys: the
// content key unwrapped with RSA-OAEP, the assertion decrypted with AES-GCM or AES-CBC. RSA PKCS#1 v1.5
// key transport is refused. Answers the assertion's XML text, which the caller must still verify.
import { createDecipheriv, privateDecrypt, constants, type KeyObject } from 'node:crypto';
import { childNamed, childrenNamed, DS } from '../iam/saml-metadata.js';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const XENC11 = 'http://www.w3.org/2009/xmlenc11#';

const CIPHERS: Record<string, { name: string; gcm: boolean }> = {
  [`${XENC}aes128-cbc`]: { name: 'aes-128-cbc', gcm: false },
  [`${XENC}aes192-cbc`]: { name: 'aes-192-cbc', gcm: false },
  [`${XENC}aes256-cbc`]: { name: 'aes-256-cbc', gcm: false },
  [`${XENC11}aes128-gcm`]: { name: 'aes-128-gcm', gcm: true },
  [`${XENC11}aes192-gcm`]: { name: 'aes-192-gcm', gcm: true },
  [`${XENC11}aes256-gcm`]: { name: 'aes-256-gcm', gcm: true },
};
const DIGESTS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};
const MGFS: Record<string, string> = {
  [`${XENC11}mgf1sha1`]: 'sha1', [`${XENC11}mgf1sha256`]: 'sha256', [`${XENC11}mgf1sha512`]: 'sha512',
};

export class DecryptionFailure extends Error {}

const cipherValue = (el: Element | undefined): Buffer => {
  const data = el && childNamed(el, XENC, 'CipherData');
  const value = data && childNamed(data, XENC, 'CipherValue');
  const text = (value?.textContent ?? '').replace(/\s+/g, '');
  if (!text || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new DecryptionFailure('no cipher value');
  return Buffer.from(text, 'base64');
};

/** The OAEP digest of an EncryptedKey; Node applies one hash to OAEP and MGF1, so they must agree. */
function oaepHash(method: Element): string {
  const algorithm = method.getAttribute('Algorithm');
  const digest = DIGESTS[childNamed(method, DS, 'DigestMethod')?.getAttribute('Algorithm') || 'http://www.w3.org/2000/09/xmldsig#sha1'];
  if (algorithm === `${XENC}rsa-oaep-mgf1p` && digest === 'sha1') return 'sha1';
  if (algorithm === `${XENC11}rsa-oaep` && digest) {
    const mgf = MGFS[childNamed(method, XENC11, 'MGF')?.getAttribute('Algorithm') || `${XENC11}mgf1sha1`];
    if (mgf === digest) return digest;
  }
  throw new DecryptionFailure(`key transport ${algorithm} is not supported`);
}

/** The assertion's XML from `encrypted` (an EncryptedAssertion), with the first key that opens it. */
export function decryptAssertion(encrypted: Element, keys: readonly KeyObject[]): string {
  const data = childNamed(encrypted, XENC, 'EncryptedData');
  const cipher = data && CIPHERS[childNamed(data, XENC, 'EncryptionMethod')?.getAttribute('Algorithm') ?? ''];
  if (!data || !cipher) throw new DecryptionFailure('no supported EncryptedData');
  const keyInfo = childNamed(data, DS, 'KeyInfo');
  const wrapped = [...(keyInfo ? childrenNamed(keyInfo, XENC, 'EncryptedKey') : []), ...childrenNamed(encrypted, XENC, 'EncryptedKey')];
  const body = cipherValue(data);
  for (const ek of wrapped) {
    const method = childNamed(ek, XENC, 'EncryptionMethod');
    if (!method) continue;
    const hash = oaepHash(method);
    const wrappedKey = cipherValue(ek);
    for (const key of keys) {
      let contentKey: Buffer;
      try {
        contentKey = privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, wrappedKey);
      } catch {
        continue;
      }
      try {
        return decryptBody(cipher, contentKey, body);
      } catch {
        continue;
      }
    }
  }
  throw new DecryptionFailure('no private key of the provider decrypts the assertion');
}

function decryptBody(cipher: { name: string; gcm: boolean }, key: Buffer, body: Buffer): string {
  if (cipher.gcm) {
    if (body.length < 12 + 16) throw new DecryptionFailure('short');
    const d = createDecipheriv(cipher.name as 'aes-256-gcm', key, body.subarray(0, 12));
    d.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([d.update(body.subarray(12, body.length - 16)), d.final()]).toString('utf8');
  }
  if (body.length < 32 || body.length % 16) throw new DecryptionFailure('short');
  const d = createDecipheriv(cipher.name, key, body.subarray(0, 16));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(body.subarray(16)), d.final()]);
  // XML Encryption pads as ISO 10126: the last byte is the pad's length, the others are arbitrary.
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > 16) throw new DecryptionFailure('padding');
  return plain.subarray(0, plain.length - pad).toString('utf8');
}
