// GetSessionToken: temporary credentials for an IAM user (up to 36 hours) or the root (up to 1 hour).
import type { GetSessionTokenRequest, GetSessionTokenResponse } from '../../generated/sts/shapes.js';
import { AccessDenied } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import { issue } from './sessions.js';

export const GetSessionToken: Handler<GetSessionTokenRequest, GetSessionTokenResponse> = async (input, ctx) => {
  const caller = ctx.caller;
  if (caller.session) throw AccessDenied('Cannot call GetSessionToken with session credentials');
  // Users get 900 s to 36 hours (default 12); the root's session is at most an hour, and a longer
  // request is cut to one hour rather than refused (API Reference, GetSessionToken DurationSeconds).
  const requested = input.DurationSeconds ?? (caller.type === 'root' ? 3600 : 43200);
  const duration = caller.type === 'root' ? Math.min(requested, 3600) : requested;
  const now = ctx.now.getTime();
  const { credentials } = issue(ctx.tokens, {
    accountId: caller.accountId,
    kind: 'session',
    arn: caller.arn,
    userId: caller.userId,
    ...(caller.userName ? { userName: caller.userName } : {}),
    issuedAt: now,
    expiresAt: now + duration * 1000,
    // The code was proved before the authorize step (server/call.ts); the session carries the MFA.
    ...(caller.mfaAuthenticatedAt !== undefined ? { mfa: true, mfaAuthenticatedAt: caller.mfaAuthenticatedAt } : {}),
  });
  return { Credentials: credentials };
};
