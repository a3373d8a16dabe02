import type { ListUserTagsRequest, ListUserTagsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { pageTags } from './tags.js';

export const ListUserTags: Handler<ListUserTagsRequest, ListUserTagsResponse> = async (input, ctx) => {
  const user = await requireUser(ctx.store, ctx.accountId, input.UserName);
  return pageTags(user.tags, input.Marker, input.MaxItems);
};
