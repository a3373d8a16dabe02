import type { TagOpenIDConnectProviderRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireProvider } from './oidc-providers.js';
import { mergeTags } from './tags.js';

export const TagOpenIDConnectProvider: Handler<TagOpenIDConnectProviderRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireProvider(t, ctx.accountId, input.OpenIDConnectProviderArn);
    p.tags = mergeTags(p.tags, input.Tags);
    await t.oidcProviders.put(ctx.accountId, p);
  });
};
