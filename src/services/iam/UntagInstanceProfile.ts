import type { UntagInstanceProfileRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireInstanceProfile } from './instance-profiles.js';
import { removeTags } from './tags.js';

export const UntagInstanceProfile: Handler<UntagInstanceProfileRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const profile = await requireInstanceProfile(t, ctx.accountId, input.InstanceProfileName);
    profile.tags = removeTags(profile.tags, input.TagKeys);
    await t.instanceProfiles.put(ctx.accountId, profile);
  });
};
