import type { GetOpenIDConnectProviderRequest, GetOpenIDConnectProviderResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireProvider } from './oidc-providers.js';

export const GetOpenIDConnectProvider: Handler<GetOpenIDConnectProviderRequest, GetOpenIDConnectProviderResponse> = async (input, ctx) => {
  const p = await requireProvider(ctx.store, ctx.accountId, input.OpenIDConnectProviderArn);
  return {
    Url: p.url,
    ClientIDList: p.clientIds,
    ThumbprintList: p.thumbprints,
    CreateDate: new Date(p.createDate),
    Tags: p.tags, // sent even when empty, as AWS does
  };
};
