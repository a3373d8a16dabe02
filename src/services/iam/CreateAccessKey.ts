import type { AccessKey, CreateAccessKeyRequest, CreateAccessKeyResponse } from '../../generated/iam/shapes.js';
import { LimitExceededException } from '../../generated/iam/errors.js';
import type { AccessKeyRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { accessKeyId, secretAccessKey } from '../../shared/ids.js';
import { keyOwner } from './access-keys.js';
import { limits } from './limits.js';

// The secret is answered once and stored only sealed with the server's master key.
export const CreateAccessKey: Handler<CreateAccessKeyRequest, CreateAccessKeyResponse> = async ({ UserName }, ctx) =>
  ctx.store.transaction(async (t) => {
    const owner = await keyOwner(t, ctx, UserName);
    if ((await t.accessKeys.forUser(ctx.accountId, owner)).length >= limits.accessKeysPerUser) {
      throw new LimitExceededException(`Cannot exceed quota for AccessKeysPerUser: ${limits.accessKeysPerUser}`);
    }
    const secret = secretAccessKey();
    const key: AccessKeyRecord = {
      accessKeyId: accessKeyId('AKIA', ctx.accountId),
      accountId: ctx.accountId,
      userName: owner,
      secretSealed: ctx.sealer.seal(secret),
      status: 'Active',
      createDate: ctx.now.toISOString(),
    };
    await t.accessKeys.put(key);
    // A root key has no user name (the shape marks it required; the root has none to give).
    const answer = { ...(owner !== null ? { UserName: owner } : {}), AccessKeyId: key.accessKeyId, Status: key.status, SecretAccessKey: secret, CreateDate: ctx.now };
    return { AccessKey: answer as AccessKey };
  });
