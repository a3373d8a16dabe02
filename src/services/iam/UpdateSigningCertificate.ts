import type { UpdateSigningCertificateRequest } from '../../generated/iam/shapes.js';
import { ValidationError } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import { keyOwner } from './access-keys.js';
import { requireSigningCertificate } from './signing-certificates.js';

export const UpdateSigningCertificate: Handler<UpdateSigningCertificateRequest, void> = async (input, ctx) => {
  // The model's enum also lists Expired, which only AWS sets; a caller may choose Active or Inactive.
  if (input.Status === 'Expired') {
    throw ValidationError("1 validation error detected: Value 'Expired' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
  }
  await ctx.store.transaction(async (t) => {
    const owner = await keyOwner(t, ctx, input.UserName);
    const c = await requireSigningCertificate(t, ctx.accountId, owner, input.CertificateId);
    if (c.status !== input.Status) await t.signingCertificates.put({ ...c, status: input.Status as 'Active' | 'Inactive' });
  });
};
