// Proving a code of a user's MFA device: the check STS makes (AssumeRole, GetSessionToken) before
// the authorize step, so that the policies see aws:MultiFactorAuthPresent. A code is taken once:
// the device remembers the last time step it accepted (RFC 6238 section 5.2), in the same
// transaction. No seed, code or serial number goes into an error or a log.
import { AccessDenied } from '../protocol/errors.js';
import type { Sealer } from '../shared/sealing.js';
import { base32Decode, isTotpCode, totpStep } from '../shared/totp.js';
import type { Store } from '../store/types.js';

/** Codes of one step before or after the server's are taken, as AWS allows for clock drift. */
export const AUTH_WINDOW_STEPS = 1;

/** AWS's words (AccessDenied, 403) when the serial number names no device enabled for the caller. */
export const MFA_UNKNOWN_DEVICE = 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';
/** AWS's words (AccessDenied, 403) when the code is wrong, stale or already used. */
export const MFA_INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';

/** The step of `code` among `steps` (in order) that comes after `lastStep`; undefined when none. */
export function matchingStep(seed: Uint8Array, code: string, steps: number[], lastStep: number | undefined): number | undefined {
  for (const s of steps) {
    if (lastStep !== undefined && s <= lastStep) continue;
    if (isTotpCode(seed, s, code)) return s;
  }
  return undefined;
}

export const windowAround = (now: Date, radius: number) => {
  const t = totpStep(now.getTime());
  const out: number[] = [];
  for (let s = t - radius; s <= t + radius; s++) out.push(s);
  return out;
};

/**
 * Checks `code` against the device `serialNumber` enabled for the IAM user `userName` of `account`,
 * and marks its time step used. Throws AccessDenied in AWS's words when it does not hold.
 */
export async function proveMfaCode(
  store: Store, sealer: Sealer,
  who: { account: string; userName: string | undefined },
  serialNumber: string, code: string, now: Date,
): Promise<void> {
  await store.transaction(async (t) => {
    const found = await t.mfaDevices.getById(serialNumber);
    const device = found?.entity;
    if (!device || found.accountId !== who.account || !who.userName || device.userName?.toLowerCase() !== who.userName.toLowerCase()) {
      throw AccessDenied(MFA_UNKNOWN_DEVICE);
    }
    const seed = base32Decode(sealer.open(device.seedSealed));
    const step = /^\d{6}$/.test(code) ? matchingStep(seed, code, windowAround(now, AUTH_WINDOW_STEPS), device.lastStep) : undefined;
    if (step === undefined) throw AccessDenied(MFA_INVALID_CODE);
    await t.mfaDevices.put(found.accountId, { ...device, lastStep: step });
  });
}
