// Instance profiles as AWS returns them (with their role, at most one) and lookups with AWS's messages.
import type { InstanceProfile, Role } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import type { InstanceProfileRecord, StoreTables } from '../../store/types.js';
import { roleListShape, shownRole } from './roles.js';

/** A profile's role as AWS nests it: ListRoles' form without MaxSessionDuration. */
function roleInProfileShape(r: Parameters<typeof roleListShape>[0]): Role {
  const { MaxSessionDuration: _max, ...role } = roleListShape(r);
  return role;
}

export async function requireInstanceProfile(t: StoreTables, account: string, name: string): Promise<InstanceProfileRecord> {
  const p = await t.instanceProfiles.get(account, name);
  if (!p) throw new NoSuchEntityException(`Instance Profile ${name} cannot be found.`);
  return p;
}

/** ListInstanceProfiles leaves out tags, as AWS does; the Get form keeps them. */
export async function instanceProfileShape(t: StoreTables, account: string, p: InstanceProfileRecord, partition: string, withTags = true): Promise<InstanceProfile> {
  const roles: Role[] = [];
  for (const name of p.roles) {
    const r = await t.roles.get(account, name);
    if (r) roles.push(roleInProfileShape(await shownRole(t, r, partition)));
  }
  return {
    Path: p.path,
    InstanceProfileName: p.name,
    InstanceProfileId: p.id,
    Arn: p.arn,
    CreateDate: new Date(p.createDate),
    Roles: roles,
    ...(withTags && p.tags.length ? { Tags: p.tags } : {}),
  };
}

/** Every instance profile of the account that holds a role, ordered by name. */
export async function profilesForRole(t: StoreTables, account: string, roleName: string): Promise<InstanceProfileRecord[]> {
  const key = roleName.toLowerCase();
  const all = await t.instanceProfiles.list(account, { maxItems: 1_000_000 });
  return all.items.filter((p) => p.roles.some((r) => r.toLowerCase() === key));
}
