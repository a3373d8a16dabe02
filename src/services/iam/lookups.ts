// Loading IAM entities for handlers, failing with AWS's NoSuchEntity messages.
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import type { GroupRecord, ManagedPolicyRecord, RoleRecord, StoreTables, UserRecord } from '../../store/types.js';
import { findPolicy } from '../../directory/managed-policies.js';
import { refuseServiceLinked } from './service-linked.js';

export async function requireRole(t: StoreTables, account: string, name: string): Promise<RoleRecord> {
  const role = await t.roles.get(account, name);
  if (!role) throw new NoSuchEntityException(`The role with name ${name} cannot be found.`);
  return role;
}

export async function requireUser(t: StoreTables, account: string, name: string): Promise<UserRecord> {
  const user = await t.users.get(account, name);
  if (!user) throw new NoSuchEntityException(`The user with name ${name} cannot be found.`);
  return user;
}

export async function requireGroup(t: StoreTables, account: string, name: string): Promise<GroupRecord> {
  const group = await t.groups.get(account, name);
  if (!group) throw new NoSuchEntityException(`The group with name ${name} cannot be found.`);
  return group;
}


export async function requirePolicy(t: StoreTables, account: string, arn: string): Promise<ManagedPolicyRecord> {
  const p = await findPolicy(t, account, arn);
  if (!p) throw new NoSuchEntityException(`Policy ${arn} does not exist or is not attachable.`);
  return p;
}

/**
 * The stored name of a policy owner (role, user or group), which must exist; with `changing`, a
 * service-linked role is refused (its policies are AWS's).
 */
export async function requireOwnerName(t: StoreTables, account: string, owner: 'role' | 'user' | 'group', name: string, changing = false): Promise<string> {
  if (owner === 'role') {
    const role = await requireRole(t, account, name);
    if (changing) refuseServiceLinked(role);
    return role.name;
  }
  const e = owner === 'user' ? await requireUser(t, account, name) : await requireGroup(t, account, name);
  return e.name;
}
