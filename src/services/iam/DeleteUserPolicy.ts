import type { DeleteUserPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { deleteInline } from './inline-policies.js';

export const DeleteUserPolicy: Handler<DeleteUserPolicyRequest, void> = async (input, ctx) => {
  await deleteInline(ctx, 'user', input.UserName, input.PolicyName);
};
