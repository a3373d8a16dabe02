import type { DeleteUserRequest } from '../../generated/iam/shapes.js';
import { DeleteConflictException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { devicesOf } from './mfa-devices.js';

// What must go first, in the order of the IAM API Reference's DeleteUser page: the password (login
// profile), access keys, SSH public keys, service-specific credentials, inline policies, attached managed policies, group memberships.
export const DeleteUser: Handler<DeleteUserRequest, void> = async ({ UserName }, ctx) => {
  await ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, UserName);
    const key = user.name.toLowerCase();
    if (await t.loginProfiles.get(ctx.accountId, user.name)) {
      throw new DeleteConflictException('Cannot delete entity, must delete login profile first.');
    }
    if ((await t.accessKeys.forUser(ctx.accountId, user.name)).length) {
      throw new DeleteConflictException('Cannot delete entity, must delete access keys first.');
    }
    if ((await t.signingCertificates.forUser(ctx.accountId, user.name)).length) {
      throw new DeleteConflictException('Cannot delete entity, must delete signing certificates first.');
    }
    if ((await t.sshPublicKeys.forUser(ctx.accountId, user.name)).length) {
      throw new DeleteConflictException('Cannot delete entity, must delete SSH public keys first.');
    }
    if ((await t.serviceSpecificCredentials.forUser(ctx.accountId, user.name)).length) {
      throw new DeleteConflictException('Cannot delete entity, must delete service specific credentials first.');
    }
    if ((await t.links.from(ctx.accountId, 'inline:user', key)).length) {
      throw new DeleteConflictException('Cannot delete entity, must delete policies first.');
    }
    if ((await t.links.from(ctx.accountId, 'attached:user', key)).length) {
      throw new DeleteConflictException('Cannot delete entity, must detach all policies first.');
    }
    if ((await t.links.to(ctx.accountId, 'member', key)).length) {
      throw new DeleteConflictException('Cannot delete entity, must remove users from group first.');
    }
    if ((await devicesOf(t, ctx.accountId, user.name)).length) {
      throw new DeleteConflictException('Cannot delete entity, must delete MFA device first.');
    }
    await t.users.delete(ctx.accountId, user.name);
  });
};
