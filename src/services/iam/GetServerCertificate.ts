import type { GetServerCertificateRequest, GetServerCertificateResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireServerCertificate, serverCertificateMetadata } from './server-certificates.js';

// The body and chain as uploaded, never the private key; Tags is answered even when empty, as IAM does.
export const GetServerCertificate: Handler<GetServerCertificateRequest, GetServerCertificateResponse> = async (input, ctx) => {
  const c = await requireServerCertificate(ctx.store, ctx.accountId, input.ServerCertificateName);
  return {
    ServerCertificate: {
      ServerCertificateMetadata: serverCertificateMetadata(c),
      CertificateBody: c.body,
      ...(c.chain !== undefined ? { CertificateChain: c.chain } : {}),
      Tags: c.tags,
    },
  };
};
