// GetDelegationRequest: the request as its partner and its customer see it (NoSuchEntity for
// anyone else), and, when asked, whether the caller's own policies cover what it delegates.
import type { GetDelegationRequestRequest, GetDelegationRequestResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { canSee, delegationRequestShape, noSuchDelegationRequest } from './delegation-requests.js';
import { permissionCheck } from './delegation-permission-check.js';

export const GetDelegationRequest: Handler<GetDelegationRequestRequest, GetDelegationRequestResponse> = async (input, ctx) => {
  const r = await ctx.store.delegationRequests.get(input.DelegationRequestId);
  if (!r || !canSee(r, ctx.caller)) throw noSuchDelegationRequest(input.DelegationRequestId);
  const check = input.DelegationPermissionCheck ? await permissionCheck(ctx, r.permissionPolicy) : undefined;
  return {
    DelegationRequest: delegationRequestShape(r, ctx.now, ctx.settings.iam),
    ...(check ? { PermissionCheckStatus: 'COMPLETE' as const, PermissionCheckResult: check } : {}),
  };
};
