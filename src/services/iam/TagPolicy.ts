import type { TagPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireLocalPolicy } from './local-policies.js';
import { mergeTags } from './tags.js';

export const TagPolicy: Handler<TagPolicyRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireLocalPolicy(t, ctx, input.PolicyArn, 'iam:TagPolicy');
    p.tags = mergeTags(p.tags, input.Tags);
    await t.policies.put(ctx.accountId, p);
  });
};
