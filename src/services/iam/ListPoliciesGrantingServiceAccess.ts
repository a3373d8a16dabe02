import type {
  ListPoliciesGrantingServiceAccessEntry, ListPoliciesGrantingServiceAccessRequest, ListPoliciesGrantingServiceAccessResponse,
} from '../../generated/iam/shapes.js';
import { grantsServiceAccess } from '../../policy/index.js';
import type { Handler } from '../types.js';
import { pageList } from './pages.js';
import { policySource } from './principal-sources.js';
import { entityPolicies } from './service-access.js';

// For each namespace asked, in the order asked, the policies of the user, group or role (and of a
// user's groups) whose Allow statements grant some action of that service; a namespace none grants
// is answered with no policies. The answer pages by namespace with IAM's Marker, 100 entries a page.
export const ListPoliciesGrantingServiceAccess: Handler<ListPoliciesGrantingServiceAccessRequest, ListPoliciesGrantingServiceAccessResponse> = async (input, ctx) => {
  const source = await policySource(ctx.store, ctx.accountId, input.Arn, ctx.partition);
  const policies = await entityPolicies(ctx.store, ctx.accountId, source.kind, source.name);
  const entries: ListPoliciesGrantingServiceAccessEntry[] = input.ServiceNamespaces.map((ns) => ({
    ServiceNamespace: ns,
    Policies: policies.filter((p) => grantsServiceAccess(p.parsed, ns)).map((p) => p.shape),
  }));
  const page = pageList(entries, input.Marker, undefined);
  return { PoliciesGrantingServiceAccess: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};
