import type { GetPolicyRequest, GetPolicyResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requirePolicy } from './lookups.js';
import { policyShape, policyUsage } from './policies.js';

export const GetPolicy: Handler<GetPolicyRequest, GetPolicyResponse> = async ({ PolicyArn }, ctx) => {
  const p = await requirePolicy(ctx.store, ctx.accountId, PolicyArn);
  return { Policy: policyShape(p, await policyUsage(ctx.store, ctx.accountId, p.arn)) };
};
