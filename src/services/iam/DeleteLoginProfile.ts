import type { DeleteLoginProfileRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { profileOwner, requireProfile } from './login-profiles.js';

export const DeleteLoginProfile: Handler<DeleteLoginProfileRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const owner = await profileOwner(t, ctx, input.UserName);
    await requireProfile(t, ctx.accountId, owner);
    await t.loginProfiles.delete(ctx.accountId, owner);
  });
};
