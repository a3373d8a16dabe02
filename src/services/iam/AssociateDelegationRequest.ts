// AssociateDelegationRequest: the caller claims an UNASSIGNED request — only an identity of the
// owner account when the partner named one, any account's otherwise — and becomes its owner (its
// ARN the OwnerId, its account the OwnerAccountId): the request is ASSIGNED.
import type { AssociateDelegationRequestRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { customerRequest, moved, publishState, stateOf, wrongState } from './delegation-requests.js';

export const AssociateDelegationRequest: Handler<AssociateDelegationRequestRequest, void> = async (input, ctx) => {
  const caller = ctx.caller;
  await ctx.store.transaction(async (t) => {
    const r = await customerRequest(t, input.DelegationRequestId, caller);
    const state = stateOf(r, ctx.now, ctx.settings.iam);
    if (state !== 'UNASSIGNED') throw wrongState(r.id, state, 'AssociateDelegationRequest');
    const next = moved(r, 'ASSIGNED', ctx.now, { ownerAccountId: caller.accountId, ownerId: caller.arn });
    await t.delegationRequests.put(next);
    await publishState(t, ctx.sealer, next, ctx.now);
  });
};
