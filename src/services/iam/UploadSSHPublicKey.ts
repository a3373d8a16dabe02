import type { UploadSSHPublicKeyRequest, UploadSSHPublicKeyResponse } from '../../generated/iam/shapes.js';
import { DuplicateSSHPublicKeyException, LimitExceededException } from '../../generated/iam/errors.js';
import type { SshPublicKeyRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { sshPublicKeyId } from '../../shared/ids.js';
import { limits } from './limits.js';
import { requireUser } from './lookups.js';
import { parseSshPublicKey } from './ssh-keys.js';

export const UploadSSHPublicKey: Handler<UploadSSHPublicKeyRequest, UploadSSHPublicKeyResponse> = async (input, ctx) =>
  ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    const parsed = parseSshPublicKey(input.SSHPublicKeyBody);
    const keys = await t.sshPublicKeys.forUser(ctx.accountId, user.name);
    if (keys.some((k) => k.fingerprint === parsed.fingerprint)) {
      throw new DuplicateSSHPublicKeyException('The SSH public key is already associated with the specified IAM user.');
    }
    if (keys.length >= limits.sshPublicKeysPerUser) {
      throw new LimitExceededException(`Cannot exceed quota for SSHPublicKeysPerUser: ${limits.sshPublicKeysPerUser}`);
    }
    const key: SshPublicKeyRecord = {
      id: sshPublicKeyId(), accountId: ctx.accountId, userName: user.name, body: input.SSHPublicKeyBody,
      ssh: parsed.ssh, pem: parsed.pem, fingerprint: parsed.fingerprint, status: 'Active', uploadDate: ctx.now.toISOString(),
    };
    await t.sshPublicKeys.put(key);
    return {
      SSHPublicKey: {
        UserName: key.userName, SSHPublicKeyId: key.id, Fingerprint: key.fingerprint, SSHPublicKeyBody: key.body,
        Status: key.status, UploadDate: ctx.now,
      },
    };
  });
