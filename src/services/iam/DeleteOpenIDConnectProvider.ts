import type { DeleteOpenIDConnectProviderRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireProvider } from './oidc-providers.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';

// "This operation is idempotent; it does not fail or return an error if you call the operation for
// a provider that does not exist." (IAM API Reference, DeleteOpenIDConnectProvider)
export const DeleteOpenIDConnectProvider: Handler<DeleteOpenIDConnectProviderRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    try {
      const p = await requireProvider(t, ctx.accountId, input.OpenIDConnectProviderArn);
      await t.oidcProviders.delete(ctx.accountId, p.name);
    } catch (e) {
      if (!(e instanceof NoSuchEntityException)) throw e;
    }
  });
};
