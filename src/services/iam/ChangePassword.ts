import type { ChangePasswordRequest } from '../../generated/iam/shapes.js';
import { InvalidUserTypeException } from '../../generated/iam/errors.js';
import { AccessDenied } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { requireProfile } from './login-profiles.js';
import { checkPasswordPolicy, checkReuse, hashPassword, historyAfterChange, verifyPassword } from './passwords.js';

// Only an IAM user changes its own password here (the root's is not IAM's to change): the old
// password must match, the new one satisfies the policy, including its reuse prevention. HardExpiry
// binds the console only: a user with iam:ChangePassword may replace an expired password through the
// API (UpdateAccountPasswordPolicy's HardExpiry in the IAM API Reference).
export const ChangePassword: Handler<ChangePasswordRequest, void> = async (input, ctx) => {
  if (ctx.caller.type !== 'user' || !ctx.caller.userName) {
    throw new InvalidUserTypeException('Only IAM users can change their own password with ChangePassword.');
  }
  const user = await requireUser(ctx.store, ctx.accountId, ctx.caller.userName);
  const profile = await requireProfile(ctx.store, ctx.accountId, user.name);
  if (!(await verifyPassword(input.OldPassword, profile.passwordHash))) throw AccessDenied('The old password is incorrect.');
  const policy = await ctx.store.accountSettings.getPasswordPolicy(ctx.accountId);
  checkPasswordPolicy(input.NewPassword, policy);
  await checkReuse(input.NewPassword, [profile.passwordHash, ...profile.previousHashes], policy?.passwordReusePrevention);
  const passwordHash = await hashPassword(input.NewPassword);
  await ctx.store.transaction(async (t) => {
    const current = await requireProfile(t, ctx.accountId, user.name);
    await t.loginProfiles.put({
      ...current, passwordHash, passwordResetRequired: false, passwordLastChanged: ctx.now.toISOString(),
      previousHashes: historyAfterChange(current.passwordHash, current.previousHashes),
    });
  });
};
