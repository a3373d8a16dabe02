import type { UpdateGroupRequest } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { renameGroup } from './groups.js';
import { requireGroup } from './lookups.js';

export const UpdateGroup: Handler<UpdateGroupRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const group = await requireGroup(t, ctx.accountId, input.GroupName);
    const newName = input.NewGroupName ?? group.name;
    const newPath = input.NewPath ?? group.path;
    if (newName.toLowerCase() !== group.name.toLowerCase() && (await t.groups.get(ctx.accountId, newName))) {
      throw new EntityAlreadyExistsException(`Group with name ${newName} already exists.`);
    }
    if (newName === group.name && newPath === group.path) return;
    await renameGroup(t, ctx.accountId, group, newName, newPath);
  });
};
