// Removes a service-linked role with whatever AWS attached to it, and answers a deletion task id.
// rolegate has no linked service to consult, so the deletion happens at once and the task has
// succeeded by the time GetServiceLinkedRoleDeletionStatus is asked about it.
import type { DeleteServiceLinkedRoleRequest, DeleteServiceLinkedRoleResponse } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireRole } from './lookups.js';
import { deletionTaskId, isServiceLinked } from './service-linked.js';

export const DeleteServiceLinkedRole: Handler<DeleteServiceLinkedRoleRequest, DeleteServiceLinkedRoleResponse> = async ({ RoleName }, ctx) =>
  ctx.store.transaction(async (t) => {
    const role = await requireRole(t, ctx.accountId, RoleName);
    // NoSuchEntity is the only "not found" the operation declares; an ordinary role is not one it can find.
    if (!isServiceLinked(role)) throw new NoSuchEntityException(`The service-linked role with name ${RoleName} cannot be found.`);
    const key = role.name.toLowerCase();
    await t.links.deleteFrom(ctx.accountId, 'attached:role', key);
    await t.links.deleteFrom(ctx.accountId, 'inline:role', key);
    const profiles = await t.instanceProfiles.list(ctx.accountId, { maxItems: 100000 });
    for (const p of profiles.items) {
      const kept = p.roles.filter((r) => r.toLowerCase() !== key);
      if (kept.length !== p.roles.length) await t.instanceProfiles.put(ctx.accountId, { ...p, roles: kept });
    }
    await t.roles.delete(ctx.accountId, role.name);
    return { DeletionTaskId: deletionTaskId(ctx.accountId, role) };
  });
