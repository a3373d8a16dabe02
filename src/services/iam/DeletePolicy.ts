import type { DeletePolicyRequest } from '../../generated/iam/shapes.js';
import { DeleteConflictException } from '../../generated/iam/errors.js';
import { AccessDenied } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import { requirePolicy } from './lookups.js';
import { policyUsage } from './policies.js';
import { isAwsManaged } from '../../directory/managed-policies.js';
import { arnInPartition } from '../../shared/partitions.js';

export const DeletePolicy: Handler<DeletePolicyRequest, void> = async ({ PolicyArn }, ctx) => {
  await ctx.store.transaction(async (t) => {
    const p = await requirePolicy(t, ctx.accountId, PolicyArn);
    if (isAwsManaged(p.arn)) {
      throw AccessDenied(`User: ${arnInPartition(ctx.caller.arn, ctx.partition)} is not authorized to perform: iam:DeletePolicy on resource: policy ${arnInPartition(p.arn, ctx.partition)}`);
    }
    if ((await policyUsage(t, ctx.accountId, p.arn)).attachments > 0) {
      throw new DeleteConflictException('Cannot delete a policy attached to entities.');
    }
    if (p.versions.length > 1) {
      throw new DeleteConflictException(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    await t.policies.delete(ctx.accountId, p.name);
  });
};
