import type { UntagMFADeviceRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireDevice } from './mfa-devices.js';
import { removeTags } from './tags.js';

export const UntagMFADevice: Handler<UntagMFADeviceRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const device = await requireDevice(t, ctx.accountId, input.SerialNumber);
    await t.mfaDevices.put(ctx.accountId, { ...device, tags: removeTags(device.tags, input.TagKeys) });
  });
};
