import type { UntagOpenIDConnectProviderRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireProvider } from './oidc-providers.js';
import { removeTags } from './tags.js';

export const UntagOpenIDConnectProvider: Handler<UntagOpenIDConnectProviderRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireProvider(t, ctx.accountId, input.OpenIDConnectProviderArn);
    p.tags = removeTags(p.tags, input.TagKeys);
    await t.oidcProviders.put(ctx.accountId, p);
  });
};
