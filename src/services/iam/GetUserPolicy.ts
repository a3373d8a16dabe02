import type { GetUserPolicyRequest, GetUserPolicyResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { getInline } from './inline-policies.js';

export const GetUserPolicy: Handler<GetUserPolicyRequest, GetUserPolicyResponse> = async (input, ctx) => {
  const p = await getInline(ctx, 'user', input.UserName, input.PolicyName);
  return { UserName: p.ownerName, PolicyName: p.policyName, PolicyDocument: p.document };
};
