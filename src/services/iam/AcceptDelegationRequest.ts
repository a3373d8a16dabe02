// AcceptDelegationRequest: an identity of the owner account approves an ASSIGNED or
// PENDING_APPROVAL request. IAM records who accepted, as it is now: the delegated credentials act as
// that identity, limited to the request's policy. The root may accept 4 hours or less (IAM User
// Guide, "IAM temporary delegation"). The token is released by SendDelegationToken, not here.
import type { AcceptDelegationRequestRequest } from '../../generated/iam/shapes.js';
import { ConcurrentModificationException, InvalidInputException } from '../../generated/iam/errors.js';
import { AccessDenied } from '../../protocol/errors.js';
import type { Caller } from '../../shared/caller.js';
import type { DelegationApprover } from '../../store/types.js';
import type { Handler } from '../types.js';
import { customerRequest, moved, publishState, ROOT_MAX_SESSION_SECONDS, stateOf } from './delegation-requests.js';

function approverOf(caller: Caller): DelegationApprover {
  if (caller.type === 'root') return { type: 'root', accountId: caller.accountId, arn: caller.arn, userId: caller.accountId };
  if (caller.type === 'user') return { type: 'user', accountId: caller.accountId, arn: caller.arn, userId: caller.userId, userName: caller.userName! };
  if (caller.type === 'assumed-role' && caller.session?.roleName) {
    const s = caller.session;
    return { type: 'assumed-role', accountId: caller.accountId, arn: caller.arn, userId: caller.userId, roleName: s.roleName, roleId: s.roleId!, roleArn: s.roleArn!, sessionName: s.sessionName! };
  }
  throw AccessDenied('Only the account root, an IAM user or an IAM role session can accept a delegation request.');
}

export const AcceptDelegationRequest: Handler<AcceptDelegationRequestRequest, void> = async (input, ctx) => {
  const caller = ctx.caller;
  const approver = approverOf(caller);
  await ctx.store.transaction(async (t) => {
    const r = await customerRequest(t, input.DelegationRequestId, caller);
    const state = stateOf(r, ctx.now, ctx.settings.iam);
    if (state !== 'ASSIGNED' && state !== 'PENDING_APPROVAL') {
      throw new ConcurrentModificationException(`Delegation request ${r.id} is in state ${state} and cannot be accepted.`);
    }
    if (caller.type === 'root' && r.sessionDuration > ROOT_MAX_SESSION_SECONDS) {
      throw new InvalidInputException(`The root user can only accept delegation requests with a session duration of ${ROOT_MAX_SESSION_SECONDS} seconds or less.`);
    }
    const next = moved(r, 'ACCEPTED', ctx.now, { approver });
    await t.delegationRequests.put(next);
    await publishState(t, ctx.sealer, next, ctx.now);
  });
};
