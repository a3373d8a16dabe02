import type { SetDefaultPolicyVersionRequest } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireLocalPolicy } from './local-policies.js';

export const SetDefaultPolicyVersion: Handler<SetDefaultPolicyVersionRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireLocalPolicy(t, ctx, input.PolicyArn, 'iam:SetDefaultPolicyVersion');
    if (!p.versions.some((v) => v.versionId === input.VersionId)) {
      throw new NoSuchEntityException(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
    }
    p.defaultVersionId = input.VersionId;
    p.updateDate = ctx.now.toISOString();
    await t.policies.put(ctx.accountId, p);
  });
};
