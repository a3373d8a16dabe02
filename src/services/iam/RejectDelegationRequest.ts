// RejectDelegationRequest: the owner account refuses an ASSIGNED, PENDING_APPROVAL or ACCEPTED
// request (an accepted one until its token is sent); Notes become its RejectionReason. A rejected
// request cannot be accepted or updated later (API Reference, RejectDelegationRequest).
import type { RejectDelegationRequestRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { customerRequest, moved, publishState, stateOf, wrongState } from './delegation-requests.js';

export const RejectDelegationRequest: Handler<RejectDelegationRequestRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const r = await customerRequest(t, input.DelegationRequestId, ctx.caller);
    const state = stateOf(r, ctx.now, ctx.settings.iam);
    if (state !== 'ASSIGNED' && state !== 'PENDING_APPROVAL' && state !== 'ACCEPTED') throw wrongState(r.id, state, 'RejectDelegationRequest');
    const next = moved(r, 'REJECTED', ctx.now, input.Notes !== undefined ? { rejectionReason: input.Notes } : {});
    await t.delegationRequests.put(next);
    await publishState(t, ctx.sealer, next, ctx.now);
  });
};
