import type { UpdateAccessKeyRequest } from '../../generated/iam/shapes.js';
import { ValidationError } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import { keyOwner, requireKey } from './access-keys.js';

export const UpdateAccessKey: Handler<UpdateAccessKeyRequest, void> = async (input, ctx) => {
  // The model's enum also lists Expired, which only AWS sets; a caller may choose Active or Inactive.
  if (input.Status === 'Expired') {
    throw ValidationError("1 validation error detected: Value 'Expired' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
  }
  await ctx.store.transaction(async (t) => {
    const owner = await keyOwner(t, ctx, input.UserName);
    const key = await requireKey(t, ctx.accountId, owner, input.AccessKeyId);
    if (key.status === input.Status) return;
    await t.accessKeys.put({ ...key, status: input.Status as 'Active' | 'Inactive' });
  });
};
