// The expiry of delegation requests as durable background work: one job per request, due when the
// request would expire (a day after creation while Unassigned, a week after any later change of
// state); a request that changed state since is looked at again at its new time. An expired request
// is stored EXPIRED and the partner's topic gets the message, once (the step is idempotent).
// Readers never wait for the job: they compute EXPIRED from the times themselves.
import type { EnqueueJob } from '../../shared/jobs.js';
import { defaultServiceSettings, type IamSettings } from '../../shared/service-settings.js';
import type { Store } from '../../store/types.js';
import { expiresAt, publishState } from './delegation-requests.js';

export const DELEGATION_EXPIRY_JOB_KIND = 'iam.delegation-expiry';

export interface DelegationExpiryInput { delegationRequestId: string }

export const delegationExpiryJob = (accountId: string, delegationRequestId: string, runAt: number): EnqueueJob => ({
  id: `iam-delegation-expiry-${delegationRequestId}`, kind: DELEGATION_EXPIRY_JOB_KIND, accountId, input: { delegationRequestId }, runAt,
});

export async function delegationExpiryStep(input: DelegationExpiryInput, deps: { store: Store; settings?: IamSettings; now: number }): Promise<{ checkpoint: null; done: boolean; runAt?: number }> {
  const settings = deps.settings ?? defaultServiceSettings.iam;
  return deps.store.transaction(async (t) => {
    const r = await t.delegationRequests.get(input.delegationRequestId);
    if (!r || r.state === 'EXPIRED') return { checkpoint: null, done: true };
    const at = expiresAt(r, settings);
    if (deps.now < at) return { checkpoint: null, done: false, runAt: at };
    const expiredAt = new Date(at).toISOString();
    const expired = { ...r, state: 'EXPIRED' as const, expiredAt, updatedTime: expiredAt };
    await t.delegationRequests.put(expired);
    await publishState(t, undefined, expired, new Date(deps.now));
    return { checkpoint: null, done: true };
  });
}
