// The certificates' contract: IAM server certificates (keyed by account and name compared
// case-insensitively, the private key only ever sealed) and users' and the root's signing
// certificates (keyed by id, found by owner and by fingerprint). Engine-neutral: no SQL.
import type { Tag } from './entities.js';

export interface ServerCertificateRecord {
  name: string;
  path: string;
  /** ServerCertificateId, ASCA…: fixed at upload, kept through renames. */
  id: string;
  arn: string;
  uploadDate: string;
  /** The certificate's notAfter. */
  expiration: string;
  /** The PEM certificate and chain as uploaded. */
  body: string;
  chain?: string;
  /** The private key sealed with the server's master key; never answered, never logged. */
  privateKeySealed: string;
  tags: Tag[];
}

export interface ServerCertificateTable {
  get(accountId: string, name: string): Promise<ServerCertificateRecord | undefined>;
  /** Fails with `false` when the name is taken; the existing certificate is left as it is. */
  create(accountId: string, certificate: ServerCertificateRecord): Promise<boolean>;
  /** Replaces the certificate of that name. */
  put(accountId: string, certificate: ServerCertificateRecord): Promise<void>;
  delete(accountId: string, name: string): Promise<boolean>;
  /** In order of the lower-cased name. */
  list(accountId: string): Promise<ServerCertificateRecord[]>;
  count(accountId: string): Promise<number>;
}

export interface SigningCertificateRecord {
  id: string;
  accountId: string;
  /** The owning user, or null for the account root. */
  userName: string | null;
  body: string;
  /** SHA-256 of the certificate's DER, upper-case hex: the same certificate uploaded twice has the same one. */
  fingerprint: string;
  status: 'Active' | 'Inactive';
  uploadDate: string;
}

export interface SigningCertificateTable {
  get(id: string): Promise<SigningCertificateRecord | undefined>;
  /** Creates the certificate or replaces the one with its id. */
  put(certificate: SigningCertificateRecord): Promise<void>;
  delete(id: string): Promise<boolean>;
  /** One owner's certificates (a user's name compared case-insensitively; null: the root's), oldest first, in upload order. */
  forUser(accountId: string, userName: string | null): Promise<SigningCertificateRecord[]>;
  /** The account's certificates with that fingerprint, whoever owns them. */
  withFingerprint(accountId: string, fingerprint: string): Promise<SigningCertificateRecord[]>;
}
