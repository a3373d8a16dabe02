import type { AddUserToGroupRequest } from '../../generated/iam/shapes.js';
import { LimitExceededException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { addMember } from './groups.js';
import { limits } from './limits.js';
import { requireGroup, requireUser } from './lookups.js';

// Adding a member twice changes nothing and is no error, as in AWS.
export const AddUserToGroup: Handler<AddUserToGroupRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const group = await requireGroup(t, ctx.accountId, input.GroupName);
    const user = await requireUser(t, ctx.accountId, input.UserName);
    const userKey = user.name.toLowerCase();
    if (await t.links.get(ctx.accountId, 'member', group.name.toLowerCase(), userKey)) return;
    if ((await t.links.to(ctx.accountId, 'member', userKey)).length >= limits.groupsPerUser) {
      throw new LimitExceededException(`Cannot exceed quota for GroupsPerUser: ${limits.groupsPerUser}`);
    }
    await addMember(t, ctx.accountId, group.name, user.name);
  });
};
