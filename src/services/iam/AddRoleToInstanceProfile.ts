import type { AddRoleToInstanceProfileRequest } from '../../generated/iam/shapes.js';
import { LimitExceededException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireInstanceProfile } from './instance-profiles.js';
import { limits } from './limits.js';
import { requireRole } from './lookups.js';
import { refuseServiceLinked } from './service-linked.js';

// An instance profile holds one role; adding any role to a full one, the same role included,
// answers the quota ("Roles in an instance profile: 1", IAM User Guide, IAM and AWS STS quotas).
export const AddRoleToInstanceProfile: Handler<AddRoleToInstanceProfileRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const profile = await requireInstanceProfile(t, ctx.accountId, input.InstanceProfileName);
    const role = await requireRole(t, ctx.accountId, input.RoleName);
    refuseServiceLinked(role);
    if (profile.roles.length >= limits.rolesPerInstanceProfile) {
      throw new LimitExceededException(`Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${limits.rolesPerInstanceProfile}`);
    }
    profile.roles.push(role.name);
    await t.instanceProfiles.put(ctx.accountId, profile);
  });
};
