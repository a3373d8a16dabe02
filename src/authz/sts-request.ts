// An STS request as the engine sees it. sts:AssumeRole is decided with the target role's trust
// policy as the resource-based policy, whichever account the role is in.
import type { ContextValue } from '../policy/index.js';
import type { Caller } from '../services/types.js';
import type { StoreTables, Tag } from '../store/types.js';
import { stsMap } from './map/sts.js';
import { requestTagContext } from './request-context.js';
import type { AuthzRequest } from './authorize.js';

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
  return {
    action: 'sts:AssumeRole',
    resource: role && role.arn === roleArn ? role.arn : roleArn,
    resourceAccount: account,
    context,
    trust: role && role.arn === roleArn ? { id: `trust:${role.arn}`, document: role.assumeRolePolicyDocument } : null,
  };
}
