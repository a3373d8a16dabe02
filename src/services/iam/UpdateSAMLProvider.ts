import type { UpdateSAMLProviderRequest, UpdateSAMLProviderResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { addPrivateKey, checkEncryptionMode, metadataFields, removePrivateKey, requireSamlProvider } from './saml-providers.js';

// A new metadata document replaces the old one, with its issuer, certificates and validUntil.
export const UpdateSAMLProvider: Handler<UpdateSAMLProviderRequest, UpdateSAMLProviderResponse> = async (input, ctx) => {
  const fields = input.SAMLMetadataDocument !== undefined ? metadataFields(input.SAMLMetadataDocument, ctx.now) : undefined;
  return ctx.store.transaction(async (t) => {
    const p = await requireSamlProvider(t, ctx.accountId, input.SAMLProviderArn);
    if (fields) Object.assign(p, fields);
    if (input.AssertionEncryptionMode) p.assertionEncryptionMode = input.AssertionEncryptionMode;
    if (input.RemovePrivateKey !== undefined) removePrivateKey(p, input.RemovePrivateKey);
    if (input.AddPrivateKey !== undefined) addPrivateKey(p, input.AddPrivateKey, ctx.sealer, ctx.now);
    checkEncryptionMode(p);
    await t.samlProviders.put(ctx.accountId, p);
    return { SAMLProviderArn: p.arn };
  });
};
