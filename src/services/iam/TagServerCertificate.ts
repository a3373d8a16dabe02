import type { TagServerCertificateRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireServerCertificate } from './server-certificates.js';
import { mergeTags } from './tags.js';

export const TagServerCertificate: Handler<TagServerCertificateRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const c = await requireServerCertificate(t, ctx.accountId, input.ServerCertificateName);
    c.tags = mergeTags(c.tags, input.Tags);
    await t.serverCertificates.put(ctx.accountId, c);
  });
};
