// Virtual MFA devices as IAM answers them, and the checks IAM makes of a device's two consecutive
// codes (EnableMFADevice, ResyncMFADevice). The seed is opened only to check a code, and answered
// only by CreateVirtualMFADevice; it never goes into a shape, an error or a log.
import type { MFADevice, VirtualMFADevice } from '../../generated/iam/shapes.js';
import { InvalidAuthenticationCodeException, NoSuchEntityException } from '../../generated/iam/errors.js';
import type { MfaDeviceRecord, StoreTables, UserRecord } from '../../store/types.js';
import type { Sealer } from '../../shared/sealing.js';
import { base32Decode } from '../../shared/totp.js';
import { matchingStep, windowAround } from '../../directory/mfa-devices.js';
import { userListShape } from './users.js';
import { requireUser } from './lookups.js';

/**
 * How far from the server's clock the pair of codes may lie: a person types two codes a step
 * apart, and a device being resynchronized has drifted (AWS does not publish its window).
 */
export const PAIR_WINDOW_STEPS = 10;

/** A user may have up to 8 MFA devices (IAM User Guide, "IAM and AWS STS quotas"). */
export const MFA_DEVICES_PER_USER = 8;

export async function requireDevice(t: StoreTables, account: string, serialNumber: string): Promise<MfaDeviceRecord> {
  const found = await t.mfaDevices.getById(serialNumber);
  if (!found || found.accountId !== account) throw new NoSuchEntityException(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
  return found.entity;
}

/** The devices enabled for one user, in order of their names. */
export async function devicesOf(t: StoreTables, account: string, userName: string): Promise<MfaDeviceRecord[]> {
  const key = userName.toLowerCase();
  return (await t.mfaDevices.list(account, { maxItems: 1_000_000 })).items.filter((d) => d.userName?.toLowerCase() === key);
}

export function mfaShape(d: MfaDeviceRecord): MFADevice {
  return { UserName: d.userName!, SerialNumber: d.id, EnableDate: new Date(d.enableDate!) };
}

/** ListVirtualMFADevices' form: the user it is assigned to, when it is, and its tags. */
export function virtualShape(d: MfaDeviceRecord, user: UserRecord | undefined): VirtualMFADevice {
  return {
    SerialNumber: d.id,
    ...(user ? { User: userListShape(user) } : {}),
    ...(d.enableDate ? { EnableDate: new Date(d.enableDate) } : {}),
    ...(d.tags.length ? { Tags: d.tags } : {}),
  };
}

/**
 * The later step of two consecutive codes (code 1 at step s, code 2 at s + 1) near the server's
 * clock and after any step the device already accepted (a device deactivated and enabled again
 * does not take its old codes); InvalidAuthenticationCode in AWS's words when they are not.
 */
export function provePair(sealer: Sealer, d: MfaDeviceRecord, code1: string, code2: string, now: Date): number {
  const seed = base32Decode(sealer.open(d.seedSealed));
  const steps = windowAround(now, PAIR_WINDOW_STEPS);
  if (/^\d{6}$/.test(code1) && /^\d{6}$/.test(code2)) {
    for (const s of steps) {
      if (matchingStep(seed, code1, [s], d.lastStep) !== undefined && matchingStep(seed, code2, [s + 1], d.lastStep) !== undefined) return s + 1;
    }
  }
  throw new InvalidAuthenticationCodeException('Authentication code for device is not valid.');
}

/** The device of that serial number enabled for that user; NoSuchEntity otherwise. */
export async function requireAssigned(t: StoreTables, account: string, userName: string, serialNumber: string): Promise<MfaDeviceRecord> {
  const found = await t.mfaDevices.getById(serialNumber);
  const d = found && found.accountId === account ? found.entity : undefined;
  if (!d || d.userName?.toLowerCase() !== userName.toLowerCase()) {
    throw new NoSuchEntityException(`MFA Device with serial number ${serialNumber} does not exist.`);
  }
  return d;
}

/** The user a device operation names, or the calling user; NoSuchEntity for the root, which has no virtual device here. */
export async function mfaUserName(t: StoreTables, ctx: { accountId: string; caller: { type: string; userName?: string } }, given: string | undefined, serialNumber: string): Promise<string> {
  const name = given ?? (ctx.caller.type === 'user' ? ctx.caller.userName : undefined);
  if (!name) throw new NoSuchEntityException(`MFA Device with serial number ${serialNumber} does not exist.`);
  return (await requireUser(t, ctx.accountId, name)).name;
}
