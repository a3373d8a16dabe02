import type { DeleteRolePolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { deleteInline } from './inline-policies.js';

export const DeleteRolePolicy: Handler<DeleteRolePolicyRequest, void> = async (input, ctx) => {
  await deleteInline(ctx, 'role', input.RoleName, input.PolicyName);
};
