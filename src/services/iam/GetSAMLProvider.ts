import type { GetSAMLProviderRequest, GetSAMLProviderResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireSamlProvider } from './saml-providers.js';

// The private keys are named by id and date only; "Allowed" is the mode of a provider never given one.
export const GetSAMLProvider: Handler<GetSAMLProviderRequest, GetSAMLProviderResponse> = async (input, ctx) => {
  const p = await requireSamlProvider(ctx.store, ctx.accountId, input.SAMLProviderArn);
  return {
    SAMLProviderUUID: p.uuid,
    SAMLMetadataDocument: p.metadataDocument,
    CreateDate: new Date(p.createDate),
    ValidUntil: new Date(p.validUntil),
    Tags: p.tags,
    AssertionEncryptionMode: p.assertionEncryptionMode ?? 'Allowed',
    PrivateKeyList: p.privateKeys.map((k) => ({ KeyId: k.keyId, Timestamp: new Date(k.timestamp) })),
  };
};
