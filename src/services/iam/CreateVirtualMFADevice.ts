// CreateVirtualMFADevice: a device with a fresh 40-byte seed, unassigned until EnableMFADevice. The
// seed is answered this once (Base32StringSeed) and kept only sealed. rolegate has no QR encoder,
// so QRCodePNG (optional in the model) is not answered: the seed is what an authenticator app takes.
import type { CreateVirtualMFADeviceRequest, CreateVirtualMFADeviceResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException } from '../../generated/iam/errors.js';
import type { MfaDeviceRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { mfaDeviceArn } from '../../directory/arns.js';
import { randomBytesPooled } from '../../shared/ids.js';
import { base32Encode } from '../../shared/totp.js';
import { checkNewTags } from './tags.js';

export const CreateVirtualMFADevice: Handler<CreateVirtualMFADeviceRequest, CreateVirtualMFADeviceResponse> = async (input, ctx) => {
  const path = input.Path ?? '/';
  const tags = checkNewTags(input.Tags);
  const seed = base32Encode(randomBytesPooled(40));
  return ctx.store.transaction(async (t) => {
    const serial = mfaDeviceArn(ctx.accountId, path, input.VirtualMFADeviceName);
    const device: MfaDeviceRecord = {
      name: input.VirtualMFADeviceName, id: serial, arn: serial, path, createDate: ctx.now.toISOString(),
      seedSealed: ctx.sealer.seal(seed), tags,
    };
    if (!(await t.mfaDevices.create(ctx.accountId, device))) {
      throw new EntityAlreadyExistsException('MFADevice entity at the same path and name already exists.');
    }
    return { VirtualMFADevice: { SerialNumber: serial, Base32StringSeed: Buffer.from(seed), ...(tags.length ? { Tags: tags } : {}) } };
  });
};
