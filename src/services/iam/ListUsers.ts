import type { ListUsersRequest, ListUsersResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { maxItems, pageFields } from './pages.js';
import { userListShape } from './users.js';

export const ListUsers: Handler<ListUsersRequest, ListUsersResponse> = async (input, ctx) => {
  const page = await ctx.store.users.list(ctx.accountId, { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: maxItems(input.MaxItems) });
  return { Users: page.items.map(userListShape), ...pageFields(page) };
};
