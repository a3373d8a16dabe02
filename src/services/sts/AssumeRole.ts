// AssumeRole: the pipeline's authorize step has already decided the caller's identity policies
// together with the role's trust policy; this issues the session.
import type { AssumeRoleRequest, AssumeRoleResponse } from '../../generated/sts/shapes.js';
import { AccessDenied, InvalidParameterValue } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import type { Caller, SessionClaims } from '../../shared/caller.js';
import { issueRoleSession } from './sessions.js';
import { sessionDuration, targetRole } from './roles.js';
import { checkSessionPolicy, checkSessionTags, packedPolicySize } from './session-policies.js';
import { findPolicy } from '../../directory/managed-policies.js';
import { noteRoleUse } from './role-use.js';

/**
 * The role session has MFA when this request proved a code (server/call.ts) or the calling session
 * had one (GetSessionToken with MFA, or a role session that had it); its age counts from that proof.
 */
function mfaOf(caller: Caller): Pick<SessionClaims, 'mfa' | 'mfaAuthenticatedAt'> {
  const at = caller.mfaAuthenticatedAt ?? caller.session?.mfaAuthenticatedAt;
  if (at !== undefined) return { mfa: true, mfaAuthenticatedAt: at };
  return caller.session?.mfa ? { mfa: true } : {};
}

export const AssumeRole: Handler<AssumeRoleRequest, AssumeRoleResponse> = async (input, ctx) => {
  const caller = ctx.caller;
  if (caller.type === 'root') throw AccessDenied('Roles may not be assumed by root accounts.');
  const { account, role } = await targetRole(ctx.store, input.RoleArn, caller.arn, 'sts:AssumeRole');
  const chained = caller.type === 'assumed-role';
  const duration = sessionDuration(input.DurationSeconds, role, chained);
  checkSessionPolicy(input.Policy);
  for (const d of input.PolicyArns ?? []) {
    if (!d.arn || !(await findPolicy(ctx.store, account, d.arn))) throw InvalidParameterValue(`The policy ${d.arn ?? ''} does not exist or is not attachable.`);
  }
  checkSessionTags(input.Tags, input.TransitiveTagKeys);
  // Transitive tags of the calling session carry into a chained session.
  const inherited = chained ? (caller.session!.tags ?? []).filter((t) => caller.session!.transitiveTagKeys?.some((k) => k.toLowerCase() === t.Key.toLowerCase())) : [];
  for (const t of input.Tags ?? []) {
    if (inherited.some((i) => i.Key.toLowerCase() === t.Key.toLowerCase())) {
      throw InvalidParameterValue(`One or more session tags conflict with transitive tags of the calling session: ${t.Key}`);
    }
  }
  const tags = [...inherited, ...(input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }))];
  const packed = packedPolicySize(input.Policy, input.PolicyArns, input.Tags);
  const sourceIdentity = input.SourceIdentity ?? caller.session?.sourceIdentity;
  if (caller.session?.sourceIdentity && input.SourceIdentity && input.SourceIdentity !== caller.session.sourceIdentity) {
    throw AccessDenied('SourceIdentity cannot be changed once set for a role session chain.');
  }
  const { credentials, assumedRoleUser } = issueRoleSession(ctx.tokens, {
    account, role, sessionName: input.RoleSessionName, durationSeconds: duration, now: ctx.now,
    sessionPolicy: input.Policy, sessionPolicyArns: input.PolicyArns?.map((p) => p.arn!),
    rest: {
      ...(tags.length ? { tags } : {}),
      ...(input.TransitiveTagKeys?.length || inherited.length
        ? { transitiveTagKeys: [...(chained ? caller.session!.transitiveTagKeys ?? [] : []), ...(input.TransitiveTagKeys ?? [])] }
        : {}),
      ...(sourceIdentity ? { sourceIdentity } : {}),
      ...(chained ? { chained: true } : {}),
      ...(input.ExternalId ? { externalId: input.ExternalId } : {}),
      ...mfaOf(caller),
    },
  });
  noteRoleUse(ctx.store, account, role.name, ctx.now, ctx.region);
  return {
    Credentials: credentials,
    AssumedRoleUser: assumedRoleUser,
    ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
    ...(sourceIdentity ? { SourceIdentity: sourceIdentity } : {}),
  };
};
