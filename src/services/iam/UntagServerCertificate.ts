import type { UntagServerCertificateRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireServerCertificate } from './server-certificates.js';
import { removeTags } from './tags.js';

export const UntagServerCertificate: Handler<UntagServerCertificateRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const c = await requireServerCertificate(t, ctx.accountId, input.ServerCertificateName);
    c.tags = removeTags(c.tags, input.TagKeys);
    await t.serverCertificates.put(ctx.accountId, c);
  });
};
