// AssumeRoot: short-term credentials of a member account's root user, scoped by a task policy, for
// an IAM user or role of the organization's management account (API Reference, AssumeRoot; IAM
// User Guide, "Centrally manage root access for member accounts"). The authorize step has already
// decided sts:AssumeRoot on the target's root ARN with sts:TaskPolicyArn; the organization's state
// is decided here. The session acts as the target's root in the target account, less what the task
// policy denies (src/authz/authorize.ts), and carries aws:AssumedRoot.
import type { AssumeRootRequest, AssumeRootResponse } from '../../generated/sts/shapes.js';
import { AccessDenied, InvalidParameterValue, ValidationError } from '../../protocol/errors.js';
import { roleIn } from '../../shared/organization.js';
import type { Handler } from '../types.js';
import { issue } from './sessions.js';
import { ROOT_TASK_POLICIES, targetAccountOf, taskPolicyOf } from './root-sessions.js';

/** The longest privileged session, and the default (API Reference, AssumeRoot DurationSeconds). */
const MAX_DURATION = 900;

export const AssumeRoot: Handler<AssumeRootRequest, AssumeRootResponse> = async (input, ctx) => {
  const target = targetAccountOf(input.TargetPrincipal);
  if (!target) throw ValidationError(`TargetPrincipal ${input.TargetPrincipal} is not an account ID or the ARN of an account's root user.`);
  const taskPolicy = taskPolicyOf(input.TaskPolicyArn?.arn);
  if (!taskPolicy) {
    throw InvalidParameterValue(`The TaskPolicyArn ${input.TaskPolicyArn?.arn ?? ''} is not a root task policy. Use one of: ${ROOT_TASK_POLICIES.join(', ')}.`);
  }
  const caller = ctx.caller;
  // "You cannot use root user credentials to call sts:AssumeRoot" (IAM User Guide, privileged tasks), nor a privileged session's.
  if (caller.type === 'root') throw AccessDenied('Cannot call AssumeRoot with root user credentials');
  if (caller.type !== 'user' && caller.type !== 'assumed-role') throw AccessDenied(`Cannot call AssumeRoot with ${caller.type} credentials`);
  const org = ctx.settings.organization;
  const role = roleIn(org, caller.accountId);
  if (!org || role === 'outside') throw AccessDenied(`Account ${caller.accountId} is not in an organization: AssumeRoot is called from an organization's management account or a delegated administrator for IAM.`);
  if (role !== 'management') throw AccessDenied(`Account ${caller.accountId} is not the management account of organization ${org.organizationId} or a delegated administrator for IAM.`);
  const features = await ctx.store.organizations.features(org.organizationId);
  if (!features.includes('RootSessions')) throw AccessDenied(`Root sessions are not enabled for organization ${org.organizationId}: EnableOrganizationsRootSessions enables them.`);
  if (roleIn(org, target) !== 'member') throw AccessDenied(`Account ${target} is not a member account of organization ${org.organizationId}.`);
  const duration = input.DurationSeconds ?? MAX_DURATION;
  const now = ctx.now.getTime();
  const sourceIdentity = caller.session?.sourceIdentity;
  const { credentials } = issue(ctx.tokens, {
    accountId: target,
    kind: 'root',
    arn: `arn:aws:iam::${target}:root`,
    userId: target,
    taskPolicyArn: taskPolicy,
    issuedAt: now,
    expiresAt: now + duration * 1000,
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
  });
  return { Credentials: credentials, ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}) };
};
