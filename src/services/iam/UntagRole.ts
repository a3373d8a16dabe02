import type { UntagRoleRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireRole } from './lookups.js';
import { removeTags } from './tags.js';

export const UntagRole: Handler<UntagRoleRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const role = await requireRole(t, ctx.accountId, input.RoleName);
    role.tags = removeTags(role.tags, input.TagKeys);
    await t.roles.put(ctx.accountId, role);
  });
};
