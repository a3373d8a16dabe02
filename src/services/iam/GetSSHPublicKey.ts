import type { GetSSHPublicKeyRequest, GetSSHPublicKeyResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { requireSshKey } from './ssh-keys.js';

// Encoding SSH answers the OpenSSH form (as uploaded, when it was uploaded so), PEM the SPKI PEM.
export const GetSSHPublicKey: Handler<GetSSHPublicKeyRequest, GetSSHPublicKeyResponse> = async (input, ctx) => {
  const user = await requireUser(ctx.store, ctx.accountId, input.UserName);
  const k = await requireSshKey(ctx.store, ctx.accountId, user.name, input.SSHPublicKeyId);
  const uploadedAsSsh = !k.body.trim().startsWith('-----BEGIN');
  const body = input.Encoding === 'PEM' ? k.pem : uploadedAsSsh ? k.body : k.ssh;
  return {
    SSHPublicKey: {
      UserName: k.userName, SSHPublicKeyId: k.id, Fingerprint: k.fingerprint, SSHPublicKeyBody: body, Status: k.status, UploadDate: new Date(k.uploadDate),
    },
  };
};
