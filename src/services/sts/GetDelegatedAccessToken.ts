// GetDelegatedAccessToken: the partner trades the exchange token of a FINALIZED delegation request
// for temporary credentials of the identity that accepted it, limited to the request's policy (as a
// session policy: what both that identity's policies and the request's allow). The token is good
// once, by the requesting account, during the delegation period (SessionDuration from the token's
// release), and the credentials expire when the period ends. Any unusable token gets the same answer,
// which names neither the token nor the request.
import type { GetDelegatedAccessTokenRequest, GetDelegatedAccessTokenResponse } from '../../generated/sts/shapes.js';
import { ExpiredTradeInTokenException } from '../../generated/sts/errors.js';
import { stateOf, tokenHash } from '../iam/delegation-requests.js';
import type { Handler } from '../types.js';
import { issue, issueRoleSession } from './sessions.js';

const unusable = () => new ExpiredTradeInTokenException('The trade-in token provided in the request is expired, already used or invalid.');

export const GetDelegatedAccessToken: Handler<GetDelegatedAccessTokenRequest, GetDelegatedAccessTokenResponse> = async (input, ctx) => {
  const hash = tokenHash(input.TradeInToken);
  const now = ctx.now.getTime();
  const r = await ctx.store.transaction(async (t) => {
    const found = await t.delegationRequests.byTokenHash(hash);
    if (!found || found.tokenUsedAt || !found.finalizedAt || !found.approver) throw unusable();
    if (found.requestorAccountId !== ctx.caller.accountId) throw unusable();
    if (stateOf(found, ctx.now, ctx.settings.iam) !== 'FINALIZED') throw unusable();
    if (now >= Date.parse(found.finalizedAt) + found.sessionDuration * 1000) throw unusable();
    // Single use: marked in the same transaction that found it unused.
    await t.delegationRequests.put({ ...found, tokenUsedAt: ctx.now.toISOString() });
    return found;
  });
  const a = r.approver!;
  const end = Date.parse(r.finalizedAt!) + r.sessionDuration * 1000;
  if (a.type === 'assumed-role') {
    // The accepting role session's role must still be the same role.
    if ((await ctx.store.roles.idOf(a.accountId, a.roleName!)) !== a.roleId) throw unusable();
    const { credentials, assumedRoleUser } = issueRoleSession(ctx.tokens, {
      account: a.accountId, role: { name: a.roleName!, id: a.roleId!, arn: a.roleArn! }, sessionName: a.sessionName!,
      durationSeconds: (end - now) / 1000, now: ctx.now, sessionPolicy: r.permissionPolicy, rest: { delegationRequestId: r.id },
    });
    return { Credentials: credentials, AssumedPrincipal: assumedRoleUser.Arn };
  }
  if (a.type === 'user') {
    const user = await ctx.store.users.get(a.accountId, a.userName!);
    if (!user || user.id !== a.userId) throw unusable();
  }
  const { credentials } = issue(ctx.tokens, {
    accountId: a.accountId, kind: 'session', arn: a.arn, userId: a.userId, ...(a.userName ? { userName: a.userName } : {}),
    issuedAt: now, expiresAt: end, sessionPolicy: r.permissionPolicy, delegationRequestId: r.id,
  });
  return { Credentials: credentials, AssumedPrincipal: a.arn };
};
