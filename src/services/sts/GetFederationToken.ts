// GetFederationToken: temporary credentials for a federated user of an IAM user (or the root),
// whose permissions are the intersection of that user's policies and the session policies given
// here; without a session policy the federated user may do nothing (IAM User Guide, "Permissions
// for GetFederationToken"). Callable only with long-term credentials.
import type { GetFederationTokenRequest, GetFederationTokenResponse } from '../../generated/sts/shapes.js';
import { AccessDenied, InvalidParameterValue } from '../../protocol/errors.js';
import { findPolicy } from '../../directory/managed-policies.js';
import type { Handler } from '../types.js';
import { issue } from './sessions.js';
import { checkSessionPolicy, checkSessionTags, packedPolicySize } from './session-policies.js';

export const federatedUserArn = (account: string, name: string) => `arn:aws:sts::${account}:federated-user/${name}`;

export const GetFederationToken: Handler<GetFederationTokenRequest, GetFederationTokenResponse> = async (input, ctx) => {
  const caller = ctx.caller;
  if (caller.session) throw AccessDenied('Cannot call GetFederationToken with session credentials');
  if (caller.type !== 'user' && caller.type !== 'root') throw AccessDenied('GetFederationToken is called with the long-term credentials of an IAM user or the account root');
  // Users get 900 s to 36 hours (default 12); the root's session is at most an hour (its default),
  // a longer request cut to one hour rather than refused (API Reference, GetFederationToken).
  const root = caller.type === 'root';
  const requested = input.DurationSeconds ?? (root ? 3600 : 43200);
  const duration = root ? Math.min(requested, 3600) : requested;
  checkSessionPolicy(input.Policy);
  for (const d of input.PolicyArns ?? []) {
    if (!d.arn || !(await findPolicy(ctx.store, caller.accountId, d.arn))) throw InvalidParameterValue(`The policy ${d.arn ?? ''} does not exist or is not attachable.`);
  }
  checkSessionTags(input.Tags, undefined);
  const packed = packedPolicySize(input.Policy, input.PolicyArns, input.Tags);
  const arn = federatedUserArn(caller.accountId, input.Name);
  const userId = `${caller.accountId}:${input.Name}`;
  const now = ctx.now.getTime();
  const { credentials } = issue(ctx.tokens, {
    accountId: caller.accountId,
    kind: 'federated-user',
    arn,
    userId,
    sessionName: input.Name,
    ...(caller.userName ? { userName: caller.userName } : {}),
    federatingUserId: caller.userId,
    issuedAt: now,
    expiresAt: now + duration * 1000,
    ...(input.Policy !== undefined ? { sessionPolicy: input.Policy } : {}),
    ...(input.PolicyArns?.length ? { sessionPolicyArns: input.PolicyArns.map((p) => p.arn!) } : {}),
    ...(input.Tags?.length ? { tags: input.Tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
  });
  return {
    Credentials: credentials,
    FederatedUser: { FederatedUserId: userId, Arn: arn },
    // AWS answers PackedPolicySize 0 when no session policy was given (AssumeRole leaves it out then).
    PackedPolicySize: packed ?? 0,
  };
};
