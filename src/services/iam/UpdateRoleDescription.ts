import type { UpdateRoleDescriptionRequest, UpdateRoleDescriptionResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireRole } from './lookups.js';
import { roleCreatedShape, shownRole } from './roles.js';

export const UpdateRoleDescription: Handler<UpdateRoleDescriptionRequest, UpdateRoleDescriptionResponse> = async (input, ctx) =>
  ctx.store.transaction(async (t) => {
    const role = await requireRole(t, ctx.accountId, input.RoleName);
    role.description = input.Description;
    await t.roles.put(ctx.accountId, role);
    // AWS answers CreateRole's form here: no MaxSessionDuration, no RoleLastUsed.
    return { Role: roleCreatedShape(await shownRole(t, role, ctx.partition)) };
  });
