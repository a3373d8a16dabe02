import type { ListPolicyTagsRequest, ListPolicyTagsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requirePolicy } from './lookups.js';
import { pageTags } from './tags.js';

export const ListPolicyTags: Handler<ListPolicyTagsRequest, ListPolicyTagsResponse> = async (input, ctx) => {
  const p = await requirePolicy(ctx.store, ctx.accountId, input.PolicyArn);
  return pageTags(p.tags, input.Marker, input.MaxItems);
};
