import type { UntagSAMLProviderRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireSamlProvider } from './saml-providers.js';
import { removeTags } from './tags.js';

export const UntagSAMLProvider: Handler<UntagSAMLProviderRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireSamlProvider(t, ctx.accountId, input.SAMLProviderArn);
    p.tags = removeTags(p.tags, input.TagKeys);
    await t.samlProviders.put(ctx.accountId, p);
  });
};
