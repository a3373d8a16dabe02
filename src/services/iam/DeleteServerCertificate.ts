import type { DeleteServerCertificateRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireServerCertificate } from './server-certificates.js';

// rolegate has no load balancers or distributions to hold a certificate, so none is ever in use (DeleteConflict).
export const DeleteServerCertificate: Handler<DeleteServerCertificateRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const c = await requireServerCertificate(t, ctx.accountId, input.ServerCertificateName);
    await t.serverCertificates.delete(ctx.accountId, c.name);
  });
};
