import type { GetPolicyRequest, GetPolicyResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requirePolicy } from './lookups.js';
import { policyShape, policyUsage } from './policies.js';

export const GetPolicy: Handler<GetPolicyRequest, GetPolicyResponse> = async ({ PolicyArn }, ctx) => {
  const p = await requirePolicy(ctx.store, ctx.accountId, PolicyArn);
  // GetPolicy sends Tags even when the policy has none (an empty <Tags/>), unlike CreatePolicy and ListPolicies.
  return { Policy: { ...policyShape(p, await policyUsage(ctx.store, ctx.accountId, p.arn)), Tags: p.tags } };
};
