// A SAML 2.0 identity provider for tests: an RSA key with a self-signed certificate (openssl), its
// metadata document, and SAML Responses signed with xml-crypto (and, when asked, their assertions
// encrypted with XML Encryption) as an IdP would send them to AWS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, createCipheriv, publicEncrypt, randomBytes, randomUUID } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

export interface SigningKey { privateKey: string; certificate: string; certificateBase64: string }

/** A fresh RSA-2048 key and a self-signed certificate for it. */
export function signingKey(cn = 'idp.example.test'): SigningKey {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-saml-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
      '-subj', `/CN=${cn}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    const certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
    return {
      privateKey: readFileSync(join(dir, 'key.pem'), 'utf8'),
      certificate,
      certificateBase64: certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const ISSUER = 'https://idp.example.test/saml';
export const SIGNIN = 'https://signin.aws.amazon.com/saml';

/** An IdP metadata document (over IAM's 1,000-character minimum) publishing `certs` for signing. */
export function metadata(certs: string[], options: { entityId?: string; validUntil?: string; use?: string } = {}): string {
  const keys = certs.map((c) => `
    <md:KeyDescriptor use="${options.use ?? 'signing'}">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data><ds:X509Certificate>${c}</ds:X509Certificate></ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${options.entityId ?? ISSUER}"${options.validUntil ? ` validUntil="${options.validUntil}"` : ''}>
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/sso"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.test/sso/post"/>
  </md:IDPSSODescriptor>
  <md:Organization>
    <md:OrganizationName xml:lang="en">Example IdP used by the rolegate tests</md:OrganizationName>
    <md:OrganizationDisplayName xml:lang="en">Example IdP</md:OrganizationDisplayName>
    <md:OrganizationURL xml:lang="en">https://idp.example.test/</md:OrganizationURL>
  </md:Organization>
</md:EntityDescriptor>
`;
}

export interface ResponseOptions {
  /** Role attribute values, "roleArn,providerArn". */
  roles: string[];
  sessionName?: string;
  subject?: string;
  subjectFormat?: string;
  issuer?: string;
  audience?: string;
  recipient?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  sessionNotOnOrAfter?: Date;
  /** Further attributes: name → values. */
  attributes?: Record<string, string[]>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The Assertion element (unsigned) with the given ID. */
export function assertionXml(id: string, o: ResponseOptions): string {
  const now = new Date();
  const notBefore = (o.notBefore ?? new Date(now.getTime() - 60_000)).toISOString();
  const notOnOrAfter = (o.notOnOrAfter ?? new Date(now.getTime() + 300_000)).toISOString();
  const attrs: Record<string, string[]> = {
    'https://aws.amazon.com/SAML/Attributes/Role': o.roles,
    ...(o.sessionName !== '' ? { 'https://aws.amazon.com/SAML/Attributes/RoleSessionName': [o.sessionName ?? 'alice@example.test'] } : {}),
    ...o.attributes,
  };
  const statement = Object.entries(attrs).map(([name, values]) =>
    `<saml:Attribute Name="${esc(name)}">${values.map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`).join('');
  return `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}">` +
    `<saml:Issuer>${esc(o.issuer ?? ISSUER)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${o.subjectFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'}">${esc(o.subject ?? 'alice')}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${o.recipient ?? SIGNIN}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${o.audience ?? SIGNIN}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}"${o.sessionNotOnOrAfter ? ` SessionNotOnOrAfter="${o.sessionNotOnOrAfter.toISOString()}"` : ''}><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${statement}</saml:AttributeStatement>` +
    `</saml:Assertion>`;
}

const wrap = (responseId: string, inner: string) =>
  `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="${responseId}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${SIGNIN}">` +
  `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${ISSUER}</saml:Issuer>` +
  `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${inner}</samlp:Response>`;

/** An unsigned Response around an unsigned Assertion; answers the XML. */
export function responseXml(o: ResponseOptions): string {
  return wrap(`_r${randomUUID()}`, assertionXml(`_a${randomUUID()}`, o));
}

/**
 * Adds an enveloped RSA-SHA256 (or RSA-SHA1) signature over exclusive c14n to the document's
 * Assertion or Response, placed after its Issuer as SAML requires.
 */
export function signXml(key: SigningKey, xml: string, sign: 'assertion' | 'response', algorithm: 'sha256' | 'sha1' = 'sha256'): string {
  const sig = new SignedXml({
    privateKey: key.privateKey,
    publicCert: key.certificate,
    signatureAlgorithm: algorithm === 'sha256' ? 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256' : 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  const local = sign === 'assertion' ? 'Assertion' : 'Response';
  sig.addReference({
    xpath: `//*[local-name(.)='${local}']`,
    digestAlgorithm: algorithm === 'sha256' ? 'http://www.w3.org/2001/04/xmlenc#sha256' : 'http://www.w3.org/2000/09/xmldsig#sha1',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  sig.computeSignature(xml, {
    location: { reference: `//*[local-name(.)='${local}']/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

/** A Response whose Assertion (or, with `sign: 'response'`, the Response itself) the IdP signed. */
export function signedResponseXml(key: SigningKey, o: ResponseOptions, sign: 'assertion' | 'response' = 'assertion', algorithm: 'sha256' | 'sha1' = 'sha256'): string {
  return signXml(key, responseXml(o), sign, algorithm);
}

/**
 * Replaces the Response's Assertion by an EncryptedAssertion for the service provider's public key:
 * the content key wrapped with RSA-OAEP (MGF1 SHA-1), the assertion under AES-256-GCM or AES-128-CBC.
 */
export function encryptAssertion(xml: string, publicKeyPem: string, cipher: 'aes256-gcm' | 'aes128-cbc' = 'aes256-gcm'): string {
  const start = xml.indexOf('<saml:Assertion');
  const end = xml.indexOf('</saml:Assertion>') + '</saml:Assertion>'.length;
  const plain = Buffer.from(xml.slice(start, end), 'utf8');
  const gcm = cipher === 'aes256-gcm';
  const key = randomBytes(gcm ? 32 : 16);
  const iv = randomBytes(gcm ? 12 : 16);
  const c = createCipheriv(gcm ? 'aes-256-gcm' : 'aes-128-cbc', key, iv);
  const encrypted = Buffer.concat([c.update(plain), c.final()]);
  const body = gcm ? Buffer.concat([iv, encrypted, (c as ReturnType<typeof createCipheriv> & { getAuthTag(): Buffer }).getAuthTag()]) : Buffer.concat([iv, encrypted]);
  const wrapped = publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, key);
  const method = gcm ? 'http://www.w3.org/2009/xmlenc11#aes256-gcm' : 'http://www.w3.org/2001/04/xmlenc#aes128-cbc';
  const element = '<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">' +
    `<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod Algorithm="${method}"/>` +
    '<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"/>' +
    `<xenc:CipherData><xenc:CipherValue>${wrapped.toString('base64')}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>` +
    `<xenc:CipherData><xenc:CipherValue>${body.toString('base64')}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>`;
  return xml.slice(0, start) + element + xml.slice(end);
}

export const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
