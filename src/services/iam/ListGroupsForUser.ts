import type { ListGroupsForUserRequest, ListGroupsForUserResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { groupShape, groupsOfUser } from './groups.js';
import { requireUser } from './lookups.js';
import { pageList } from './pages.js';

export const ListGroupsForUser: Handler<ListGroupsForUserRequest, ListGroupsForUserResponse> = async (input, ctx) => {
  const user = await requireUser(ctx.store, ctx.accountId, input.UserName);
  const groups = await groupsOfUser(ctx.store, ctx.accountId, user.name);
  const page = pageList(groups.map(groupShape), input.Marker, input.MaxItems);
  return { Groups: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};
