import type { GetInstanceProfileRequest, GetInstanceProfileResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { instanceProfileShape, requireInstanceProfile } from './instance-profiles.js';

export const GetInstanceProfile: Handler<GetInstanceProfileRequest, GetInstanceProfileResponse> = async ({ InstanceProfileName }, ctx) => {
  const profile = await requireInstanceProfile(ctx.store, ctx.accountId, InstanceProfileName);
  // GetInstanceProfile sends Tags even when the profile has none (an empty <Tags/>), unlike CreateInstanceProfile.
  return { InstanceProfile: { ...(await instanceProfileShape(ctx.store, ctx.accountId, profile, ctx.partition)), Tags: profile.tags } };
};
