// EnableMFADevice: assigns a virtual device to a user once two consecutive codes of it are proved.
import type { EnableMFADeviceRequest } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, LimitExceededException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { MFA_DEVICES_PER_USER, devicesOf, provePair, requireDevice } from './mfa-devices.js';

export const EnableMFADevice: Handler<EnableMFADeviceRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    const device = await requireDevice(t, ctx.accountId, input.SerialNumber);
    if (device.userName) throw new EntityAlreadyExistsException('MFA Device is already in use.');
    if ((await devicesOf(t, ctx.accountId, user.name)).length >= MFA_DEVICES_PER_USER) {
      throw new LimitExceededException(`Cannot exceed quota for MFADevicesPerUser: ${MFA_DEVICES_PER_USER}`);
    }
    const lastStep = provePair(ctx.sealer, device, input.AuthenticationCode1, input.AuthenticationCode2, ctx.now);
    await t.mfaDevices.put(ctx.accountId, { ...device, userName: user.name, enableDate: ctx.now.toISOString(), lastStep });
  });
};
