import type { GetUserRequest, GetUserResponse, User } from '../../generated/iam/shapes.js';
import { ValidationError } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { userShape } from './users.js';

// Without UserName AWS answers for the caller; for the root that is the account itself, with
// no name or path (IAM API Reference, GetUser).
export const GetUser: Handler<GetUserRequest, GetUserResponse> = async ({ UserName }, ctx) => {
  if (UserName !== undefined) return { User: userShape(await requireUser(ctx.store, ctx.accountId, UserName)) };
  if (ctx.caller.type === 'root') {
    const account = await ctx.store.accounts.get(ctx.accountId);
    const root = { UserId: ctx.accountId, Arn: ctx.caller.arn, CreateDate: new Date(account?.createDate ?? ctx.now) };
    return { User: root as User };
  }
  if (ctx.caller.type === 'user' && ctx.caller.userName) {
    return { User: userShape(await requireUser(ctx.store, ctx.accountId, ctx.caller.userName)) };
  }
  throw ValidationError('Must specify userName when calling with non-User credentials');
};
