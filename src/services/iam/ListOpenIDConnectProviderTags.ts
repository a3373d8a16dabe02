import type { ListOpenIDConnectProviderTagsRequest, ListOpenIDConnectProviderTagsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireProvider } from './oidc-providers.js';
import { pageTags } from './tags.js';

export const ListOpenIDConnectProviderTags: Handler<ListOpenIDConnectProviderTagsRequest, ListOpenIDConnectProviderTagsResponse> = async (input, ctx) => {
  const p = await requireProvider(ctx.store, ctx.accountId, input.OpenIDConnectProviderArn);
  return pageTags(p.tags, input.Marker, input.MaxItems);
};
