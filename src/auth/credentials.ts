// Access-key lookup: which account and principal an access key id belongs to, and its secret.
// Inactive and deleted keys are refused the way AWS refuses them.
import { AwsError, InvalidClientTokenId } from '../protocol/errors.js';
import type { Store } from '../store/types.js';
import type { Sealer } from './secrets.js';
import type { Caller } from '../services/types.js';

export interface ResolvedCredential {
  caller: Caller;
  secretAccessKey: string;
}

export async function lookupAccessKey(store: Store, sealer: Sealer, accessKeyId: string): Promise<ResolvedCredential> {
  const key = await store.accessKeys.get(accessKeyId);
  if (!key) throw InvalidClientTokenId();
  if (key.status !== 'Active') throw InvalidClientTokenId();
  const secretAccessKey = sealer.open(key.secretSealed);
  if (key.userName === null) {
    return {
      secretAccessKey,
      caller: { accountId: key.accountId, arn: `arn:aws:iam::${key.accountId}:root`, type: 'root', userId: key.accountId, accessKeyId },
    };
  }
  const user = await store.users.get(key.accountId, key.userName);
  if (!user) throw new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  return {
    secretAccessKey,
    caller: { accountId: key.accountId, arn: user.arn, type: 'user', userId: user.id, userName: user.name, accessKeyId },
  };
}
