import type { UpdateServiceSpecificCredentialRequest } from '../../generated/iam/shapes.js';
import { ValidationError } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import { profileOwner } from './login-profiles.js';
import { requireServiceCredential } from './service-credentials.js';

export const UpdateServiceSpecificCredential: Handler<UpdateServiceSpecificCredentialRequest, void> = async (input, ctx) => {
  // The model's enum also lists Expired, which only an API key's age sets; a caller may choose Active or Inactive.
  if (input.Status === 'Expired') {
    throw ValidationError("1 validation error detected: Value 'Expired' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
  }
  await ctx.store.transaction(async (t) => {
    const owner = await profileOwner(t, ctx, input.UserName);
    const c = await requireServiceCredential(t, ctx.accountId, owner, input.ServiceSpecificCredentialId);
    if (c.status !== input.Status) await t.serviceSpecificCredentials.put({ ...c, status: input.Status as 'Active' | 'Inactive' });
  });
};
