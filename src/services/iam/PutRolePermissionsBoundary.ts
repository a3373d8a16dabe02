import type { PutRolePermissionsBoundaryRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { checkBoundary } from './boundaries.js';
import { requireRole } from './lookups.js';

export const PutRolePermissionsBoundary: Handler<PutRolePermissionsBoundaryRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const role = await requireRole(t, ctx.accountId, input.RoleName);
    role.permissionsBoundary = await checkBoundary(t, ctx.accountId, input.PermissionsBoundary);
    await t.roles.put(ctx.accountId, role);
  });
};
