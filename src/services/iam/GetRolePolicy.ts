import type { GetRolePolicyRequest, GetRolePolicyResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { getInline } from './inline-policies.js';

export const GetRolePolicy: Handler<GetRolePolicyRequest, GetRolePolicyResponse> = async (input, ctx) => {
  const p = await getInline(ctx, 'role', input.RoleName, input.PolicyName);
  return { RoleName: p.ownerName, PolicyName: p.policyName, PolicyDocument: p.document };
};
