import type { PutUserPermissionsBoundaryRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { checkBoundary } from './boundaries.js';
import { requireUser } from './lookups.js';

export const PutUserPermissionsBoundary: Handler<PutUserPermissionsBoundaryRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    user.permissionsBoundary = await checkBoundary(t, ctx.accountId, input.PermissionsBoundary);
    await t.users.put(ctx.accountId, user);
  });
};
