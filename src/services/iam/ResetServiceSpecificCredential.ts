import type { ResetServiceSpecificCredentialRequest, ResetServiceSpecificCredentialResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { profileOwner } from './login-profiles.js';
import { issueSecret, requireServiceCredential, serviceCredentialWithSecret } from './service-credentials.js';

// A new service-generated secret replaces the old one, which stops working at once; the new one is
// answered here only and stored sealed.
export const ResetServiceSpecificCredential: Handler<ResetServiceSpecificCredentialRequest, ResetServiceSpecificCredentialResponse> = async (input, ctx) =>
  ctx.store.transaction(async (t) => {
    const owner = await profileOwner(t, ctx, input.UserName);
    const c = await requireServiceCredential(t, ctx.accountId, owner, input.ServiceSpecificCredentialId);
    const secret = issueSecret(c.serviceName, c.serviceUserName ?? c.serviceCredentialAlias ?? '');
    const next = { ...c, secretSealed: ctx.sealer.seal(secret) };
    await t.serviceSpecificCredentials.put(next);
    return { ServiceSpecificCredential: serviceCredentialWithSecret(next, secret, ctx.now) };
  });
