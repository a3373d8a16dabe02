import type { GetCallerIdentityRequest, GetCallerIdentityResponse } from '../../generated/sts/shapes.js';
import type { Handler } from '../types.js';

/** Needs no permission and works under any deny, as in AWS. */
export const GetCallerIdentity: Handler<GetCallerIdentityRequest, GetCallerIdentityResponse> = async (_input, ctx) => ({
  UserId: ctx.caller.userId,
  Account: ctx.caller.accountId,
  Arn: ctx.caller.arn,
});
