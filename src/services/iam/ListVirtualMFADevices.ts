// ListVirtualMFADevices: the account's virtual devices, Assigned, Unassigned or Any (the default).
import type { ListVirtualMFADevicesRequest, ListVirtualMFADevicesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { virtualShape } from './mfa-devices.js';
import { pageList } from './pages.js';

export const ListVirtualMFADevices: Handler<ListVirtualMFADevicesRequest, ListVirtualMFADevicesResponse> = async (input, ctx) => {
  const status = input.AssignmentStatus ?? 'Any';
  const all = (await ctx.store.mfaDevices.list(ctx.accountId, { maxItems: 1_000_000 })).items;
  const wanted = all.filter((d) => status === 'Any' || (status === 'Assigned') === (d.userName !== undefined));
  const { items, ...page } = pageList(wanted, input.Marker, input.MaxItems);
  const devices = [];
  for (const d of items) devices.push(virtualShape(d, d.userName ? await ctx.store.users.get(ctx.accountId, d.userName) : undefined));
  return { VirtualMFADevices: devices, ...page };
};
