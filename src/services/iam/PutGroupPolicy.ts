import type { PutGroupPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { putInline } from './inline-policies.js';

export const PutGroupPolicy: Handler<PutGroupPolicyRequest, void> = async (input, ctx) => {
  await putInline(ctx, 'group', input.GroupName, input.PolicyName, input.PolicyDocument);
};
