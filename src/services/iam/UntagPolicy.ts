import type { UntagPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireLocalPolicy } from './local-policies.js';
import { removeTags } from './tags.js';

export const UntagPolicy: Handler<UntagPolicyRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireLocalPolicy(t, ctx, input.PolicyArn, 'iam:UntagPolicy');
    p.tags = removeTags(p.tags, input.TagKeys);
    await t.policies.put(ctx.accountId, p);
  });
};
