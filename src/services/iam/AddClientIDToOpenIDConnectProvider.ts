import type { AddClientIDToOpenIDConnectProviderRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { checkClientIds, requireProvider } from './oidc-providers.js';

// Adding a client id the provider already has changes nothing (IAM API Reference).
export const AddClientIDToOpenIDConnectProvider: Handler<AddClientIDToOpenIDConnectProviderRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireProvider(t, ctx.accountId, input.OpenIDConnectProviderArn);
    if (p.clientIds.includes(input.ClientID)) return;
    p.clientIds = checkClientIds([...p.clientIds, input.ClientID]);
    await t.oidcProviders.put(ctx.accountId, p);
  });
};
