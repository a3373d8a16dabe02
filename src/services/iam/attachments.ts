// Managed policies attached to roles, users and groups: one implementation, three sets of handlers.
import { LimitExceededException, NoSuchEntityException, PolicyNotAttachableException } from '../../generated/iam/errors.js';
import type { LinkKind, StoreTables } from '../../store/types.js';
import type { HandlerContext } from '../types.js';
import { attachedKind, attachedPolicies, type PolicyOwner } from '../../directory/principal-documents.js';
import { isAwsManaged } from '../../directory/managed-policies.js';
import { limits } from './limits.js';
import { requireOwnerName, requirePolicy } from './lookups.js';
import { pageList } from './pages.js';

export type AttachOwner = PolicyOwner;
const kindOf = attachedKind;
const QUOTA = { role: 'PoliciesPerRole', user: 'PoliciesPerUser', group: 'PoliciesPerGroup' } as const;
const CUSTOMER = { role: 'Role', user: 'User', group: 'Group' } as const;

/** AWS's service role policies (path /aws-service-role/) belong to service-linked roles, which only AWS changes. */
const isServiceRolePolicy = (arn: string, path: string) => isAwsManaged(arn) && path.startsWith('/aws-service-role/');

export async function attach(ctx: HandlerContext, owner: AttachOwner, name: string, arn: string) {
  await ctx.store.transaction(async (t) => {
    const key = (await requireOwnerName(t, ctx.accountId, owner, name, true)).toLowerCase();
    const policy = await requirePolicy(t, ctx.accountId, arn);
    if (isServiceRolePolicy(policy.arn, policy.path)) throw new PolicyNotAttachableException(`Cannot attach a Service Role Policy to a Customer ${CUSTOMER[owner]}.`);
    if (await t.links.get(ctx.accountId, kindOf(owner), key, policy.arn)) return; // attaching twice changes nothing
    const attached = await t.links.from(ctx.accountId, kindOf(owner), key);
    if (attached.length >= limits.managedPoliciesPerEntity) {
      throw new LimitExceededException(`Cannot exceed quota for ${QUOTA[owner]}: ${limits.managedPoliciesPerEntity}`);
    }
    await t.links.put(ctx.accountId, kindOf(owner), key, policy.arn, JSON.stringify({ name: policy.name, path: policy.path }));
  });
}

export async function detach(ctx: HandlerContext, owner: AttachOwner, name: string, arn: string) {
  await ctx.store.transaction(async (t) => {
    const key = (await requireOwnerName(t, ctx.accountId, owner, name, true)).toLowerCase();
    if (!(await t.links.delete(ctx.accountId, kindOf(owner), key, arn))) throw new NoSuchEntityException(`Policy ${arn} was not found.`);
  });
}


export async function listAttached(ctx: HandlerContext, owner: AttachOwner, name: string, pathPrefix?: string, marker?: string, max?: number) {
  const real = await requireOwnerName(ctx.store, ctx.accountId, owner, name);
  const prefix = pathPrefix ?? '/';
  const all = (await attachedPolicies(ctx.store, ctx.accountId, owner, real))
    .filter((a) => a.path.startsWith(prefix))
    .map((a) => ({ PolicyName: a.PolicyName, PolicyArn: a.PolicyArn }));
  const page = pageList(all, marker, max);
  return { AttachedPolicies: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
}
