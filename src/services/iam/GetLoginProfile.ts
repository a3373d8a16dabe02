import type { GetLoginProfileRequest, GetLoginProfileResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { loginProfileShape, profileOwner, requireProfile } from './login-profiles.js';

export const GetLoginProfile: Handler<GetLoginProfileRequest, GetLoginProfileResponse> = async (input, ctx) => {
  const owner = await profileOwner(ctx.store, ctx, input.UserName);
  return { LoginProfile: loginProfileShape(await requireProfile(ctx.store, ctx.accountId, owner)) };
};
