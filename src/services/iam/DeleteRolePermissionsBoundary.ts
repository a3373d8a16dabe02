import type { DeleteRolePermissionsBoundaryRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireRole } from './lookups.js';
import { refuseServiceLinked } from './service-linked.js';

export const DeleteRolePermissionsBoundary: Handler<DeleteRolePermissionsBoundaryRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const role = await requireRole(t, ctx.accountId, input.RoleName);
    refuseServiceLinked(role);
    delete role.permissionsBoundary;
    await t.roles.put(ctx.accountId, role);
  });
};
