import type { DeleteInstanceProfileRequest } from '../../generated/iam/shapes.js';
import { DeleteConflictException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireInstanceProfile } from './instance-profiles.js';

export const DeleteInstanceProfile: Handler<DeleteInstanceProfileRequest, void> = async ({ InstanceProfileName }, ctx) => {
  await ctx.store.transaction(async (t) => {
    const profile = await requireInstanceProfile(t, ctx.accountId, InstanceProfileName);
    if (profile.roles.length) throw new DeleteConflictException('Cannot delete entity, must remove roles from instance profile first.');
    await t.instanceProfiles.delete(ctx.accountId, profile.name);
  });
};
