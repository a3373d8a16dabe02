// RoleLastUsed: when and in which region a role was last assumed, recorded beside the request.
import type { Store } from '../../store/types.js';

export function noteRoleUse(store: Store, account: string, roleName: string, now: Date, region: string): void {
  store
    .transaction(async (t) => {
      const role = await t.roles.get(account, roleName);
      if (!role) return;
      if (role.lastUsed && role.lastUsed.region === region && now.getTime() - Date.parse(role.lastUsed.date) < 60_000) return;
      role.lastUsed = { date: now.toISOString(), region };
      await t.roles.put(account, role);
    })
    .catch(() => undefined);
}
