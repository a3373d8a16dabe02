// SAML providers: the ARN from the name, lookups by ARN with IAM's message, the metadata read into
// the record, and the private keys a provider decrypts assertions with (sealed, never answered).
import { createHash, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { InvalidInputException, LimitExceededException, NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Sealer } from '../../shared/sealing.js';
import type { SamlProviderRecord, StoreTables } from '../../store/types.js';
import { limits } from './limits.js';
import { readSamlMetadata } from './saml-metadata.js';

const ARN = /^arn:aws:iam::(\d{12}):saml-provider\/([\w.-]+)$/;
/** Without a validUntil in the metadata, IAM answers one a hundred years after the upload. */
const DEFAULT_VALIDITY_YEARS = 100;

export async function requireSamlProvider(t: StoreTables, account: string, arn: string): Promise<SamlProviderRecord> {
  const m = ARN.exec(arn);
  const p = m && m[1] === account ? await t.samlProviders.get(account, m[2]) : undefined;
  if (!p || p.arn !== arn) throw new NoSuchEntityException(`Manifest not found for arn ${arn}`);
  return p;
}

/** The record's fields that come from a metadata document uploaded at `now`. */
export function metadataFields(document: string, now: Date): Pick<SamlProviderRecord, 'metadataDocument' | 'issuer' | 'signingCertificates' | 'validUntil'> {
  const md = readSamlMetadata(document);
  const fallback = new Date(now);
  fallback.setUTCFullYear(fallback.getUTCFullYear() + DEFAULT_VALIDITY_YEARS);
  return { metadataDocument: document, issuer: md.entityId, signingCertificates: md.signingCertificates, validUntil: (md.validUntil ?? fallback).toISOString() };
}

export const samlProviderUuid = () => 'SAMLSP' + randomBytes(16).toString('hex').toUpperCase();

/** Adds a PEM private key (RSA); its id is the SHA-1 of its public key, upper-case hex. At most two. */
export function addPrivateKey(p: SamlProviderRecord, pem: string, sealer: Sealer, now: Date): void {
  let keyId: string;
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    keyId = createHash('sha1').update(createPublicKey(key).export({ type: 'spki', format: 'der' })).digest('hex').toUpperCase();
  } catch {
    throw new InvalidInputException('The private key is not a valid PEM-encoded RSA private key.');
  }
  if (p.privateKeys.some((k) => k.keyId === keyId)) return;
  if (p.privateKeys.length >= limits.privateKeysPerSamlProvider) {
    throw new LimitExceededException(`Cannot exceed quota for PrivateKeysPerSAMLProvider: ${limits.privateKeysPerSamlProvider}`);
  }
  p.privateKeys.push({ keyId, timestamp: now.toISOString(), sealed: sealer.seal(pem) });
}

export function removePrivateKey(p: SamlProviderRecord, keyId: string): void {
  const i = p.privateKeys.findIndex((k) => k.keyId === keyId);
  if (i < 0) throw new InvalidInputException(`The private key ${keyId} does not exist for this SAML provider.`);
  p.privateKeys.splice(i, 1);
}

/** "Required" needs a key to decrypt with. */
export function checkEncryptionMode(p: SamlProviderRecord): void {
  if (p.assertionEncryptionMode === 'Required' && !p.privateKeys.length) {
    throw new InvalidInputException('AssertionEncryptionMode Required needs at least one private key.');
  }
}
