// A SAML 2.0 Response as AssumeRoleWithSAML reads it: the assertion decrypted when it is encrypted, the
// XML signature checked with xml-crypto against the provider's certificates, and the values read only from the element the signature
// covers (the signed Response, or the signed Assertion), so a wrapped or added element is never read.
// Knows nothing of roles or policies: a refusal is a SamlRejection that the handler words.
import { DOMParser } from '@xmldom/xmldom';
import type { KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { childNamed, childrenNamed, DS, parseXml } from '../iam/saml-metadata.js';
import { decryptAssertion, DecryptionFailure } from './saml-decrypt.js';

export const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

export type SamlRejectionReason =
  | 'malformed' | 'signature' | 'issuer' | 'audience' | 'recipient' | 'not-yet-valid' | 'expired' | 'status' | 'encrypted' | 'not-encrypted';

export class SamlRejection extends Error {
  constructor(readonly reason: SamlRejectionReason, detail: string) {
    super(detail);
    this.name = 'SamlRejection';
  }
}

export interface SamlAssertion {
  issuer: string;
  subject?: string;
  subjectFormat?: string;
  /** The bearer SubjectConfirmationData's Recipient: the endpoint the assertion was issued for. */
  recipient: string;
  /** AuthnStatement SessionNotOnOrAfter, when the IdP limits the session. */
  sessionNotOnOrAfter?: Date;
  /** Attribute name → its values, in document order. */
  attributes: Map<string, string[]>;
}

/** AWS's sign-in endpoint, global or regional, is the one audience and recipient STS accepts. */
const SIGNIN = /^https:\/\/(?:[a-z0-9-]+\.)?signin\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\/saml(?:\/acs\/[A-Z0-9]+)?$/;
const AUDIENCES = new Set(['urn:amazon:webservices', 'urn:amazon:webservices:govcloud', 'urn:amazon:webservices:cn-north-1']);
const isAwsAudience = (a: string) => AUDIENCES.has(a) || SIGNIN.test(a);
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/** The algorithms a signature may name; anything else (HMAC, MD5, XSLT, XPath transforms) is refused. */
const SIGNATURE_METHODS = new Set([
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
]);
const DIGESTS = new Set(['http://www.w3.org/2000/09/xmldsig#sha1', 'http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmlenc#sha512']);
const C14N = new Set([
  'http://www.w3.org/2001/10/xml-exc-c14n#', 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315', 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
]);
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** Clock skew allowed on NotBefore and NotOnOrAfter. */
export const SKEW_MS = 60_000;

export interface SamlDecryption {
  /** The provider's private keys, to decrypt an EncryptedAssertion with. */
  keys: readonly KeyObject[];
  /** "Required": a plain (unencrypted) assertion is refused. */
  required: boolean;
}

/**
 * Verifies a base64 SAMLResponse signed by one of `certificates` and answers the one assertion it
 * carries, plain or encrypted. `now` is the request's clock.
 */
export function verifySamlResponse(base64: string, certificates: readonly string[], now: Date, decryption: SamlDecryption = { keys: [], required: false }): SamlAssertion {
  const compact = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new SamlRejection('malformed', 'not base64');
  const xml = Buffer.from(compact, 'base64').toString('utf8');
  const doc = parseXml(xml);
  const response = doc?.documentElement;
  if (!doc || !response || response.namespaceURI !== SAMLP || response.localName !== 'Response') throw new SamlRejection('malformed', 'not a SAML Response');
  checkUniqueIds(doc);
  // Exactly one assertion, plain or encrypted, in the whole document, a child of the Response: an
  // assertion anywhere else (inside an Extensions, an Object, a second copy) is a wrapping attempt.
  const plain = childrenNamed(response, SAML, 'Assertion');
  const encrypted = childrenNamed(response, SAML, 'EncryptedAssertion');
  if (plain.length + encrypted.length !== 1 || doc.getElementsByTagNameNS(SAML, 'Assertion').length !== plain.length ||
    doc.getElementsByTagNameNS(SAML, 'EncryptedAssertion').length !== encrypted.length) {
    throw new SamlRejection('malformed', 'not exactly one assertion');
  }
  if (plain.length && decryption.required) throw new SamlRejection('not-encrypted', 'the provider requires encrypted assertions');

  const responseSignature = childNamed(response, DS, 'Signature');
  const signedResponse = responseSignature ? verifiedElement(xml, responseSignature, response, certificates) : undefined;
  let assertion: Element | undefined;
  if (plain.length) {
    if (signedResponse) {
      const inside = childrenNamed(signedResponse, SAML, 'Assertion');
      if (inside.length !== 1) throw new SamlRejection('malformed', 'not exactly one signed assertion');
      assertion = inside[0];
    }
    const assertionSignature = childNamed(plain[0], DS, 'Signature');
    if (assertionSignature) assertion = verifiedElement(xml, assertionSignature, plain[0], certificates);
  } else {
    // The ciphertext read is the signed one when the Response is signed; the assertion inside may
    // carry its own signature, verified on the decrypted text.
    const inside = signedResponse ? childrenNamed(signedResponse, SAML, 'EncryptedAssertion') : encrypted;
    if (inside.length !== 1) throw new SamlRejection('malformed', 'not exactly one signed assertion');
    if (!decryption.keys.length) throw new SamlRejection('encrypted', 'no private key to decrypt with');
    let text: string;
    try {
      text = decryptAssertion(inside[0], decryption.keys);
    } catch (e) {
      if (e instanceof DecryptionFailure) throw new SamlRejection('encrypted', e.message);
      throw e;
    }
    const inner = parseXml(text);
    const root = inner?.documentElement;
    if (!inner || !root || root.namespaceURI !== SAML || root.localName !== 'Assertion' || inner.getElementsByTagNameNS(SAML, 'Assertion').length !== 1) {
      throw new SamlRejection('malformed', 'the decrypted text is not one assertion');
    }
    checkUniqueIds(inner);
    const innerSignature = childNamed(root, DS, 'Signature');
    assertion = innerSignature ? verifiedElement(text, innerSignature, root, certificates) : signedResponse ? root : undefined;
  }
  if (!assertion) throw new SamlRejection('signature', 'unsigned');

  const status = childNamed(signedResponse ?? response, SAMLP, 'Status');
  const code = status && childNamed(status, SAMLP, 'StatusCode')?.getAttribute('Value');
  if (code && code !== SUCCESS) throw new SamlRejection('status', code);
  const destination = (signedResponse ?? response).getAttribute('Destination');
  if (destination && !SIGNIN.test(destination)) throw new SamlRejection('recipient', 'destination');
  return readAssertion(assertion, now);
}

/** No two elements share an ID: a reference must name one element. */
function checkUniqueIds(doc: Document): void {
  const seen = new Set<string>();
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    for (const name of ['ID', 'Id', 'id']) {
      const v = el.getAttribute(name);
      if (!v) continue;
      if (seen.has(v)) throw new SamlRejection('malformed', 'duplicate ID');
      seen.add(v);
    }
  }
}

