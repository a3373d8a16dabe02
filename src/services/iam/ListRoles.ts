import type { ListRolesRequest, ListRolesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { maxItems, pageFields } from './pages.js';
import { roleListShape } from './roles.js';

export const ListRoles: Handler<ListRolesRequest, ListRolesResponse> = async (input, ctx) => {
  const page = await ctx.store.roles.list(ctx.accountId, { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: maxItems(input.MaxItems) });
  return { Roles: page.items.map(roleListShape), ...pageFields(page) };
};
