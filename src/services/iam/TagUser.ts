import type { TagUserRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { mergeTags } from './tags.js';

export const TagUser: Handler<TagUserRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    user.tags = mergeTags(user.tags, input.Tags);
    await t.users.put(ctx.accountId, user);
  });
};
