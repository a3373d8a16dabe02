import type { UpdateRoleRequest, UpdateRoleResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireRole } from './lookups.js';
import { refuseServiceLinked } from './service-linked.js';

export const UpdateRole: Handler<UpdateRoleRequest, UpdateRoleResponse> = async (input, ctx) =>
  ctx.store.transaction(async (t) => {
    const role = await requireRole(t, ctx.accountId, input.RoleName);
    // A service-linked role's description may be edited (IAM User Guide, "Update a service-linked
    // role"); its other settings belong to the service.
    if (input.MaxSessionDuration !== undefined) refuseServiceLinked(role);
    if (input.Description !== undefined) role.description = input.Description;
    if (input.MaxSessionDuration !== undefined) role.maxSessionDuration = input.MaxSessionDuration;
    await t.roles.put(ctx.accountId, role);
    return {};
  });
