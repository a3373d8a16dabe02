import type { ListInstanceProfileTagsRequest, ListInstanceProfileTagsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireInstanceProfile } from './instance-profiles.js';
import { pageTags } from './tags.js';

export const ListInstanceProfileTags: Handler<ListInstanceProfileTagsRequest, ListInstanceProfileTagsResponse> = async (input, ctx) => {
  const profile = await requireInstanceProfile(ctx.store, ctx.accountId, input.InstanceProfileName);
  return pageTags(profile.tags, input.Marker, input.MaxItems);
};
