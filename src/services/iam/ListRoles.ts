import type { ListRolesRequest, ListRolesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { maxItems, pageFields } from './pages.js';
import { roleListShape, shownRole } from './roles.js';

export const ListRoles: Handler<ListRolesRequest, ListRolesResponse> = async (input, ctx) => {
  const page = await ctx.store.roles.list(ctx.accountId, { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: maxItems(input.MaxItems) });
  const roles = [];
  for (const r of page.items) roles.push(roleListShape(await shownRole(ctx.store, r, ctx.partition)));
  return { Roles: roles, ...pageFields(page) };
};
