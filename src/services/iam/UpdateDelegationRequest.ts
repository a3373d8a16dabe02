// UpdateDelegationRequest: the owner adds notes to an ASSIGNED request (or again to one already
// PENDING_APPROVAL) and forwards it for approval: it is PENDING_APPROVAL (API Reference,
// UpdateDelegationRequest). The owner may do this without a policy saying so (the map's resource policy).
import type { UpdateDelegationRequestRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { customerRequest, moved, publishState, stateOf, wrongState } from './delegation-requests.js';

export const UpdateDelegationRequest: Handler<UpdateDelegationRequestRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const r = await customerRequest(t, input.DelegationRequestId, ctx.caller);
    const state = stateOf(r, ctx.now, ctx.settings.iam);
    if (state !== 'ASSIGNED' && state !== 'PENDING_APPROVAL') throw wrongState(r.id, state, 'UpdateDelegationRequest');
    const next = moved(r, 'PENDING_APPROVAL', ctx.now, input.Notes !== undefined ? { notes: input.Notes } : {});
    await t.delegationRequests.put(next);
    if (state !== 'PENDING_APPROVAL') await publishState(t, ctx.sealer, next, ctx.now);
  });
};
