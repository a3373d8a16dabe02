import type { RemoveUserFromGroupRequest } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireGroup, requireUser } from './lookups.js';

export const RemoveUserFromGroup: Handler<RemoveUserFromGroupRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const group = await requireGroup(t, ctx.accountId, input.GroupName);
    const user = await requireUser(t, ctx.accountId, input.UserName);
    if (!(await t.links.delete(ctx.accountId, 'member', group.name.toLowerCase(), user.name.toLowerCase()))) {
      throw new NoSuchEntityException(`User ${user.name} not in group ${group.name}`);
    }
  });
};
