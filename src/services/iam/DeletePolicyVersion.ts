import type { DeletePolicyVersionRequest } from '../../generated/iam/shapes.js';
import { DeleteConflictException, NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireLocalPolicy } from './local-policies.js';

export const DeletePolicyVersion: Handler<DeletePolicyVersionRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requireLocalPolicy(t, ctx, input.PolicyArn, 'iam:DeletePolicyVersion');
    if (!p.versions.some((v) => v.versionId === input.VersionId)) {
      throw new NoSuchEntityException(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
    }
    if (p.defaultVersionId === input.VersionId) throw new DeleteConflictException('Cannot delete the default version of a policy.');
    p.versions = p.versions.filter((v) => v.versionId !== input.VersionId);
    await t.policies.put(ctx.accountId, p);
  });
};
