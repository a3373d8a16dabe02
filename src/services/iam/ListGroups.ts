import type { ListGroupsRequest, ListGroupsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { groupShape } from './groups.js';
import { maxItems, pageFields } from './pages.js';

export const ListGroups: Handler<ListGroupsRequest, ListGroupsResponse> = async (input, ctx) => {
  const page = await ctx.store.groups.list(ctx.accountId, { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: maxItems(input.MaxItems) });
  return { Groups: page.items.map(groupShape), ...pageFields(page) };
};
