import type { GetPolicyVersionRequest, GetPolicyVersionResponse } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requirePolicy } from './lookups.js';
import { versionShape } from './policies.js';

export const GetPolicyVersion: Handler<GetPolicyVersionRequest, GetPolicyVersionResponse> = async (input, ctx) => {
  const p = await requirePolicy(ctx.store, ctx.accountId, input.PolicyArn);
  const v = versionShape(p, input.VersionId, true, ctx.partition);
  if (!v) throw new NoSuchEntityException(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
  return { PolicyVersion: v };
};
