import type { DeleteSSHPublicKeyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { requireSshKey } from './ssh-keys.js';

export const DeleteSSHPublicKey: Handler<DeleteSSHPublicKeyRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    const k = await requireSshKey(t, ctx.accountId, user.name, input.SSHPublicKeyId);
    await t.sshPublicKeys.delete(k.id);
  });
};
