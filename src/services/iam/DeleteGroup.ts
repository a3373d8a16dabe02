import type { DeleteGroupRequest } from '../../generated/iam/shapes.js';
import { DeleteConflictException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireGroup } from './lookups.js';

// A group must have no members and no policies left (IAM API Reference, DeleteGroup).
export const DeleteGroup: Handler<DeleteGroupRequest, void> = async ({ GroupName }, ctx) => {
  await ctx.store.transaction(async (t) => {
    const group = await requireGroup(t, ctx.accountId, GroupName);
    const key = group.name.toLowerCase();
    if ((await t.links.from(ctx.accountId, 'member', key)).length) {
      throw new DeleteConflictException('Cannot delete entity, must remove users from group first.');
    }
    if ((await t.links.from(ctx.accountId, 'inline:group', key)).length) {
      throw new DeleteConflictException('Cannot delete entity, must delete policies first.');
    }
    if ((await t.links.from(ctx.accountId, 'attached:group', key)).length) {
      throw new DeleteConflictException('Cannot delete entity, must detach all policies first.');
    }
    await t.groups.delete(ctx.accountId, group.name);
  });
};
