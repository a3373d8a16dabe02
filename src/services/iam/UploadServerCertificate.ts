import type { UploadServerCertificateRequest, UploadServerCertificateResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, LimitExceededException } from '../../generated/iam/errors.js';
import type { ServerCertificateRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { serverCertificateArn } from '../../directory/arns.js';
import { uniqueId } from '../../shared/ids.js';
import { limits } from './limits.js';
import { checkServerCertificate, serverCertificateMetadata } from './server-certificates.js';
import { checkNewTags } from './tags.js';

// The certificate, key and chain are read before anything is written; the key is kept only sealed.
export const UploadServerCertificate: Handler<UploadServerCertificateRequest, UploadServerCertificateResponse> = async (input, ctx) => {
  const { expiration } = checkServerCertificate(input.CertificateBody, input.PrivateKey, input.CertificateChain, ctx.now);
  const tags = checkNewTags(input.Tags);
  const path = input.Path ?? '/';
  const name = input.ServerCertificateName;
  const certificate: ServerCertificateRecord = {
    name, path, id: uniqueId('ASCA'), arn: serverCertificateArn(ctx.accountId, path, name),
    uploadDate: ctx.now.toISOString(), expiration, body: input.CertificateBody,
    ...(input.CertificateChain !== undefined ? { chain: input.CertificateChain } : {}),
    privateKeySealed: ctx.sealer.seal(input.PrivateKey), tags,
  };
  return ctx.store.transaction(async (t) => {
    if (await t.serverCertificates.get(ctx.accountId, name)) {
      throw new EntityAlreadyExistsException(`The Server Certificate with name ${name} already exists.`);
    }
    if ((await t.serverCertificates.count(ctx.accountId)) >= limits.serverCertificatesPerAccount) {
      throw new LimitExceededException(`Cannot exceed quota for ServerCertificatesPerAccount: ${limits.serverCertificatesPerAccount}`);
    }
    await t.serverCertificates.create(ctx.accountId, certificate);
    return { ServerCertificateMetadata: serverCertificateMetadata(certificate), ...(tags.length ? { Tags: tags } : {}) };
  });
};
