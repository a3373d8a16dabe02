import type { TagInstanceProfileRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireInstanceProfile } from './instance-profiles.js';
import { mergeTags } from './tags.js';

export const TagInstanceProfile: Handler<TagInstanceProfileRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const profile = await requireInstanceProfile(t, ctx.accountId, input.InstanceProfileName);
    profile.tags = mergeTags(profile.tags, input.Tags);
    await t.instanceProfiles.put(ctx.accountId, profile);
  });
};
