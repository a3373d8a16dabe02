import type { DeleteRoleRequest } from '../../generated/iam/shapes.js';
import { DeleteConflictException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireRole } from './lookups.js';
import { refuseServiceLinked } from './service-linked.js';

export const DeleteRole: Handler<DeleteRoleRequest, void> = async ({ RoleName }, ctx) => {
  await ctx.store.transaction(async (t) => {
    const role = await requireRole(t, ctx.accountId, RoleName);
    refuseServiceLinked(role); // DeleteServiceLinkedRole removes those
    const key = role.name.toLowerCase();
    // AWS checks instance profiles, then managed policies, then inline policies.
    const profiles = await t.instanceProfiles.list(ctx.accountId, { maxItems: 100000 });
    if (profiles.items.some((p) => p.roles.some((r) => r.toLowerCase() === key))) {
      throw new DeleteConflictException('Cannot delete entity, must remove roles from instance profile first.');
    }
    if ((await t.links.from(ctx.accountId, 'attached:role', key)).length) {
      throw new DeleteConflictException('Cannot delete entity, must detach all policies first.');
    }
    if ((await t.links.from(ctx.accountId, 'inline:role', key)).length) {
      throw new DeleteConflictException('Cannot delete entity, must delete policies first.');
    }
    await t.roles.delete(ctx.accountId, RoleName);
  });
};
