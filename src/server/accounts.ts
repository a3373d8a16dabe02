// Accounts and their root credentials: the default account from the configuration (keys accepted
// as given, or generated once, persisted and printed once), and further accounts on demand.
import type { Store } from '../store/types.js';
import type { Sealer } from '../shared/sealing.js';
import { accessKeyId, secretAccessKey } from '../shared/ids.js';

export interface RootKeys { accessKeyId: string; secretAccessKey: string; generated: boolean }

export async function ensureAccount(
  store: Store, sealer: Sealer, accountId: string, now: Date,
  configured?: { accessKeyId: string; secretAccessKey: string },
): Promise<RootKeys | undefined> {
  return store.transaction(async (tx) => {
    if (!(await tx.accounts.get(accountId))) await tx.accounts.put({ id: accountId, name: accountId, createDate: now.toISOString() });
    if (configured) {
      const existing = await tx.accessKeys.get(configured.accessKeyId);
      if (existing && existing.accountId !== accountId) {
        throw new Error(`access key ${configured.accessKeyId} already belongs to account ${existing.accountId}`);
      }
      let same = false;
      if (existing) {
        try { same = sealer.open(existing.secretSealed) === configured.secretAccessKey; } catch { same = false; }
      }
      if (!existing || !same || existing.userName !== null || existing.status !== 'Active') {
        await tx.accessKeys.put({
          accessKeyId: configured.accessKeyId, accountId, userName: null,
          secretSealed: sealer.seal(configured.secretAccessKey), status: 'Active',
          createDate: existing?.createDate ?? now.toISOString(),
        });
      }
      return { ...configured, generated: false };
    }
    const roots = await tx.accessKeys.forUser(accountId, null);
    if (roots.length) return undefined;
    const keys = { accessKeyId: accessKeyId('AKIA', accountId), secretAccessKey: secretAccessKey() };
    await tx.accessKeys.put({
      accessKeyId: keys.accessKeyId, accountId, userName: null, secretSealed: sealer.seal(keys.secretAccessKey),
      status: 'Active', createDate: now.toISOString(),
    });
    return { ...keys, generated: true };
  });
}
