import type { InstanceProfile, ListInstanceProfilesRequest, ListInstanceProfilesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { instanceProfileShape } from './instance-profiles.js';
import { maxItems, pageFields } from './pages.js';

export const ListInstanceProfiles: Handler<ListInstanceProfilesRequest, ListInstanceProfilesResponse> = async (input, ctx) => {
  const page = await ctx.store.instanceProfiles.list(ctx.accountId, { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: maxItems(input.MaxItems) });
  const profiles: InstanceProfile[] = [];
  for (const p of page.items) profiles.push(await instanceProfileShape(ctx.store, ctx.accountId, p, ctx.partition, false));
  return { InstanceProfiles: profiles, ...pageFields(page) };
};
