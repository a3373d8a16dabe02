import type { UpdateUserRequest } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { renameUser } from './users.js';

// A rename carries the user's keys, groups and policies along, in one transaction; policies that
// name the old ARN are left as they are, as AWS leaves them (IAM User Guide, "Renaming an IAM user").
export const UpdateUser: Handler<UpdateUserRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    const newName = input.NewUserName ?? user.name;
    const newPath = input.NewPath ?? user.path;
    if (newName.toLowerCase() !== user.name.toLowerCase() && (await t.users.get(ctx.accountId, newName))) {
      throw new EntityAlreadyExistsException(`User with name ${newName} already exists.`);
    }
    if (newName === user.name && newPath === user.path) return;
    await renameUser(t, ctx.accountId, user, newName, newPath);
  });
};
