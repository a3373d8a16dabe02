import type { DeleteSAMLProviderRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireSamlProvider } from './saml-providers.js';

// Unlike DeleteOpenIDConnectProvider, a provider that does not exist answers NoSuchEntity (the
// operation lists NoSuchEntityException among its errors).
export const DeleteSAMLProvider: Handler<DeleteSAMLProviderRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireSamlProvider(t, ctx.accountId, input.SAMLProviderArn);
    await t.samlProviders.delete(ctx.accountId, p.name);
  });
};
