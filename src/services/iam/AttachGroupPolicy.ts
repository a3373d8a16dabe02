import type { AttachGroupPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { attach } from './attachments.js';

export const AttachGroupPolicy: Handler<AttachGroupPolicyRequest, void> = async (input, ctx) => {
  await attach(ctx, 'group', input.GroupName, input.PolicyArn);
};
