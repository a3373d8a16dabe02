// CreateVirtualMFADevice: a device with a fresh 40-byte seed, unassigned until EnableMFADevice. The
// seed is answered this once, as Base32StringSeed and as QRCodePNG (a QR code of the otpauth:// URI
// that authenticator apps scan), and kept only sealed.
import type { CreateVirtualMFADeviceRequest, CreateVirtualMFADeviceResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException } from '../../generated/iam/errors.js';
import type { MfaDeviceRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { mfaDeviceArn } from '../../directory/arns.js';
import { randomBytesPooled } from '../../shared/ids.js';
import { base32Encode } from '../../shared/totp.js';
import { encodeQr } from '../../shared/qr-code.js';
import { modulesPng } from '../../shared/png.js';
import { checkNewTags } from './tags.js';

/**
 * `otpauth://totp/$virtualMFADeviceName@$AccountName?secret=$Base32String`, AccountName being the
 * account id while no user has the device (IAM API Reference, VirtualMFADevice); the name is
 * percent-encoded, as the Key URI format wants its label. Undefined for a name too long for a QR code.
 */
function qrCodePng(name: string, account: string, seed: string): Buffer | undefined {
  const q = encodeQr(Buffer.from(`otpauth://totp/${encodeURIComponent(name)}@${account}?secret=${seed}`));
  return q ? modulesPng(q.modules, 4, 4) : undefined;
}

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
    const png = qrCodePng(input.VirtualMFADeviceName, ctx.accountId, seed);
    return { VirtualMFADevice: { SerialNumber: serial, Base32StringSeed: Buffer.from(seed), ...(png ? { QRCodePNG: png } : {}), ...(tags.length ? { Tags: tags } : {}) } };
  });
};
