// RoleLastUsed: when and in which region a role was last assumed, recorded beside the request.
import type { Store } from '../../store/types.js';

const fresh = (last: { date: string; region: string } | undefined, now: Date, region: string) =>
  last !== undefined && last.region === region && now.getTime() - Date.parse(last.date) < 60_000;

export function noteRoleUse(store: Store, account: string, roleName: string, now: Date, region: string): void {
  // Read first (a cached row): most calls find a recent enough record and write nothing.
  store.roles
    .get(account, roleName)
    .then((role) => (role && !fresh(role.lastUsed, now, region) ? write(store, account, roleName, now, region) : undefined))
    .catch(() => undefined);
}

function write(store: Store, account: string, roleName: string, now: Date, region: string): Promise<void> {
  return store
    .transaction(async (t) => {
      const role = await t.roles.get(account, roleName);
      if (!role) return;
      if (fresh(role.lastUsed, now, region)) return;
      role.lastUsed = { date: now.toISOString(), region };
      await t.roles.put(account, role);
    });
}
