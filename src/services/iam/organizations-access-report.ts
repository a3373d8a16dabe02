// Organizations access reports (IAM User Guide, "Viewing last accessed information for
// Organizations"; API Reference, GenerateOrganizationsAccessReport and GetOrganizationsAccessReport):
// for an entity of the organization — its root (o-…/r-…) or one account (o-…/r-…/ACCOUNT) — every
// service its SCPs allow, and when a principal of its accounts (the root user, IAM users, roles)
// last attempted it, read from rolegate's decision log. Attempts count whether allowed or not, as
// AWS's do. rolegate's organization has no OUs and only the FullAWSAccess SCP (p-FullAWSAccess),
// attached everywhere, so the services listed are those rolegate names (access-reports.ts) plus any
// attempted. The report is computed whole when generated; a request Organizations would refuse (no
// organization, not the management account, an entity or policy it does not have) gives a FAILED
// job with Organizations' error, as IAM reports it.
import { randomUUID } from 'node:crypto';
import type {
  AccessDetail, GenerateOrganizationsAccessReportRequest, GenerateOrganizationsAccessReportResponse,
  GetOrganizationsAccessReportRequest, GetOrganizationsAccessReportResponse,
} from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import { accountsOf, roleIn } from '../../shared/organization.js';
import type { OrganizationSettings } from '../../shared/service-settings.js';
import type { OrganizationsAccessReportRecord, OrganizationsAccessService, Store } from '../../store/types.js';
import type { Handler, HandlerContext } from '../types.js';
import { namedServiceNamespaces, serviceDisplayName } from './access-reports.js';
import { pageList } from './pages.js';

/** The one SCP rolegate's organization has: AWS's FullAWSAccess, attached to the root and every account. */
export const FULL_AWS_ACCESS = 'p-FullAWSAccess';

/** How many decisions of one account a report reads at most, newest first. */
const SCAN_LIMIT = 100_000;

type Failure = { code: string; message: string };

// Organizations' own errors (Organizations API Reference, "Common errors" and the ListChildren / DescribePolicy errors).
const NOT_IN_USE: Failure = { code: 'AWSOrganizationsNotInUseException', message: 'Your account is not a member of an organization.' };
const ACCESS_DENIED: Failure = { code: 'AccessDeniedException', message: "You don't have permissions to access this resource." };
const TARGET_NOT_FOUND: Failure = { code: 'TargetNotFoundException', message: "We can't find a root, OU, account, or policy with the TargetId that you specified." };
const POLICY_NOT_FOUND: Failure = { code: 'PolicyNotFoundException', message: "We can't find a policy with the PolicyId that you specified." };

/** The accounts an entity path stands for in the organization, or why Organizations would refuse it. */
function entityAccounts(org: OrganizationSettings, path: string): string[] | Failure {
  const [orgId, rootId, ...rest] = path.split('/');
  if (orgId !== org.organizationId || rootId !== org.rootId) return TARGET_NOT_FOUND;
  if (rest.length === 0) return accountsOf(org);
  // An account sits directly under the root: rolegate's organization has no organizational units.
  if (rest.length === 1 && roleIn(org, rest[0]) !== 'outside') return [rest[0]];
  return TARGET_NOT_FOUND;
}

function whyRefused(ctx: HandlerContext, entityPath: string, policyId: string | undefined): Failure | string[] {
  const org = ctx.settings.organization;
  const role = roleIn(org, ctx.accountId);
  if (!org || role === 'outside') return NOT_IN_USE;
  if (role !== 'management') return ACCESS_DENIED;
  if (policyId !== undefined && policyId !== FULL_AWS_ACCESS) return POLICY_NOT_FOUND;
  return entityAccounts(org, entityPath);
}

/** Per service, the newest attempt by a principal of each account, newest across the accounts first. */
async function attempts(store: Store, org: OrganizationSettings, accounts: readonly string[]): Promise<Map<string, OrganizationsAccessService>> {
  const services = new Map<string, OrganizationsAccessService>();
  for (const ns of namedServiceNamespaces()) services.set(ns, { namespace: ns, accounts: 0 });
  for (const account of accounts) {
    const seen = new Set<string>();
    const path = `${org.organizationId}/${org.rootId}/${account}`;
    let marker: string | undefined;
    let read = 0;
    do {
      const page = await store.decisions.list({ accountId: account }, { marker, maxItems: 1000 });
      for (const d of page.items) {
        // Principals of this account only (not another account's calls on its resources, nor service principals).
        if (d.accountId !== account || !d.principal.startsWith('arn:')) continue;
        const ns = d.action.slice(0, d.action.indexOf(':')).toLowerCase();
        if (!ns || seen.has(ns)) continue;
        seen.add(ns);
        let s = services.get(ns);
        if (!s) services.set(ns, (s = { namespace: ns, accounts: 0 }));
        s.accounts++;
        // Newest first within an account; across accounts, the newest wins.
        if (s.lastAuthenticated === undefined || d.time > s.lastAuthenticated) {
          s.lastAuthenticated = d.time;
          s.entityPath = path;
          const region = d.context['aws:RequestedRegion'];
          if (typeof region === 'string') s.region = region;
          else delete s.region;
        }
      }
      read += page.items.length;
      marker = page.marker;
    } while (marker && read < SCAN_LIMIT);
  }
  return services;
}

