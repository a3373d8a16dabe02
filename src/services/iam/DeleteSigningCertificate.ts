import type { DeleteSigningCertificateRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { keyOwner } from './access-keys.js';
import { requireSigningCertificate } from './signing-certificates.js';

export const DeleteSigningCertificate: Handler<DeleteSigningCertificateRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const owner = await keyOwner(t, ctx, input.UserName);
    const c = await requireSigningCertificate(t, ctx.accountId, owner, input.CertificateId);
    await t.signingCertificates.delete(c.id);
  });
};
