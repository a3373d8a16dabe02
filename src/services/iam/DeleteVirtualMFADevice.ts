import type { DeleteVirtualMFADeviceRequest } from '../../generated/iam/shapes.js';
import { DeleteConflictException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { requireDevice } from './mfa-devices.js';

// A device still enabled for a user must be deactivated first (IAM API Reference, DeleteVirtualMFADevice).
export const DeleteVirtualMFADevice: Handler<DeleteVirtualMFADeviceRequest, void> = async ({ SerialNumber }, ctx) => {
  await ctx.store.transaction(async (t) => {
    const device = await requireDevice(t, ctx.accountId, SerialNumber);
    if (device.userName) throw new DeleteConflictException('MFA Device is in use. Deactivate the MFA device before deleting it.');
    await t.mfaDevices.delete(ctx.accountId, device.name);
  });
};
