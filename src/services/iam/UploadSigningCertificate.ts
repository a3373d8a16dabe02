import type { UploadSigningCertificateRequest, UploadSigningCertificateResponse } from '../../generated/iam/shapes.js';
import { DuplicateCertificateException, LimitExceededException } from '../../generated/iam/errors.js';
import type { SigningCertificateRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { signingCertificateId } from '../../shared/ids.js';
import { keyOwner } from './access-keys.js';
import { limits } from './limits.js';
import { signingCertificateFingerprint, signingCertificateShape } from './signing-certificates.js';

// Without UserName, the caller's own (the account root's for root credentials). The same
// certificate may belong to one owner of the account only (DuplicateCertificate, IAM API Reference).
export const UploadSigningCertificate: Handler<UploadSigningCertificateRequest, UploadSigningCertificateResponse> = async (input, ctx) =>
  ctx.store.transaction(async (t) => {
    const owner = await keyOwner(t, ctx, input.UserName);
    const fingerprint = signingCertificateFingerprint(input.CertificateBody);
    if ((await t.signingCertificates.withFingerprint(ctx.accountId, fingerprint)).length) {
      throw new DuplicateCertificateException('The same certificate is already associated with an IAM user in the account.');
    }
    if ((await t.signingCertificates.forUser(ctx.accountId, owner)).length >= limits.signingCertificatesPerUser) {
      throw new LimitExceededException(`Cannot exceed quota for CertificatesPerUser: ${limits.signingCertificatesPerUser}`);
    }
    const certificate: SigningCertificateRecord = {
      id: signingCertificateId(), accountId: ctx.accountId, userName: owner, body: input.CertificateBody,
      fingerprint, status: 'Active', uploadDate: ctx.now.toISOString(),
    };
    await t.signingCertificates.put(certificate);
    return { Certificate: signingCertificateShape(certificate) };
  });
