import type { ListOpenIDConnectProvidersRequest, ListOpenIDConnectProvidersResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';

export const ListOpenIDConnectProviders: Handler<ListOpenIDConnectProvidersRequest, ListOpenIDConnectProvidersResponse> = async (_input, ctx) => {
  const page = await ctx.store.oidcProviders.list(ctx.accountId, { maxItems: 1_000_000 });
  return { OpenIDConnectProviderList: page.items.map((p) => ({ Arn: p.arn })) };
};
