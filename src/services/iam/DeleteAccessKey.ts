import type { DeleteAccessKeyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { keyOwner, requireKey } from './access-keys.js';

export const DeleteAccessKey: Handler<DeleteAccessKeyRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const owner = await keyOwner(t, ctx, input.UserName);
    const key = await requireKey(t, ctx.accountId, owner, input.AccessKeyId);
    await t.accessKeys.delete(key.accessKeyId);
  });
};
