import type { ListPoliciesRequest, ListPoliciesResponse, Policy } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { pageList } from './pages.js';
import { NO_USAGE, policyShape, policyUsages } from './policies.js';
import { allAwsPolicyRecords } from '../../directory/managed-policies.js';

/** Scope=AWS lists AWS's whole catalog (by name), Local the account's own, All both (AWS's first). */
export const ListPolicies: Handler<ListPoliciesRequest, ListPoliciesResponse> = async (input, ctx) => {
  const scope = input.Scope ?? 'All';
  const prefix = input.PathPrefix ?? '/';
  const records = [];
  if (scope !== 'Local') records.push(...allAwsPolicyRecords());
  if (scope !== 'AWS') records.push(...(await ctx.store.policies.list(ctx.accountId, { maxItems: 1_000_000 })).items);
  const usages = await policyUsages(ctx.store, ctx.accountId);
  const shapes: Policy[] = [];
  for (const p of records) {
    if (!p.path.startsWith(prefix)) continue;
    const usage = usages.get(p.arn) ?? NO_USAGE;
    if (input.OnlyAttached) {
      const used = input.PolicyUsageFilter === 'PermissionsBoundary' ? usage.boundaries
        : input.PolicyUsageFilter === 'PermissionsPolicy' ? usage.attachments : usage.attachments + usage.boundaries;
      if (used === 0) continue;
    }
    // IAM's Policy shape: "Description … is not included in the response to the ListPolicies operation."
    const { Description: _, ...shape } = policyShape(p, usage, false);
    shapes.push(shape);
  }
  const page = pageList(shapes, input.Marker, input.MaxItems);
  return { Policies: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};