/**
 * Checks that `signature` is an enveloped signature of `parent` alone (one Reference to its ID,
 * algorithms from the allowed lists), verifies it with one of the certificates, and answers the
 * element as signed: parsed from xml-crypto's canonical bytes of the reference, not the original tree.
 */
function verifiedElement(xml: string, signature: Element, parent: Element, certificates: readonly string[]): Element {
  const id = parent.getAttribute('ID');
  const info = childNamed(signature, DS, 'SignedInfo');
  const c14n = info && childNamed(info, DS, 'CanonicalizationMethod')?.getAttribute('Algorithm');
  const method = info && childNamed(info, DS, 'SignatureMethod')?.getAttribute('Algorithm');
  const refs = info ? childrenNamed(info, DS, 'Reference') : [];
  if (!id || !c14n || !C14N.has(c14n) || !method || !SIGNATURE_METHODS.has(method) || refs.length !== 1) {
    throw new SamlRejection('signature', 'signature form');
  }
  const ref = refs[0];
  if (ref.getAttribute('URI') !== `#${id}`) throw new SamlRejection('signature', 'reference');
  const digest = childNamed(ref, DS, 'DigestMethod')?.getAttribute('Algorithm');
  const transforms = childNamed(ref, DS, 'Transforms');
  const names = transforms ? childrenNamed(transforms, DS, 'Transform').map((t) => t.getAttribute('Algorithm') ?? '') : [];
  if (!digest || !DIGESTS.has(digest) || !names.includes(ENVELOPED) || names.some((n) => n !== ENVELOPED && !C14N.has(n))) {
    throw new SamlRejection('signature', 'transforms');
  }
  for (const cert of certificates) {
    const sig = new SignedXml({ publicCert: cert, getCertFromKeyInfo: () => null });
    try {
      sig.loadSignature(signature as unknown as Node);
      if (!sig.checkSignature(xml)) continue;
    } catch {
      continue;
    }
    const signed = sig.getSignedReferences();
    if (signed.length !== 1) continue;
    const el = parseSigned(signed[0]);
    if (el && el.namespaceURI === parent.namespaceURI && el.localName === parent.localName && el.getAttribute('ID') === id) return el;
  }
  throw new SamlRejection('signature', 'no certificate verifies the signature');
}

