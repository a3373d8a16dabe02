import type { GetGroupRequest, GetGroupResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { groupShape, membersOf } from './groups.js';
import { requireGroup } from './lookups.js';
import { pageList } from './pages.js';
import { userListShape } from './users.js';

export const GetGroup: Handler<GetGroupRequest, GetGroupResponse> = async (input, ctx) => {
  const group = await requireGroup(ctx.store, ctx.accountId, input.GroupName);
  const members = await membersOf(ctx.store, ctx.accountId, group.name);
  const page = pageList(members.map(userListShape), input.Marker, input.MaxItems);
  return { Group: groupShape(group), Users: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};
