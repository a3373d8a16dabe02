import type { UpdateAccountPasswordPolicyRequest } from '../../generated/iam/shapes.js';
import type { PasswordPolicyRecord } from '../../store/types.js';
import type { Handler } from '../types.js';

// Every member left out takes its default (IAM API Reference, UpdateAccountPasswordPolicy): the
// policy is replaced whole, never merged with the one before. The model checks the ranges.
export const UpdateAccountPasswordPolicy: Handler<UpdateAccountPasswordPolicyRequest, void> = async (input, ctx) => {
  const policy: PasswordPolicyRecord = {
    minimumPasswordLength: input.MinimumPasswordLength ?? 6,
    requireSymbols: input.RequireSymbols ?? false,
    requireNumbers: input.RequireNumbers ?? false,
    requireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
    requireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
    allowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
    ...(input.MaxPasswordAge !== undefined ? { maxPasswordAge: input.MaxPasswordAge } : {}),
    ...(input.PasswordReusePrevention !== undefined ? { passwordReusePrevention: input.PasswordReusePrevention } : {}),
    ...(input.HardExpiry !== undefined ? { hardExpiry: input.HardExpiry } : {}),
  };
  await ctx.store.accountSettings.putPasswordPolicy(ctx.accountId, policy);
};
