import type { PutUserPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { putInline } from './inline-policies.js';

export const PutUserPolicy: Handler<PutUserPolicyRequest, void> = async (input, ctx) => {
  await putInline(ctx, 'user', input.UserName, input.PolicyName, input.PolicyDocument);
};
