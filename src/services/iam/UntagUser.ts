import type { UntagUserRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { removeTags } from './tags.js';

export const UntagUser: Handler<UntagUserRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    user.tags = removeTags(user.tags, input.TagKeys);
    await t.users.put(ctx.accountId, user);
  });
};
