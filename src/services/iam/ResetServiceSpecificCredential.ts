import type { ResetServiceSpecificCredentialRequest, ResetServiceSpecificCredentialResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { profileOwner } from './login-profiles.js';
import { credentialKind, issueSecret, requireServiceCredential, serviceCredentialWithSecret } from './service-credentials.js';

// A new service-generated secret replaces the old one, which stops working at once; the new one is
// answered here only and stored sealed.
export const ResetServiceSpecificCredential: Handler<ResetServiceSpecificCredentialRequest, ResetServiceSpecificCredentialResponse> = async (input, ctx) =>
  ctx.store.transaction(async (t) => {
    const owner = await profileOwner(t, ctx, input.UserName);
    const c = await requireServiceCredential(t, ctx.accountId, owner, input.ServiceSpecificCredentialId);
    const issued = issueSecret(credentialKind(c.serviceName), c.userName, ctx.accountId, ctx.now);
    const next = {
      ...c, secretSealed: ctx.sealer.seal(issued.secret),
      ...(issued.serviceCredentialAlias !== undefined ? { serviceCredentialAlias: issued.serviceCredentialAlias } : {}),
    };
    await t.serviceSpecificCredentials.put(next);
    return { ServiceSpecificCredential: serviceCredentialWithSecret(next, issued.secret, ctx.now) };
  });
