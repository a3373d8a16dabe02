// Access-key lookup: which account and principal an access key id belongs to, and its secret.
// Inactive and deleted keys are refused the way AWS refuses them. A resolved key is kept while its
// stored row is unchanged, so the hot path neither unseals the secret nor re-derives signing keys.
import { InvalidClientTokenId } from '../protocol/errors.js';
import type { AccessKeyRecord, Store } from '../store/types.js';
import type { Sealer } from '../shared/sealing.js';
import type { Caller } from '../shared/caller.js';
import { CredentialSigningKeys } from './sigv4/index.js';

export interface ResolvedCredential {
  caller: Caller;
  secretAccessKey: string;
  signingKeys: CredentialSigningKeys;
  /** The stored key, as read for this request. */
  record: AccessKeyRecord;
}

interface Entry { sealed: string; status: string; userName: string | null; userArn?: string; resolved: ResolvedCredential }

export class CredentialResolver {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store, private readonly sealer: Sealer) {}

  async resolve(accessKeyId: string): Promise<ResolvedCredential> {
    const key = await this.store.accessKeys.get(accessKeyId);
    if (!key || key.status !== 'Active') throw InvalidClientTokenId();
    let userArn: string | undefined;
    let userId: string | undefined;
    let userName: string | undefined;
    if (key.userName !== null) {
      const user = await this.store.users.get(key.accountId, key.userName);
      if (!user) throw InvalidClientTokenId();
      userArn = user.arn;
      userId = user.id;
      userName = user.name;
    }
    const cached = this.entries.get(accessKeyId);
    if (cached && cached.sealed === key.secretSealed && cached.userName === key.userName && cached.userArn === userArn) {
      cached.resolved.record = key;
      return cached.resolved;
    }
    const resolved = this.build(key, userArn, userId, userName);
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(accessKeyId, { sealed: key.secretSealed, status: key.status, userName: key.userName, userArn, resolved });
    return resolved;
  }

  private build(key: AccessKeyRecord, userArn?: string, userId?: string, userName?: string): ResolvedCredential {
    const secretAccessKey = this.sealer.open(key.secretSealed);
    const caller: Caller = userArn
      ? { accountId: key.accountId, arn: userArn, type: 'user', userId: userId!, userName, accessKeyId: key.accessKeyId }
      : { accountId: key.accountId, arn: `arn:aws:iam::${key.accountId}:root`, type: 'root', userId: key.accountId, accessKeyId: key.accessKeyId };
    return { caller, secretAccessKey, signingKeys: new CredentialSigningKeys(), record: key };
  }
}

/** AWS reports a key's last use to within hours; rolegate records it at most once a minute per key. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** Records when, where and for which service a key was last used; never on the request's path. */
export function noteKeyUse(store: Store, record: AccessKeyRecord, now: Date, serviceName: string, region: string, onError: (e: unknown) => void): void {
  const last = record.lastUsed;
  if (last && last.serviceName === serviceName && last.region === region && now.getTime() - Date.parse(last.date) < LAST_USED_GRANULARITY_MS) return;
  const lastUsed = { date: now.toISOString(), serviceName, region };
  record.lastUsed = lastUsed;
  store
    .transaction(async (t) => {
      const current = await t.accessKeys.get(record.accessKeyId);
      if (current) await t.accessKeys.put({ ...current, lastUsed });
    })
    .catch(onError);
}
