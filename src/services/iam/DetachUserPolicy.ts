import type { DetachUserPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { detach } from './attachments.js';

export const DetachUserPolicy: Handler<DetachUserPolicyRequest, void> = async (input, ctx) => {
  await detach(ctx, 'user', input.UserName, input.PolicyArn);
};
