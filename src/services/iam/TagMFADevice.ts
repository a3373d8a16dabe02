import type { TagMFADeviceRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireDevice } from './mfa-devices.js';
import { mergeTags } from './tags.js';

export const TagMFADevice: Handler<TagMFADeviceRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const device = await requireDevice(t, ctx.accountId, input.SerialNumber);
    await t.mfaDevices.put(ctx.accountId, { ...device, tags: mergeTags(device.tags, input.Tags) });
  });
};
