import type { CreateLoginProfileRequest, CreateLoginProfileResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { ValidationError } from '../../protocol/errors.js';
import { isRootSession, loginProfileShape, profileOwner, requirePassword, ROOT_PROFILE } from './login-profiles.js';
import { checkPasswordPolicy, hashPassword } from './passwords.js';

// The user is checked first, then the existing profile, then the password against the policy.
export const CreateLoginProfile: Handler<CreateLoginProfileRequest, CreateLoginProfileResponse> = async (input, ctx) => {
  if (input.UserName === undefined && isRootSession(ctx)) return createRootProfile(input, ctx);
  const password = requirePassword(input.Password);
  const owner = await profileOwner(ctx.store, ctx, input.UserName);
  if (await ctx.store.loginProfiles.get(ctx.accountId, owner)) throw new EntityAlreadyExistsException(`Login Profile for user ${owner} already exists.`);
  checkPasswordPolicy(password, await ctx.store.accountSettings.getPasswordPolicy(ctx.accountId));
  // The slow hash is computed outside the transaction, so it holds no lock while it runs.
  const passwordHash = await hashPassword(password);
  return ctx.store.transaction(async (t) => {
    const name = await profileOwner(t, ctx, owner);
    if (await t.loginProfiles.get(ctx.accountId, name)) throw new EntityAlreadyExistsException(`Login Profile for user ${name} already exists.`);
    const now = ctx.now.toISOString();
    const profile = {
      accountId: ctx.accountId, userName: name, createDate: now, passwordHash,
      passwordResetRequired: input.PasswordResetRequired ?? false, passwordLastChanged: now, previousHashes: [],
    };
    await t.loginProfiles.put(profile);
    return { LoginProfile: loginProfileShape(profile) };
  });
};

/**
 * A privileged session (AssumeRoot with IAMCreateRootUserPassword) gives the member account's root
 * a login profile without a password: the root may then recover its password ("the Password
 * parameter must be omitted when you make the request with an AssumeRoot session").
 */
const createRootProfile: Handler<CreateLoginProfileRequest, CreateLoginProfileResponse> = async (input, ctx) => {
  if (input.Password !== undefined) throw ValidationError('Password must be omitted when the request is made with an AssumeRoot session.');
  return ctx.store.transaction(async (t) => {
    if (await t.loginProfiles.get(ctx.accountId, ROOT_PROFILE)) throw new EntityAlreadyExistsException('Login Profile for the root user already exists.');
    const now = ctx.now.toISOString();
    const profile = {
      accountId: ctx.accountId, userName: ROOT_PROFILE, createDate: now, passwordHash: '',
      passwordResetRequired: input.PasswordResetRequired ?? false, passwordLastChanged: now, previousHashes: [],
    };
    await t.loginProfiles.put(profile);
    return { LoginProfile: loginProfileShape(profile) };
  });
};
