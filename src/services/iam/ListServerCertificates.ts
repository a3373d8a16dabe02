import type { ListServerCertificatesRequest, ListServerCertificatesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { pageList } from './pages.js';
import { serverCertificateMetadata } from './server-certificates.js';

// Without PathPrefix, every certificate (the prefix defaults to "/"), in order of name.
export const ListServerCertificates: Handler<ListServerCertificatesRequest, ListServerCertificatesResponse> = async (input, ctx) => {
  const prefix = input.PathPrefix ?? '/';
  const all = (await ctx.store.serverCertificates.list(ctx.accountId)).filter((c) => c.path.startsWith(prefix));
  const page = pageList(all.map(serverCertificateMetadata), input.Marker, input.MaxItems);
  return { ServerCertificateMetadataList: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};
