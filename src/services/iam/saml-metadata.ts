// SAML 2.0 metadata as IAM reads it: the EntityDescriptor's entityID, its IDPSSODescriptor's signing
// certificates and validUntil. Also the strict XML parse that SAML documents get here (no DOCTYPE, no
// parse error tolerated). Knows nothing of the store.
import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { InvalidInputException } from '../../generated/iam/errors.js';

export const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const DS = 'http://www.w3.org/2000/09/xmldsig#';

/** The document, or undefined when it is not well-formed XML or declares a DOCTYPE (entity expansion). */
export function parseXml(text: string): Document | undefined {
  if (/<!DOCTYPE/i.test(text)) return undefined;
  let failed = false;
  const fail = () => { failed = true; };
  let doc: Document;
  try {
    doc = new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(text, 'text/xml') as unknown as Document;
  } catch {
    return undefined;
  }
  return failed || !doc?.documentElement ? undefined : doc;
}

/** The element children of `parent` with this namespace and local name. */
export function childrenNamed(parent: Element, ns: string, local: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === local) out.push(n as Element);
  }
  return out;
}

export const childNamed = (parent: Element, ns: string, local: string): Element | undefined => childrenNamed(parent, ns, local)[0];

export interface SamlMetadata { entityId: string; signingCertificates: string[]; validUntil?: Date }

// IAM's one answer for a metadata document it cannot use.
const COULD_NOT_PARSE = 'Could not parse metadata';

/**
 * The IdP's issuer, signing certificates (KeyDescriptors whose use is "signing" or unset) and the
 * earliest validUntil of the EntityDescriptor and its IDPSSODescriptor.
 */
export function readSamlMetadata(text: string): SamlMetadata {
  const doc = parseXml(text);
  const root = doc?.documentElement;
  if (!root || root.namespaceURI !== MD || root.localName !== 'EntityDescriptor') throw new InvalidInputException(COULD_NOT_PARSE);
  const entityId = root.getAttribute('entityID') ?? '';
  const idp = childNamed(root, MD, 'IDPSSODescriptor');
  if (!entityId || !idp) throw new InvalidInputException(COULD_NOT_PARSE);
  const signingCertificates: string[] = [];
  for (const kd of childrenNamed(idp, MD, 'KeyDescriptor')) {
    const use = kd.getAttribute('use');
    if (use && use !== 'signing') continue;
    for (const keyInfo of childrenNamed(kd, DS, 'KeyInfo')) {
      for (const data of childrenNamed(keyInfo, DS, 'X509Data')) {
        for (const c of childrenNamed(data, DS, 'X509Certificate')) signingCertificates.push(certificatePem(c.textContent ?? ''));
      }
    }
  }
  if (!signingCertificates.length) throw new InvalidInputException(COULD_NOT_PARSE);
  let validUntil: Date | undefined;
  for (const el of [root, idp]) {
    const v = el.getAttribute('validUntil');
    if (!v) continue;
    const d = new Date(v);
    if (!/^\d{4}-\d\d-\d\dT/.test(v) || Number.isNaN(d.getTime())) throw new InvalidInputException(COULD_NOT_PARSE);
    if (!validUntil || d < validUntil) validUntil = d;
  }
  return { entityId, signingCertificates, ...(validUntil ? { validUntil } : {}) };
}

/** One certificate's base64 as PEM, after checking it is an X.509 certificate. */
function certificatePem(base64: string): string {
  const b64 = base64.replace(/\s+/g, '');
  try {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new Error('not base64');
    new X509Certificate(Buffer.from(b64, 'base64'));
  } catch {
    throw new InvalidInputException(COULD_NOT_PARSE);
  }
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