function parseSigned(canonical: string): Element | undefined {
  try {
    return (new DOMParser().parseFromString(canonical, 'text/xml') as unknown as Document).documentElement ?? undefined;
  } catch {
    return undefined;
  }
}

function instant(el: Element | undefined, name: string): Date | undefined {
  const v = el?.getAttribute(name);
  if (!v) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new SamlRejection('malformed', `${name} is not a date`);
  return d;
}

function readAssertion(assertion: Element, now: Date): SamlAssertion {
  const t = now.getTime();
  const issuer = childNamed(assertion, SAML, 'Issuer')?.textContent?.trim() ?? '';
  if (!issuer) throw new SamlRejection('issuer', 'no issuer');
  const subject = childNamed(assertion, SAML, 'Subject');
  const nameId = subject && childNamed(subject, SAML, 'NameID');
  // The bearer confirmation names the endpoint (Recipient) and the assertion's last instant.
  const bearer = subject ? childrenNamed(subject, SAML, 'SubjectConfirmation').filter((c) => c.getAttribute('Method') === BEARER) : [];
  const data = bearer.map((c) => childNamed(c, SAML, 'SubjectConfirmationData')).filter((d): d is Element => !!d);
  const confirmation = data.find((d) => SIGNIN.test(d.getAttribute('Recipient') ?? ''));
  if (!confirmation) throw new SamlRejection('recipient', 'no bearer confirmation for the AWS sign-in endpoint');
  const conditions = childNamed(assertion, SAML, 'Conditions');
  const notBefore = [instant(conditions, 'NotBefore'), instant(confirmation, 'NotBefore')];
  const notOnOrAfter = [instant(conditions, 'NotOnOrAfter'), instant(confirmation, 'NotOnOrAfter')];
  if (!notOnOrAfter[1]) throw new SamlRejection('malformed', 'no NotOnOrAfter');
  if (notBefore.some((d) => d && d.getTime() > t + SKEW_MS)) throw new SamlRejection('not-yet-valid', 'NotBefore');
  if (notOnOrAfter.some((d) => d && d.getTime() <= t - SKEW_MS)) throw new SamlRejection('expired', 'NotOnOrAfter');
  // Every AudienceRestriction must be met (SAML core 2.5.1.4): each one must name AWS.
  const restrictions = conditions ? childrenNamed(conditions, SAML, 'AudienceRestriction') : [];
  if (!restrictions.length) throw new SamlRejection('audience', 'no audience');
  for (const r of restrictions) {
    if (!childrenNamed(r, SAML, 'Audience').some((a) => isAwsAudience(a.textContent?.trim() ?? ''))) throw new SamlRejection('audience', 'audience');
  }
  const attributes = new Map<string, string[]>();
  for (const statement of childrenNamed(assertion, SAML, 'AttributeStatement')) {
    for (const a of childrenNamed(statement, SAML, 'Attribute')) {
      const name = a.getAttribute('Name');
      if (!name) continue;
      const values = attributes.get(name) ?? [];
      for (const v of childrenNamed(a, SAML, 'AttributeValue')) values.push((v.textContent ?? '').trim());
      attributes.set(name, values);
    }
  }
  const authn = childNamed(assertion, SAML, 'AuthnStatement');
  const sessionEnd = instant(authn, 'SessionNotOnOrAfter');
  return {
    issuer,
    ...(nameId ? { subject: (nameId.textContent ?? '').trim() } : {}),
    ...(nameId?.getAttribute('Format') ? { subjectFormat: nameId.getAttribute('Format')! } : {}),
    recipient: confirmation.getAttribute('Recipient')!,
    ...(sessionEnd ? { sessionNotOnOrAfter: sessionEnd } : {}),
    attributes,
  };
}
