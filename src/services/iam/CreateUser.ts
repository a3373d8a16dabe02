import type { CreateUserRequest, CreateUserResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, LimitExceededException } from '../../generated/iam/errors.js';
import type { UserRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { uniqueId } from '../../shared/ids.js';
import { userArn } from '../../directory/arns.js';
import { checkBoundary } from './boundaries.js';
import { limits } from './limits.js';
import { checkNewTags } from './tags.js';
import { userShape } from './users.js';

export const CreateUser: Handler<CreateUserRequest, CreateUserResponse> = async (input, ctx) => {
  const path = input.Path ?? '/';
  const tags = checkNewTags(input.Tags);
  return ctx.store.transaction(async (t) => {
    if (await t.users.get(ctx.accountId, input.UserName)) {
      throw new EntityAlreadyExistsException(`User with name ${input.UserName} already exists.`);
    }
    if ((await t.users.count(ctx.accountId)) >= limits.usersPerAccount) {
      throw new LimitExceededException(`Cannot exceed quota for UsersPerAccount: ${limits.usersPerAccount}`);
    }
    const boundary = input.PermissionsBoundary ? await checkBoundary(t, ctx.accountId, input.PermissionsBoundary) : undefined;
    const user: UserRecord = {
      name: input.UserName,
      id: uniqueId('AIDA'),
      path,
      arn: userArn(ctx.accountId, path, input.UserName),
      createDate: ctx.now.toISOString(),
      ...(boundary ? { permissionsBoundary: boundary } : {}),
      tags,
    };
    await t.users.create(ctx.accountId, user);
    return { User: userShape(user) };
  });
};
