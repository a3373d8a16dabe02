import type { AttachRolePolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { attach } from './attachments.js';

export const AttachRolePolicy: Handler<AttachRolePolicyRequest, void> = async (input, ctx) => {
  await attach(ctx, 'role', input.RoleName, input.PolicyArn);
};
