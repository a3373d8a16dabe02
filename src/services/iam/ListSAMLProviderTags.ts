import type { ListSAMLProviderTagsRequest, ListSAMLProviderTagsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireSamlProvider } from './saml-providers.js';
import { pageTags } from './tags.js';

export const ListSAMLProviderTags: Handler<ListSAMLProviderTagsRequest, ListSAMLProviderTagsResponse> = async (input, ctx) => {
  const p = await requireSamlProvider(ctx.store, ctx.accountId, input.SAMLProviderArn);
  return pageTags(p.tags, input.Marker, input.MaxItems);
};
