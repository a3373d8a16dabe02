// The organization of rolegate's accounts: its ids, derived from the management account's so they
// stay the same across restarts and data folders, and who is in it. Pure data, no store.
import { createHash } from 'node:crypto';
import type { OrganizationSettings } from './service-settings.js';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

function derived(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += BASE36[digest[i] % 36];
  return out;
}

/** The organization the default account manages, with the other accounts as members (ids as AWS forms them: o-xxxxxxxxxx, r-xxxx). */
export function organizationOf(managementAccountId: string, memberAccountIds: readonly string[]): OrganizationSettings {
  return {
    organizationId: `o-${derived(`rolegate organization ${managementAccountId}`, 10)}`,
    rootId: `r-${derived(`rolegate organization root ${managementAccountId}`, 4)}`,
    managementAccountId,
    memberAccountIds: [...new Set(memberAccountIds)].filter((a) => a !== managementAccountId),
  };
}

export type OrganizationRole = 'management' | 'member' | 'outside';

export function roleIn(org: OrganizationSettings | undefined, accountId: string): OrganizationRole {
  if (!org) return 'outside';
  if (org.managementAccountId === accountId) return 'management';
  return org.memberAccountIds.includes(accountId) ? 'member' : 'outside';
}

/** Every account of the organization, the management account first. */
export const accountsOf = (org: OrganizationSettings): string[] => [org.managementAccountId, ...org.memberAccountIds];
