import type { PutRolePolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { putInline } from './inline-policies.js';

export const PutRolePolicy: Handler<PutRolePolicyRequest, void> = async (input, ctx) => {
  await putInline(ctx, 'role', input.RoleName, input.PolicyName, input.PolicyDocument);
};
