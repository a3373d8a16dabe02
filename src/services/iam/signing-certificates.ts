// Signing certificates of IAM users and of the account root: reading an uploaded X.509 certificate,
// its fingerprint, lookups with IAM's message, and the shape AWS answers (the body included).
import { createHash } from 'node:crypto';
import type { SigningCertificate } from '../../generated/iam/shapes.js';
import { MalformedCertificateException, NoSuchEntityException } from '../../generated/iam/errors.js';
import type { SigningCertificateRecord, StoreTables } from '../../store/types.js';
import { readCertificate } from './x509.js';

/** The SHA-256 of the certificate's DER, upper-case hex; a body IAM cannot read answers its words for it. */
export function signingCertificateFingerprint(body: string): string {
  const cert = readCertificate(body);
  if (!cert) throw new MalformedCertificateException(`Certificate ${body} is malformed.`);
  return createHash('sha256').update(cert.raw).digest('hex').toUpperCase();
}

/** A certificate of the given owner (null: the root); another owner's, or another account's, is not found. */
export async function requireSigningCertificate(t: StoreTables, account: string, owner: string | null, id: string): Promise<SigningCertificateRecord> {
  const c = await t.signingCertificates.get(id);
  const sameOwner = c && (owner === null ? c.userName === null : c.userName?.toLowerCase() === owner.toLowerCase());
  if (!c || c.accountId !== account || !sameOwner) throw new NoSuchEntityException(`The Certificate with id ${id} cannot be found.`);
  return c;
}

/** A root certificate carries no UserName, as the root has none (the shape marks it required). */
export function signingCertificateShape(c: SigningCertificateRecord): SigningCertificate {
  const shape = {
    ...(c.userName !== null ? { UserName: c.userName } : {}),
    CertificateId: c.id, CertificateBody: c.body, Status: c.status, UploadDate: new Date(c.uploadDate),
  };
  return shape as SigningCertificate;
}
