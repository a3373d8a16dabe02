import type { DetachRolePolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { detach } from './attachments.js';

export const DetachRolePolicy: Handler<DetachRolePolicyRequest, void> = async (input, ctx) => {
  await detach(ctx, 'role', input.RoleName, input.PolicyArn);
};
