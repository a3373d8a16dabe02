// Accounts and their root credentials: the default account from the configuration (keys accepted
// as given, or generated once, persisted and printed once), further accounts on demand, and the
// root keys' rotation as `rolegate account` does it on the data folder. Never a secret in a message.
import type { AccessKeyRecord, Store, StoreTables } from '../store/types.js';
import type { Sealer } from '../shared/sealing.js';
import { accessKeyId, secretAccessKey } from '../shared/ids.js';
import { limits } from '../services/iam/limits.js';

export interface RootKeys { accessKeyId: string; secretAccessKey: string; generated: boolean }

/** A root access key as `rolegate account keys` lists it: never its secret. */
export interface RootKeyInfo { accessKeyId: string; status: 'Active' | 'Inactive'; createDate: string }

export interface EnsuredAccount {
  /** The keys to print once (generated), or the configured ones. */
  keys?: RootKeys;
  /** The configured key is inactive: requests signed with it are refused until it is activated. */
  configuredInactive?: boolean;
  /** Active root keys of the account other than the configured one: they still sign requests. */
  otherActive: RootKeyInfo[];
}

/** A refusal of `rolegate account` or of the start-up, worded for the operator. */
export class AccountKeyError extends Error {}

const info = (k: AccessKeyRecord): RootKeyInfo => ({ accessKeyId: k.accessKeyId, status: k.status, createDate: k.createDate });

// AWS: "You can assign up to two access keys to the root user … Inactive keys still count toward
// your limit" (Account Management Reference, root-user-access-key); the message is IAM's CreateAccessKey's.
const QUOTA = `Cannot exceed quota for AccessKeysPerUser: ${limits.accessKeysPerUser}`;

export async function ensureAccount(
  store: Store, sealer: Sealer, accountId: string, now: Date,
  configured?: { accessKeyId: string; secretAccessKey: string },
): Promise<EnsuredAccount> {
  return store.transaction(async (tx) => {
    if (!(await tx.accounts.get(accountId))) await tx.accounts.put({ id: accountId, name: accountId, createDate: now.toISOString() });
    const roots = await tx.accessKeys.forUser(accountId, null);
    if (configured) {
      const existing = await tx.accessKeys.get(configured.accessKeyId);
      if (existing && existing.accountId !== accountId) {
        throw new AccountKeyError(`access key ${configured.accessKeyId} already belongs to account ${existing.accountId}`);
      }
      if (existing && existing.userName !== null) {
        throw new AccountKeyError(`access key ${configured.accessKeyId} belongs to IAM user ${existing.userName} of account ${accountId}, not to its root`);
      }
      if (!existing && roots.length >= limits.accessKeysPerUser) {
        const listed = roots.map((k) => `${k.accessKeyId} (${k.status})`).join(', ');
        throw new AccountKeyError(
          `account ${accountId} has ${roots.length} root access keys already, ${listed}, and the configured ${configured.accessKeyId} would be one more: ${QUOTA}`,
        );
      }
      let same = false;
      if (existing) {
        try { same = sealer.open(existing.secretSealed) === configured.secretAccessKey; } catch { same = false; }
      }
      if (!existing || !same) {
        // A key deactivated with `rolegate account deactivate-key` stays inactive: the configuration
        // names the key, the operator decides whether it may sign.
        await tx.accessKeys.put({
          accessKeyId: configured.accessKeyId, accountId, userName: null,
          secretSealed: sealer.seal(configured.secretAccessKey), status: existing?.status ?? 'Active',
          createDate: existing?.createDate ?? now.toISOString(),
        });
      }
      return {
        keys: { ...configured, generated: false },
        configuredInactive: existing?.status === 'Inactive',
        otherActive: roots.filter((k) => k.accessKeyId !== configured.accessKeyId && k.status === 'Active').map(info),
      };
    }
    if (roots.length) return { otherActive: [] };
    const keys = await addRootKey(tx, sealer, accountId, now);
    return { keys, otherActive: [] };
  });
}

async function addRootKey(tx: StoreTables, sealer: Sealer, accountId: string, now: Date): Promise<RootKeys> {
  const keys = { accessKeyId: accessKeyId('AKIA', accountId), secretAccessKey: secretAccessKey() };
  await tx.accessKeys.put({
    accessKeyId: keys.accessKeyId, accountId, userName: null, secretSealed: sealer.seal(keys.secretAccessKey),
    status: 'Active', createDate: now.toISOString(),
  });
  return { ...keys, generated: true };
}

