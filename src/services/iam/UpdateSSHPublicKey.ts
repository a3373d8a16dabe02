import type { UpdateSSHPublicKeyRequest } from '../../generated/iam/shapes.js';
import { ValidationError } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { requireSshKey } from './ssh-keys.js';

export const UpdateSSHPublicKey: Handler<UpdateSSHPublicKeyRequest, void> = async (input, ctx) => {
  // The model's enum also lists Expired, which only AWS sets; a caller may choose Active or Inactive.
  if (input.Status === 'Expired') {
    throw ValidationError("1 validation error detected: Value 'Expired' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
  }
  await ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    const k = await requireSshKey(t, ctx.accountId, user.name, input.SSHPublicKeyId);
    if (k.status !== input.Status) await t.sshPublicKeys.put({ ...k, status: input.Status as 'Active' | 'Inactive' });
  });
};
