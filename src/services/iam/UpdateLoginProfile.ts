import type { UpdateLoginProfileRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { requireProfile } from './login-profiles.js';
import { checkPasswordPolicy, hashPassword, historyAfterChange } from './passwords.js';

// An administrator's reset: the policy's rules apply to the new password, its reuse prevention does
// not (AWS applies that to users changing their own password).
export const UpdateLoginProfile: Handler<UpdateLoginProfileRequest, void> = async (input, ctx) => {
  const user = await requireUser(ctx.store, ctx.accountId, input.UserName);
  await requireProfile(ctx.store, ctx.accountId, user.name);
  let passwordHash: string | undefined;
  if (input.Password !== undefined) {
    checkPasswordPolicy(input.Password, await ctx.store.accountSettings.getPasswordPolicy(ctx.accountId));
    passwordHash = await hashPassword(input.Password);
  }
  await ctx.store.transaction(async (t) => {
    const profile = await requireProfile(t, ctx.accountId, (await requireUser(t, ctx.accountId, input.UserName)).name);
    const changed = { ...profile };
    if (passwordHash !== undefined) {
      changed.passwordHash = passwordHash;
      changed.previousHashes = historyAfterChange(profile.passwordHash, profile.previousHashes);
      changed.passwordLastChanged = ctx.now.toISOString();
    }
    if (input.PasswordResetRequired !== undefined) changed.passwordResetRequired = input.PasswordResetRequired;
    await t.loginProfiles.put(changed);
  });
};
