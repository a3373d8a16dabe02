import type { GetRoleRequest, GetRoleResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireRole } from './lookups.js';
import { roleShape, shownRole } from './roles.js';

export const GetRole: Handler<GetRoleRequest, GetRoleResponse> = async ({ RoleName }, ctx) => ({
  Role: roleShape(await shownRole(ctx.store, await requireRole(ctx.store, ctx.accountId, RoleName), ctx.partition)),
});
