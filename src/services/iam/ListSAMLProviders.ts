import type { ListSAMLProvidersRequest, ListSAMLProvidersResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';

export const ListSAMLProviders: Handler<ListSAMLProvidersRequest, ListSAMLProvidersResponse> = async (_input, ctx) => {
  const all = await ctx.store.samlProviders.list(ctx.accountId);
  return { SAMLProviderList: all.map((p) => ({ Arn: p.arn, ValidUntil: new Date(p.validUntil), CreateDate: new Date(p.createDate) })) };
};
