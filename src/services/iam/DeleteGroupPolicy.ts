import type { DeleteGroupPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { deleteInline } from './inline-policies.js';

export const DeleteGroupPolicy: Handler<DeleteGroupPolicyRequest, void> = async (input, ctx) => {
  await deleteInline(ctx, 'group', input.GroupName, input.PolicyName);
};
