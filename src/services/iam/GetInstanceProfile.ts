import type { GetInstanceProfileRequest, GetInstanceProfileResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { instanceProfileShape, requireInstanceProfile } from './instance-profiles.js';

export const GetInstanceProfile: Handler<GetInstanceProfileRequest, GetInstanceProfileResponse> = async ({ InstanceProfileName }, ctx) => {
  const profile = await requireInstanceProfile(ctx.store, ctx.accountId, InstanceProfileName);
  return { InstanceProfile: await instanceProfileShape(ctx.store, ctx.accountId, profile, ctx.partition) };
};
