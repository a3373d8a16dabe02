import type { RemoveClientIDFromOpenIDConnectProviderRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireProvider } from './oidc-providers.js';

// Removing a client id the provider does not have is no error (IAM API Reference).
export const RemoveClientIDFromOpenIDConnectProvider: Handler<RemoveClientIDFromOpenIDConnectProviderRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireProvider(t, ctx.accountId, input.OpenIDConnectProviderArn);
    if (!p.clientIds.includes(input.ClientID)) return;
    p.clientIds = p.clientIds.filter((c) => c !== input.ClientID);
    await t.oidcProviders.put(ctx.accountId, p);
  });
};
