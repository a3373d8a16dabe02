// ListMFADevices: the devices enabled for a user, or for the calling user when no UserName is given.
import type { ListMFADevicesRequest, ListMFADevicesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { devicesOf, mfaShape } from './mfa-devices.js';
import { pageList } from './pages.js';

export const ListMFADevices: Handler<ListMFADevicesRequest, ListMFADevicesResponse> = async (input, ctx) => {
  const userName = input.UserName ?? (ctx.caller.type === 'user' ? ctx.caller.userName : undefined);
  // The root's own devices are not IAM's virtual devices here: the root has none to list.
  if (!userName) return { MFADevices: [], IsTruncated: false };
  const user = await requireUser(ctx.store, ctx.accountId, userName);
  const { items, ...page } = pageList(await devicesOf(ctx.store, ctx.accountId, user.name), input.Marker, input.MaxItems);
  return { MFADevices: items.map(mfaShape), ...page };
};
