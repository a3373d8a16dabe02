import type { DetachGroupPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { detach } from './attachments.js';

export const DetachGroupPolicy: Handler<DetachGroupPolicyRequest, void> = async (input, ctx) => {
  await detach(ctx, 'group', input.GroupName, input.PolicyArn);
};
