import type { TagRoleRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireRole } from './lookups.js';
import { mergeTags } from './tags.js';

export const TagRole: Handler<TagRoleRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const role = await requireRole(t, ctx.accountId, input.RoleName);
    role.tags = mergeTags(role.tags, input.Tags);
    await t.roles.put(ctx.accountId, role);
  });
};
