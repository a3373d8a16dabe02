import type { UpdateOpenIDConnectProviderThumbprintRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { checkThumbprints, requireProvider } from './oidc-providers.js';

// Replaces the whole list.
export const UpdateOpenIDConnectProviderThumbprint: Handler<UpdateOpenIDConnectProviderThumbprintRequest, void> = async (input, ctx) => {
  const thumbprints = checkThumbprints(input.ThumbprintList);
  await ctx.store.transaction(async (t) => {
    const p = await requireProvider(t, ctx.accountId, input.OpenIDConnectProviderArn);
    p.thumbprints = thumbprints;
    await t.oidcProviders.put(ctx.accountId, p);
  });
};
