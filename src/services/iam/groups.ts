// IAM groups as AWS returns them, and group membership: `member` links from the group's name
// (lower-cased) to the user's, carrying both real names. Callers hold any transaction.
import type { Group } from '../../generated/iam/shapes.js';
import type { GroupRecord, StoreTables, UserRecord } from '../../store/types.js';
import { groupArn } from '../../directory/arns.js';

export interface Membership { group: string; user: string }

export function groupShape(g: GroupRecord): Group {
  return { Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: new Date(g.createDate) };
}

export async function addMember(t: StoreTables, account: string, group: string, user: string): Promise<void> {
  await t.links.put(account, 'member', group.toLowerCase(), user.toLowerCase(), JSON.stringify({ group, user } satisfies Membership));
}

/** The groups a user belongs to, ordered by name. */
export async function groupsOfUser(t: StoreTables, account: string, userName: string): Promise<GroupRecord[]> {
  const out: GroupRecord[] = [];
  for (const l of await t.links.to(account, 'member', userName.toLowerCase())) {
    const g = await t.groups.get(account, l.a);
    if (g) out.push(g);
  }
  return out;
}

/** The users in a group, ordered by name. */
export async function membersOf(t: StoreTables, account: string, groupName: string): Promise<UserRecord[]> {
  const out: UserRecord[] = [];
  for (const l of await t.links.from(account, 'member', groupName.toLowerCase())) {
    const u = await t.users.get(account, l.b);
    if (u) out.push(u);
  }
  return out;
}

/** Renames and/or moves a group with its memberships and policies, inside the caller's transaction. */
export async function renameGroup(t: StoreTables, account: string, group: GroupRecord, newName: string, newPath: string): Promise<GroupRecord> {
  const oldKey = group.name.toLowerCase();
  const newKey = newName.toLowerCase();
  const renamed: GroupRecord = { ...group, name: newName, path: newPath, arn: groupArn(account, newPath, newName) };
  await t.groups.delete(account, group.name);
  await t.groups.create(account, renamed);
  for (const l of await t.links.from(account, 'member', oldKey)) {
    const data = JSON.parse(l.data!) as Membership;
    await t.links.delete(account, 'member', oldKey, l.b);
    await t.links.put(account, 'member', newKey, l.b, JSON.stringify({ group: newName, user: data.user } satisfies Membership));
  }
  if (oldKey !== newKey) {
    for (const kind of ['attached:group', 'inline:group'] as const) {
      for (const l of await t.links.from(account, kind, oldKey)) {
        await t.links.delete(account, kind, oldKey, l.b);
        await t.links.put(account, kind, newKey, l.b, l.data);
      }
    }
  }
  return renamed;
}
