// IAM users as AWS returns them, and what a user's name is tied to (keys, groups, policies), so a
// rename moves them all. Callers hold the transaction; nothing here opens one.
import type { User } from '../../generated/iam/shapes.js';
import type { StoreTables, UserRecord } from '../../store/types.js';
import { userArn } from '../../directory/arns.js';
import { attachedBoundary } from './boundaries.js';

/** The full form GetUser and CreateUser answer. */
export function userShape(u: UserRecord): User {
  return {
    Path: u.path,
    UserName: u.name,
    UserId: u.id,
    Arn: u.arn,
    CreateDate: new Date(u.createDate),
    ...attachedBoundary(u.permissionsBoundary),
    ...(u.tags.length ? { Tags: u.tags } : {}),
  };
}

/** ListUsers and GetGroup leave out the boundary and tags, as AWS's API reference says. */
export function userListShape(u: UserRecord): User {
  return { Path: u.path, UserName: u.name, UserId: u.id, Arn: u.arn, CreateDate: new Date(u.createDate) };
}

/**
 * Renames and/or moves a user: the record, its ARN, access keys, login profile, SSH public keys,
 * group memberships, attached and inline policies, MFA devices. Must run inside the caller's transaction.
 */
export async function renameUser(t: StoreTables, account: string, user: UserRecord, newName: string, newPath: string): Promise<UserRecord> {
  const oldKey = user.name.toLowerCase();
  const newKey = newName.toLowerCase();
  const renamed: UserRecord = { ...user, name: newName, path: newPath, arn: userArn(account, newPath, newName) };
  await t.users.delete(account, user.name);
  await t.users.create(account, renamed);
  if (oldKey === newKey && user.name === newName) return renamed;

  for (const d of (await t.mfaDevices.list(account, { maxItems: 1_000_000 })).items) {
    if (d.userName?.toLowerCase() === oldKey) await t.mfaDevices.put(account, { ...d, userName: newName });
  }
  for (const k of await t.accessKeys.forUser(account, user.name)) {
    // The key's owner is part of its index: replace the row rather than update it in place.
    await t.accessKeys.delete(k.accessKeyId);
    await t.accessKeys.put({ ...k, userName: newName });
  }
  const profile = await t.loginProfiles.get(account, user.name);
  if (profile) {
    await t.loginProfiles.delete(account, user.name);
    await t.loginProfiles.put({ ...profile, userName: newName });
  }
  for (const k of await t.sshPublicKeys.forUser(account, user.name)) await t.sshPublicKeys.put({ ...k, userName: newName });
  for (const c of await t.signingCertificates.forUser(account, user.name)) await t.signingCertificates.put({ ...c, userName: newName });
  // The service user name (USER-at-ACCOUNT) was made from the old name and stays as issued.
  for (const c of await t.serviceSpecificCredentials.forUser(account, user.name)) await t.serviceSpecificCredentials.put({ ...c, userName: newName });
  for (const l of await t.links.to(account, 'member', oldKey)) {
    const data = JSON.parse(l.data!) as { group: string; user: string };
    await t.links.delete(account, 'member', l.a, oldKey);
    await t.links.put(account, 'member', l.a, newKey, JSON.stringify({ group: data.group, user: newName }));
  }
  for (const kind of ['attached:user', 'inline:user'] as const) {
    if (oldKey === newKey) continue;
    for (const l of await t.links.from(account, kind, oldKey)) {
      await t.links.delete(account, kind, oldKey, l.b);
      await t.links.put(account, kind, newKey, l.b, l.data);
    }
  }
  return renamed;
}
