// SendDelegationToken: releases the exchange token of an ACCEPTED request to the partner's topic;
// the request is FINALIZED, for good, and its delegation period starts now (API Reference,
// SendDelegationToken; IAM User Guide, "Building your integration"). With OnlySendByOwner only the
// owner may send it. The token is kept only as a hash, and sealed in the topic's message.
import type { SendDelegationTokenRequest } from '../../generated/iam/shapes.js';
import { AccessDenied } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import { customerRequest, moved, newExchangeToken, publishState, stateOf, wrongState } from './delegation-requests.js';

export const SendDelegationToken: Handler<SendDelegationTokenRequest, void> = async (input, ctx) => {
  await ctx.store.transaction(async (t) => {
    const r = await customerRequest(t, input.DelegationRequestId, ctx.caller);
    const state = stateOf(r, ctx.now, ctx.settings.iam);
    if (state !== 'ACCEPTED') throw wrongState(r.id, state, 'SendDelegationToken');
    if (r.onlySendByOwner && ctx.caller.arn !== r.ownerId) {
      throw AccessDenied(`Only the owner of delegation request ${r.id} (${r.ownerId}) may send its token.`);
    }
    const { token, hash } = newExchangeToken();
    const next = moved(r, 'FINALIZED', ctx.now, { finalizedAt: ctx.now.toISOString(), tokenHash: hash });
    await t.delegationRequests.put(next);
    await publishState(t, ctx.sealer, next, ctx.now, token);
  });
};
