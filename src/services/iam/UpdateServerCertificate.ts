import type { UpdateServerCertificateRequest } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { serverCertificateArn } from '../../directory/arns.js';
import { requireServerCertificate } from './server-certificates.js';

// A new name or path changes the ARN; the ServerCertificateId, upload date, key and tags stay.
export const UpdateServerCertificate: Handler<UpdateServerCertificateRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const c = await requireServerCertificate(t, ctx.accountId, input.ServerCertificateName);
    const name = input.NewServerCertificateName ?? c.name;
    const path = input.NewPath ?? c.path;
    const renamed = name.toLowerCase() !== c.name.toLowerCase();
    if (renamed && (await t.serverCertificates.get(ctx.accountId, name))) {
      throw new EntityAlreadyExistsException(`The Server Certificate with name ${name} already exists.`);
    }
    const updated = { ...c, name, path, arn: serverCertificateArn(ctx.accountId, path, name) };
    if (renamed) await t.serverCertificates.delete(ctx.accountId, c.name);
    await t.serverCertificates.put(ctx.accountId, updated);
  });
};
