// IAM server certificates: what UploadServerCertificate accepts (a PEM certificate valid now, the
// unencrypted private key of its public key, a chain in order), lookups with IAM's message, and the
// metadata AWS answers. The private key is sealed here and never leaves in plain text.
import type { ServerCertificateMetadata } from '../../generated/iam/shapes.js';
import { KeyPairMismatchException, MalformedCertificateException, NoSuchEntityException } from '../../generated/iam/errors.js';
import type { ServerCertificateRecord, StoreTables } from '../../store/types.js';
import { brokenLink, readCertificate, readCertificates, readPrivateKey } from './x509.js';

/** IAM's words for a body that is not one PEM certificate (as AWS answers it). */
const UNPARSEABLE = 'Unable to parse certificate. Please ensure the certificate is in PEM format.';
const CHAIN_ORDER = 'Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: ';

export interface CheckedServerCertificate { expiration: string }

/**
 * Checks what UploadServerCertificate is given, before anything is written: MalformedCertificate
 * for a body, key or chain IAM cannot read, a certificate not valid at `now` ("malformed or
 * expired", IAM API Reference) or a chain out of order; KeyPairMismatch for another key's certificate.
 */
export function checkServerCertificate(body: string, privateKey: string, chain: string | undefined, now: Date): CheckedServerCertificate {
  const cert = readCertificate(body);
  if (!cert) throw new MalformedCertificateException(UNPARSEABLE);
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  if (now < notBefore) throw new MalformedCertificateException(`The certificate is not valid before ${notBefore.toISOString()}.`);
  if (now > notAfter) throw new MalformedCertificateException(`The certificate expired on ${notAfter.toISOString()}.`);
  const key = readPrivateKey(privateKey);
  if (!key) throw new MalformedCertificateException('Unable to parse private key. Please ensure the private key is an unencrypted PEM-encoded RSA or EC key.');
  if (!cert.checkPrivateKey(key)) throw new KeyPairMismatchException('The private key did not match the public key of the certificate.');
  if (chain !== undefined) {
    const links = readCertificates(chain);
    if (!links) throw new MalformedCertificateException('Unable to parse certificate chain. Please ensure the certificate chain is in PEM format.');
    const broken = brokenLink(cert, links);
    if (broken !== -1) throw new MalformedCertificateException(CHAIN_ORDER + broken);
  }
  return { expiration: notAfter.toISOString() };
}

export async function requireServerCertificate(t: StoreTables, account: string, name: string): Promise<ServerCertificateRecord> {
  const c = await t.serverCertificates.get(account, name);
  if (!c) throw new NoSuchEntityException(`The Server Certificate with name ${name} cannot be found.`);
  return c;
}

export function serverCertificateMetadata(c: ServerCertificateRecord): ServerCertificateMetadata {
  return {
    Path: c.path, ServerCertificateName: c.name, ServerCertificateId: c.id, Arn: c.arn,
    UploadDate: new Date(c.uploadDate), Expiration: new Date(c.expiration),
  };
}
