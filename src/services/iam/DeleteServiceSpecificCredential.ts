import type { DeleteServiceSpecificCredentialRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { profileOwner } from './login-profiles.js';
import { requireServiceCredential } from './service-credentials.js';

export const DeleteServiceSpecificCredential: Handler<DeleteServiceSpecificCredentialRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const owner = await profileOwner(t, ctx, input.UserName);
    const c = await requireServiceCredential(t, ctx.accountId, owner, input.ServiceSpecificCredentialId);
    await t.serviceSpecificCredentials.delete(c.id);
  });
};
