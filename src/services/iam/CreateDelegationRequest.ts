// CreateDelegationRequest: a partner asks a customer's account for temporary, limited access. The
// permissions are one of the partner's policy templates — in rolegate, a customer managed policy of
// the partner's own account (the registration AWS does at onboarding) — rendered with the request's
// parameters; the request starts UNASSIGNED, for the account named (or any account) to associate.
import type { CreateDelegationRequestRequest, CreateDelegationRequestResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, InvalidInputException } from '../../generated/iam/errors.js';
import { findPolicy } from '../../directory/managed-policies.js';
import { parsePolicyArn } from '../../directory/arns.js';
import type { DelegationRequestRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { expiresAt, newDelegationRequestId, renderTemplate, topicAccount } from './delegation-requests.js';
import { delegationExpiryJob } from './delegation-expiry.js';

type Parameter = DelegationRequestRecord['permissions']['Parameters'][number];

/** The permissions boundaries the rendered policy requires of the roles it lets the partner create (iam:PermissionsBoundary conditions). */
function boundaryArns(policy: string): string[] {
  const arns = new Set<string>();
  const doc = JSON.parse(policy) as { Statement?: unknown };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  for (const s of statements as { Effect?: string; Condition?: Record<string, Record<string, unknown>> }[]) {
    if (s?.Effect !== 'Allow' || !s.Condition) continue;
    for (const block of Object.values(s.Condition)) {
      for (const [key, value] of Object.entries(block ?? {})) {
        if (key.toLowerCase() !== 'iam:permissionsboundary') continue;
        for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') arns.add(v);
      }
    }
  }
  return [...arns];
}

export const CreateDelegationRequest: Handler<CreateDelegationRequestRequest, CreateDelegationRequestResponse> = async (input, ctx) => {
  const caller = ctx.caller;
  const templateArn = input.Permissions.PolicyTemplateArn;
  if (!templateArn) throw new InvalidInputException('Permissions must name a PolicyTemplateArn.');
  const parameters: Parameter[] = (input.Permissions.Parameters ?? []).map((p) => {
    if (!p.Name || !p.Type || !p.Values) throw new InvalidInputException('Each policy parameter needs a Name, a Type and Values.');
    return { Name: p.Name, Values: p.Values, Type: p.Type };
  });
  topicAccount(input.NotificationChannel);
  const parsed = parsePolicyArn(templateArn);
  const template = parsed && parsed.account === caller.accountId ? await findPolicy(ctx.store, caller.accountId, templateArn) : undefined;
  const version = template?.versions.find((v) => v.versionId === template.defaultVersionId);
  if (!template || !version) throw new InvalidInputException(`The policy template ${templateArn} is not registered for account ${caller.accountId}.`);
  const permissionPolicy = renderTemplate(version.document, parameters);
  const boundaries = boundaryArns(permissionPolicy);
  const now = ctx.now.toISOString();
  const alias = await ctx.store.accountSettings.getAlias(caller.accountId);
  const record: DelegationRequestRecord = {
    id: newDelegationRequestId(),
    requestorAccountId: caller.accountId,
    requestorArn: caller.arn,
    ...(alias ? { requestorName: alias.slice(0, 30) } : {}),
    workflowId: input.RequestorWorkflowId,
    ...(input.OwnerAccountId ? { ownerAccountId: input.OwnerAccountId } : {}),
    description: input.Description,
    ...(input.RequestMessage !== undefined ? { requestMessage: input.RequestMessage } : {}),
    permissions: { PolicyTemplateArn: templateArn, Parameters: parameters },
    permissionPolicy,
    ...(boundaries.length ? { rolePermissionRestrictionArns: boundaries } : {}),
    ...(input.RedirectUrl ? { redirectUrl: input.RedirectUrl } : {}),
    notificationChannel: input.NotificationChannel,
    sessionDuration: input.SessionDuration,
    onlySendByOwner: input.OnlySendByOwner ?? false,
    state: 'UNASSIGNED',
    createDate: now,
    updatedTime: now,
    stateChangedAt: now,
  };
  // IAM keeps the workflow id unique per requestor (API Reference, CreateDelegationRequest).
  if (!(await ctx.store.delegationRequests.create(record))) {
    throw new EntityAlreadyExistsException(`A delegation request with the workflow id ${input.RequestorWorkflowId} already exists.`);
  }
  await ctx.jobs.enqueue(delegationExpiryJob(caller.accountId, record.id, expiresAt(record, ctx.settings.iam)));
  return { DelegationRequestId: record.id };
};
