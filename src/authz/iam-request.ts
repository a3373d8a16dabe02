// An IAM request as the engine sees it: iam:<Operation>, the resource ARN (with the entity's path),
// and the operation's condition keys, from the IAM authorization map.
import type { ContextValue } from '../policy/index.js';
import type { Caller } from '../shared/caller.js';
import type { StoreTables, Tag } from '../store/types.js';
import { iamMap } from './map/iam.js';
import { requestTagContext, resourceTagContext } from './request-context.js';
import type { AuthzRequest } from '../shared/authz-request.js';

type Input = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export async function iamRequest(t: StoreTables, caller: Caller, operation: string, input: Input, context: Record<string, ContextValue>): Promise<AuthzRequest> {
  const account = caller.accountId;
  const entry = iamMap[operation] ?? { resource: '*' as const };
  const action = `iam:${operation}`;
  let resource = '*';
  let tags: Tag[] | undefined;
  let boundary: string | undefined;
  const name = entry.name ? str(input[entry.name]) : undefined;
  const path = (entry.path ? str(input[entry.path]) : undefined) ?? '/';
  switch (entry.resource) {
    case 'role': {
      if (operation === 'CreateServiceLinkedRole') {
        const svc = str(input.AWSServiceName) ?? '';
        resource = `arn:aws:iam::${account}:role/aws-service-role/${svc}/*`;
        context['iam:AWSServiceName'] = svc;
        break;
      }
      if (operation === 'GetServiceLinkedRoleDeletionStatus') {
        const m = /^task\/(aws-service-role\/[^/]+\/[^/]+)\/[^/]+$/.exec(str(input.DeletionTaskId) ?? '');
        resource = `arn:aws:iam::${account}:role/${m ? m[1] : '*'}`;
        break;
      }
      const r = name ? await t.roles.get(account, name) : undefined;
      resource = r ? r.arn : `arn:aws:iam::${account}:role${path}${name ?? ''}`;
      tags = r?.tags;
      boundary = r?.permissionsBoundary;
      break;
    }
    case 'user': {
      const userName = name ?? (entry.callerUserByDefault && caller.type === 'user' ? caller.userName : undefined);
      if (!userName && entry.callerUserByDefault) {
        resource = caller.type === 'user' ? caller.arn : `arn:aws:iam::${account}:root`;
        break;
      }
      const u = userName ? await t.users.get(account, userName) : undefined;
      resource = u ? u.arn : `arn:aws:iam::${account}:user${path}${userName ?? ''}`;
      tags = u?.tags;
      boundary = u?.permissionsBoundary;
      break;
    }
    case 'group': {
      const g = name ? await t.groups.get(account, name) : undefined;
      resource = g ? g.arn : `arn:aws:iam::${account}:group${path}${name ?? ''}`;
      break;
    }
    case 'instance-profile': {
      const p = name ? await t.instanceProfiles.get(account, name) : undefined;
      resource = p ? p.arn : `arn:aws:iam::${account}:instance-profile${path}${name ?? ''}`;
      tags = p?.tags;
      break;
    }
    case 'policy':
      resource = operation === 'CreatePolicy' ? `arn:aws:iam::${account}:policy${path}${name ?? ''}` : name ?? '*';
      break;
    case 'oidc-provider': {
      if (name) resource = name;
      else {
        const url = str(input.Url) ?? '';
        resource = `arn:aws:iam::${account}:oidc-provider/${url.replace(/^https:\/\//, '')}`;
      }
      break;
    }
    case 'arn':
      resource = name ?? '*';
      break;
    case 'list':
      // AWS authorizes a listing on the path it lists: "… iam:ListRoles on resource: arn:aws:iam::ACCOUNT:role/".
      resource = `arn:aws:iam::${account}:${entry.listOf}${path}`;
      break;
    default:
      resource = '*';
  }
  for (const key of entry.keys ?? []) {
    if (key === 'aws:RequestTag' || key === 'aws:TagKeys') requestTagContext(context, input.Tags as Tag[] | undefined, input.TagKeys as string[] | undefined);
    else if (key === 'iam:PolicyARN' && str(input.PolicyArn)) context['iam:PolicyARN'] = str(input.PolicyArn)!;
    else if (key === 'iam:PermissionsBoundary') {
      const b = str(input.PermissionsBoundary) ?? boundary;
      if (b) context['iam:PermissionsBoundary'] = b;
    }
  }
  resourceTagContext(context, tags);
  return { action, resource, resourceAccount: account, context };
}
