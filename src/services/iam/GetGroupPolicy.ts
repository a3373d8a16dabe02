import type { GetGroupPolicyRequest, GetGroupPolicyResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { getInline } from './inline-policies.js';

export const GetGroupPolicy: Handler<GetGroupPolicyRequest, GetGroupPolicyResponse> = async (input, ctx) => {
  const p = await getInline(ctx, 'group', input.GroupName, input.PolicyName);
  return { GroupName: p.ownerName, PolicyName: p.policyName, PolicyDocument: p.document };
};
