// DeactivateMFADevice: the device is no longer the user's; a virtual one stays, unassigned.
import type { DeactivateMFADeviceRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { mfaUserName, requireAssigned } from './mfa-devices.js';

export const DeactivateMFADevice: Handler<DeactivateMFADeviceRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const userName = await mfaUserName(t, ctx, input.UserName, input.SerialNumber);
    const { userName: _user, enableDate: _date, ...device } = await requireAssigned(t, ctx.accountId, userName, input.SerialNumber);
    await t.mfaDevices.put(ctx.accountId, device);
  });
};
