import type { RemoveRoleFromInstanceProfileRequest } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireInstanceProfile } from './instance-profiles.js';
import { requireRole } from './lookups.js';
import { refuseServiceLinked } from './service-linked.js';

export const RemoveRoleFromInstanceProfile: Handler<RemoveRoleFromInstanceProfileRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const profile = await requireInstanceProfile(t, ctx.accountId, input.InstanceProfileName);
    const role = await requireRole(t, ctx.accountId, input.RoleName);
    refuseServiceLinked(role);
    const key = role.name.toLowerCase();
    const kept = profile.roles.filter((r) => r.toLowerCase() !== key);
    if (kept.length === profile.roles.length) throw new NoSuchEntityException(`The role with name ${input.RoleName} cannot be found.`);
    profile.roles = kept;
    await t.instanceProfiles.put(ctx.accountId, profile);
  });
};
