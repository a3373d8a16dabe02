import type { AttachUserPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { attach } from './attachments.js';

export const AttachUserPolicy: Handler<AttachUserPolicyRequest, void> = async (input, ctx) => {
  await attach(ctx, 'user', input.UserName, input.PolicyArn);
};