export const GenerateOrganizationsAccessReport: Handler<GenerateOrganizationsAccessReportRequest, GenerateOrganizationsAccessReportResponse> = async (input, ctx) => {
  const time = ctx.now.toISOString();
  const base = { jobId: randomUUID(), accountId: ctx.accountId, entityPath: input.EntityPath, createDate: time, completionDate: time };
  const policy = input.OrganizationsPolicyId !== undefined ? { policyId: input.OrganizationsPolicyId } : {};
  const scope = whyRefused(ctx, input.EntityPath, input.OrganizationsPolicyId);
  let report: OrganizationsAccessReportRecord;
  if (!Array.isArray(scope)) {
    report = { ...base, ...policy, status: 'FAILED', error: scope, services: [] };
  } else {
    const found = await attempts(ctx.store, ctx.settings.organization!, scope);
    const services = [...found.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
    report = { ...base, ...policy, status: 'COMPLETED', services };
  }
  await ctx.store.organizations.putAccessReport(report);
  return { JobId: report.jobId };
};

type SortKey = NonNullable<GetOrganizationsAccessReportRequest['SortKey']>;

/** Services nobody attempted count as the oldest: first when ascending by time, last when descending. */
function sorted(services: OrganizationsAccessService[], key: SortKey | undefined): OrganizationsAccessService[] {
  const byName = (a: OrganizationsAccessService, b: OrganizationsAccessService) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0);
  const byTime = (a: OrganizationsAccessService, b: OrganizationsAccessService) => {
    const x = a.lastAuthenticated ?? '';
    const y = b.lastAuthenticated ?? '';
    return x < y ? -1 : x > y ? 1 : byName(a, b);
  };
  const out = [...services];
  switch (key ?? 'SERVICE_NAMESPACE_ASCENDING') {
    case 'SERVICE_NAMESPACE_ASCENDING': return out.sort(byName);
    case 'SERVICE_NAMESPACE_DESCENDING': return out.sort((a, b) => byName(b, a));
    case 'LAST_AUTHENTICATED_TIME_ASCENDING': return out.sort(byTime);
    case 'LAST_AUTHENTICATED_TIME_DESCENDING': return out.sort((a, b) => byTime(b, a));
  }
}

function accessDetail(s: OrganizationsAccessService): AccessDetail {
  return {
    ServiceName: serviceDisplayName(s.namespace), ServiceNamespace: s.namespace,
    ...(s.region ? { Region: s.region } : {}),
    ...(s.entityPath ? { EntityPath: s.entityPath } : {}),
    ...(s.lastAuthenticated ? { LastAuthenticatedTime: new Date(s.lastAuthenticated) } : {}),
    TotalAuthenticatedEntities: s.accounts,
  };
}

export const GetOrganizationsAccessReport: Handler<GetOrganizationsAccessReportRequest, GetOrganizationsAccessReportResponse> = async (input, ctx) => {
  const r = await ctx.store.organizations.getAccessReport(ctx.accountId, input.JobId);
  if (!r) throw new NoSuchEntityException(`The job with id ${input.JobId} cannot be found.`);
  const dates = { JobCreationDate: new Date(r.createDate), JobCompletionDate: new Date(r.completionDate) };
  if (r.status === 'FAILED') return { JobStatus: 'FAILED', ...dates, ErrorDetails: { Code: r.error!.code, Message: r.error!.message } };
  const page = pageList(sorted(r.services, input.SortKey).map(accessDetail), input.Marker, input.MaxItems);
  return {
    JobStatus: 'COMPLETED', ...dates,
    NumberOfServicesAccessible: r.services.length,
    NumberOfServicesNotAccessed: r.services.filter((s) => s.lastAuthenticated === undefined).length,
    AccessDetails: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}),
  };
};
