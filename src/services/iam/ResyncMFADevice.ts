// ResyncMFADevice: two consecutive codes of a device enabled for the user bring it back in step.
import type { ResyncMFADeviceRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { provePair, requireAssigned } from './mfa-devices.js';

export const ResyncMFADevice: Handler<ResyncMFADeviceRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    const device = await requireAssigned(t, ctx.accountId, user.name, input.SerialNumber);
    const lastStep = provePair(ctx.sealer, device, input.AuthenticationCode1, input.AuthenticationCode2, ctx.now);
    await t.mfaDevices.put(ctx.accountId, { ...device, lastStep });
  });
};
