import type { InstanceProfile, ListInstanceProfilesForRoleRequest, ListInstanceProfilesForRoleResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { instanceProfileShape, profilesForRole } from './instance-profiles.js';
import { requireRole } from './lookups.js';
import { pageList } from './pages.js';

export const ListInstanceProfilesForRole: Handler<ListInstanceProfilesForRoleRequest, ListInstanceProfilesForRoleResponse> = async (input, ctx) => {
  const role = await requireRole(ctx.store, ctx.accountId, input.RoleName);
  const page = pageList(await profilesForRole(ctx.store, ctx.accountId, role.name), input.Marker, input.MaxItems);
  const profiles: InstanceProfile[] = [];
  for (const p of page.items) profiles.push(await instanceProfileShape(ctx.store, ctx.accountId, p, ctx.partition, false));
  return { InstanceProfiles: profiles, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};
