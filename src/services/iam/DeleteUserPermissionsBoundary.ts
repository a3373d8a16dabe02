import type { DeleteUserPermissionsBoundaryRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';

export const DeleteUserPermissionsBoundary: Handler<DeleteUserPermissionsBoundaryRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    delete user.permissionsBoundary;
    await t.users.put(ctx.accountId, user);
  });
};
