// GetMFADevice: one device enabled for a user (the caller when no UserName is given).
import type { GetMFADeviceRequest, GetMFADeviceResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { mfaUserName, requireAssigned } from './mfa-devices.js';

export const GetMFADevice: Handler<GetMFADeviceRequest, GetMFADeviceResponse> = async (input, ctx) => {
  const userName = await mfaUserName(ctx.store, ctx, input.UserName, input.SerialNumber);
  const d = await requireAssigned(ctx.store, ctx.accountId, userName, input.SerialNumber);
  return { UserName: d.userName!, SerialNumber: d.id, EnableDate: new Date(d.enableDate!) };
};
