import type { TagSAMLProviderRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireSamlProvider } from './saml-providers.js';
import { mergeTags } from './tags.js';

export const TagSAMLProvider: Handler<TagSAMLProviderRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireSamlProvider(t, ctx.accountId, input.SAMLProviderArn);
    p.tags = mergeTags(p.tags, input.Tags);
    await t.samlProviders.put(ctx.accountId, p);
  });
};
