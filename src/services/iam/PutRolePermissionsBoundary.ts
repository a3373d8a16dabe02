import type { PutRolePermissionsBoundaryRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { checkBoundary } from './boundaries.js';
import { requireRole } from './lookups.js';
import { refuseServiceLinked } from './service-linked.js';

export const PutRolePermissionsBoundary: Handler<PutRolePermissionsBoundaryRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const role = await requireRole(t, ctx.accountId, input.RoleName);
    refuseServiceLinked(role);
    role.permissionsBoundary = await checkBoundary(t, ctx.accountId, input.PermissionsBoundary);
    await t.roles.put(ctx.accountId, role);
  });
};
