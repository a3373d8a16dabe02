// The SAML providers' contract: one record per provider, keyed by (account, name compared
// case-insensitively), the metadata document kept whole beside it. Engine-neutral: no SQL.
import type { Tag } from './entities.js';

/** A private key the provider decrypts assertions with: sealed with the server's key, never answered. */
export interface SamlPrivateKeyRecord { keyId: string; timestamp: string; sealed: string }

export interface SamlProviderRecord {
  name: string;
  arn: string;
  /** SAMLProviderUUID: fixed at creation. */
  uuid: string;
  createDate: string;
  /** The metadata's validUntil, else the default AWS gives (a hundred years on). */
  validUntil: string;
  metadataDocument: string;
  /** From the metadata: the EntityDescriptor's entityID (the assertions' Issuer) and the IdP's signing certificates as PEM. */
  issuer: string;
  signingCertificates: string[];
  assertionEncryptionMode?: 'Required' | 'Allowed';
  privateKeys: SamlPrivateKeyRecord[];
  tags: Tag[];
}

export interface SamlProviderTable {
  get(accountId: string, name: string): Promise<SamlProviderRecord | undefined>;
  /** Fails with `false` when the name is taken; the existing provider is left as it is. */
  create(accountId: string, provider: SamlProviderRecord): Promise<boolean>;
  /** Replaces the provider of that name. */
  put(accountId: string, provider: SamlProviderRecord): Promise<void>;
  delete(accountId: string, name: string): Promise<boolean>;
  /** In order of the lower-cased name. */
  list(accountId: string): Promise<SamlProviderRecord[]>;
  count(accountId: string): Promise<number>;
}
