// An STS request as the engine sees it. sts:AssumeRole is decided with the target role's trust
// policy as the resource-based policy, whichever account the role is in.
import type { ContextValue } from '../policy/index.js';
import type { Caller } from '../shared/caller.js';
import type { StoreTables, Tag } from '../store/types.js';
import { stsMap } from './map/sts.js';
import { requestTagContext } from './request-context.js';
import type { AuthzRequest } from '../shared/authz-request.js';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[^/]+\/)*([^/]+)$/;

export async function stsRequest(t: StoreTables, caller: Caller, operation: string, input: Record<string, unknown>, context: Record<string, ContextValue>): Promise<AuthzRequest | undefined> {
  const entry = stsMap[operation];
  if (!entry || entry.action === null) return undefined;
  if (operation !== 'AssumeRole') return { action: entry.action, resource: '*', resourceAccount: caller.accountId, context };
  const roleArn = String(input.RoleArn ?? '');
  const m = ROLE_ARN.exec(roleArn);
  const account = m?.[1] ?? caller.accountId;
  const role = m ? await t.roles.get(account, m[2]) : undefined;
  if (typeof input.RoleSessionName === 'string') context['sts:RoleSessionName'] = input.RoleSessionName;
  if (typeof input.ExternalId === 'string') context['sts:ExternalId'] = input.ExternalId;
  if (typeof input.SourceIdentity === 'string') context['sts:SourceIdentity'] = input.SourceIdentity;
  requestTagContext(context, input.Tags as Tag[] | undefined);
  if (Array.isArray(input.TransitiveTagKeys)) context['sts:TransitiveTagKeys'] = input.TransitiveTagKeys as string[];
  // Passing session tags (or carrying a chained session's transitive tags) needs sts:TagSession, and
  // setting or carrying a source identity needs sts:SetSourceIdentity, both allowed like
  // sts:AssumeRole itself (IAM User Guide: "Passing session tags in AWS STS", "Monitor and control
  // actions taken with assumed roles").
  const also: string[] = [];
  const session = caller.type === 'assumed-role' ? caller.session : undefined;
  const tags = Array.isArray(input.Tags) && input.Tags.length > 0;
  const transitive = Array.isArray(input.TransitiveTagKeys) && input.TransitiveTagKeys.length > 0;
  if (tags || transitive || (session?.transitiveTagKeys?.length ?? 0) > 0) also.push('sts:TagSession');
  if (typeof input.SourceIdentity === 'string' || session?.sourceIdentity !== undefined) also.push('sts:SetSourceIdentity');
  return {
    ...(also.length ? { also } : {}),
    action: 'sts:AssumeRole',
    resource: role && role.arn === roleArn ? role.arn : roleArn,
    resourceAccount: account,
    context,
    trust: role && role.arn === roleArn ? { id: `trust:${role.arn}`, document: role.assumeRolePolicyDocument } : null,
  };
}
