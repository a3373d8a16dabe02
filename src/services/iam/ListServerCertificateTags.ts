import type { ListServerCertificateTagsRequest, ListServerCertificateTagsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireServerCertificate } from './server-certificates.js';
import { pageTags } from './tags.js';

export const ListServerCertificateTags: Handler<ListServerCertificateTagsRequest, ListServerCertificateTagsResponse> = async (input, ctx) => {
  const c = await requireServerCertificate(ctx.store, ctx.accountId, input.ServerCertificateName);
  return pageTags(c.tags, input.Marker, input.MaxItems);
};
