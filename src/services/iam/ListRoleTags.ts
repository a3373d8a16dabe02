import type { ListRoleTagsRequest, ListRoleTagsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireRole } from './lookups.js';
import { pageTags } from './tags.js';

export const ListRoleTags: Handler<ListRoleTagsRequest, ListRoleTagsResponse> = async (input, ctx) => {
  const role = await requireRole(ctx.store, ctx.accountId, input.RoleName);
  return pageTags(role.tags, input.Marker, input.MaxItems);
};
