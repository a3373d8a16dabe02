import type { ListSigningCertificatesRequest, ListSigningCertificatesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { keyOwner } from './access-keys.js';
import { pageList } from './pages.js';
import { signingCertificateShape } from './signing-certificates.js';

// Without UserName, the caller's own certificates (the root's for root credentials), oldest first.
export const ListSigningCertificates: Handler<ListSigningCertificatesRequest, ListSigningCertificatesResponse> = async (input, ctx) => {
  const owner = await keyOwner(ctx.store, ctx, input.UserName);
  const certificates = await ctx.store.signingCertificates.forUser(ctx.accountId, owner);
  const page = pageList(certificates.map(signingCertificateShape), input.Marker, input.MaxItems);
  return { Certificates: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};
