import type { ListAccountAliasesRequest, ListAccountAliasesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { pageList } from './pages.js';

export const ListAccountAliases: Handler<ListAccountAliasesRequest, ListAccountAliasesResponse> = async (input, ctx) => {
  const alias = await ctx.store.accountSettings.getAlias(ctx.accountId);
  const page = pageList(alias === undefined ? [] : [alias], input.Marker, input.MaxItems);
  return { AccountAliases: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};
