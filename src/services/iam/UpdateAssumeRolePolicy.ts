import type { UpdateAssumeRolePolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { checkDocumentWithin } from './documents.js';
import { limits } from './limits.js';
import { requireRole } from './lookups.js';
import { refuseServiceLinked } from './service-linked.js';
import { resolveTrustPrincipals } from './trust-principals.js';

export const UpdateAssumeRolePolicy: Handler<UpdateAssumeRolePolicyRequest, void> = async (input, ctx) => {
  checkDocumentWithin(input.PolicyDocument, 'trust', ctx.partition, limits.trustPolicySize, 'ACLSizePerRole');
  await ctx.store.transaction(async (t) => {
    const role = await requireRole(t, ctx.accountId, input.RoleName);
    refuseServiceLinked(role);
    role.assumeRolePolicyDocument = (await resolveTrustPrincipals(t, input.PolicyDocument, ctx.partition)).stored;
    await t.roles.put(ctx.accountId, role);
  });
};