async function requireAccount(store: StoreTables, accountId: string): Promise<void> {
  if (!(await store.accounts.get(accountId))) throw new AccountKeyError(`account ${accountId} is not in this data folder`);
}

async function requireRootKey(store: StoreTables, accountId: string, keyId: string): Promise<AccessKeyRecord> {
  await requireAccount(store, accountId);
  const key = await store.accessKeys.get(keyId);
  if (!key || key.accountId !== accountId || key.userName !== null) {
    throw new AccountKeyError(`The Access Key with id ${keyId} cannot be found. (account ${accountId} has no root access key of that id)`);
  }
  return key;
}

/** The account's root keys, ordered by creation. */
export async function listRootKeys(store: Store, accountId: string): Promise<RootKeyInfo[]> {
  await requireAccount(store, accountId);
  const keys = (await store.accessKeys.forUser(accountId, null)).map(info);
  return keys.sort((a, b) => a.createDate.localeCompare(b.createDate) || a.accessKeyId.localeCompare(b.accessKeyId));
}

/** A new active root key (AWS's rotation: the old ones stay active until deactivated). */
export async function rotateRootKey(store: Store, sealer: Sealer, accountId: string, now: Date): Promise<{ keys: RootKeys; previous: RootKeyInfo[] }> {
  return store.transaction(async (tx) => {
    await requireAccount(tx, accountId);
    const roots = await tx.accessKeys.forUser(accountId, null);
    if (roots.length >= limits.accessKeysPerUser) {
      const listed = roots.map((k) => `${k.accessKeyId} (${k.status})`).join(', ');
      throw new AccountKeyError(`${QUOTA}. Account ${accountId} has ${listed}: delete one first`);
    }
    return { keys: await addRootKey(tx, sealer, accountId, now), previous: roots.map(info) };
  });
}

/** Activates or deactivates a root key; answers the account's keys still active after it. */
export async function setRootKeyStatus(store: Store, accountId: string, keyId: string, status: 'Active' | 'Inactive'): Promise<RootKeyInfo[]> {
  return store.transaction(async (tx) => {
    const key = await requireRootKey(tx, accountId, keyId);
    if (key.status !== status) await tx.accessKeys.put({ ...key, status });
    return (await tx.accessKeys.forUser(accountId, null)).filter((k) => k.status === 'Active').map(info);
  });
}

/**
 * Deletes an inactive root key. An active one is refused, as the AWS console deactivates a root
 * key before it deletes it: a key still in use fails visibly first, and can be activated again.
 */
export async function deleteRootKey(store: Store, accountId: string, keyId: string): Promise<void> {
  await store.transaction(async (tx) => {
    const key = await requireRootKey(tx, accountId, keyId);
    if (key.status === 'Active') {
      throw new AccountKeyError(`root access key ${keyId} of account ${accountId} is active: deactivate it first (rolegate account deactivate-key ${accountId} ${keyId}), then delete it`);
    }
    await tx.accessKeys.delete(keyId);
  });
}

/** An active root key with its secret, opened with the master key: the one named, else the newest. */
export async function rootKeyWithSecret(store: Store, sealer: Sealer, accountId: string, keyId?: string): Promise<RootKeys | undefined> {
  await requireAccount(store, accountId);
  const roots = (await store.accessKeys.forUser(accountId, null)).filter((k) => k.status === 'Active');
  roots.sort((a, b) => b.createDate.localeCompare(a.createDate) || b.accessKeyId.localeCompare(a.accessKeyId));
  const key = keyId ? roots.find((k) => k.accessKeyId === keyId) : roots[0];
  if (keyId && !key) {
    const any = await store.accessKeys.get(keyId);
    if (any && any.accountId === accountId && any.userName === null) throw new AccountKeyError(`root access key ${keyId} of account ${accountId} is inactive`);
    throw new AccountKeyError(`The Access Key with id ${keyId} cannot be found. (account ${accountId} has no root access key of that id)`);
  }
  if (!key) return undefined;
  return { accessKeyId: key.accessKeyId, secretAccessKey: sealer.open(key.secretSealed), generated: false };
}

/** A new root key for `account profile` when the account has no active one (within the quota). */
export async function addRootKeyWithinQuota(store: Store, sealer: Sealer, accountId: string, now: Date): Promise<RootKeys> {
  return (await rotateRootKey(store, sealer, accountId, now)).keys;
}
