// Service last-accessed reports (IAM's access advisor): for a user, group, role or managed policy,
// every service its policies (or the policy) grant and when the entity (a group's members; a role's
// sessions; the users, roles and group members a policy is attached to) last made an allowed request
// of it, read from rolegate's decision log. A report is computed whole when it is
// generated, so its job is COMPLETED at once; it reads the log, never writes it.
import { randomUUID } from 'node:crypto';
import { loadStored } from '../../directory/principal-policies.js';
import { servicesGranted, type ParsedPolicy } from '../../policy/index.js';
import type { AccessReportEntity, AccessReportRecord, AccessReportService, StoreTables } from '../../store/types.js';
import type { Store } from '../../store/types.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import { membersOf } from './groups.js';
import { requirePolicy } from './lookups.js';
import { policySource } from './principal-sources.js';
import { entityPolicies } from './service-access.js';

/** How many allowed decisions of the account one report reads at most, newest first. */
const SCAN_LIMIT = 100_000;

/** AWS's names for the services rolegate serves and a few common others; any other is named by its namespace. */
const SERVICE_NAMES: Record<string, string> = {
  iam: 'AWS Identity and Access Management',
  sts: 'AWS Security Token Service',
  s3: 'Amazon S3',
  kinesis: 'Amazon Kinesis',
  firehose: 'Amazon Kinesis Firehose',
  mobiletargeting: 'Amazon Pinpoint',
  personalize: 'Amazon Personalize',
  ec2: 'Amazon EC2',
  lambda: 'AWS Lambda',
  dynamodb: 'Amazon DynamoDB',
  sqs: 'Amazon SQS',
  sns: 'Amazon SNS',
  kms: 'AWS Key Management Service',
  logs: 'Amazon CloudWatch Logs',
  cloudwatch: 'Amazon CloudWatch',
  codecommit: 'AWS CodeCommit',
  cassandra: 'Amazon Keyspaces',
  bedrock: 'Amazon Bedrock',
};

export const serviceDisplayName = (ns: string) => (Object.hasOwn(SERVICE_NAMES, ns) ? SERVICE_NAMES[ns] : ns);

/** The namespaces SERVICE_NAMES names: the services an organizations access report lists even when nobody called them. */
export const namedServiceNamespaces = (): string[] => Object.keys(SERVICE_NAMES);

const entityOf = (type: AccessReportEntity['type'], e: { arn: string; name: string; id: string; path: string }): AccessReportEntity =>
  ({ arn: e.arn, name: e.name, type, id: e.id, path: e.path });

interface Tracked { entities: AccessReportEntity[]; owner: (principal: string) => string | undefined }

/** The users and roles whose requests count, and how a decision's principal (a role's session too) maps onto one of them. */
function tracking(account: string, users: readonly AccessReportEntity[], roles: readonly AccessReportEntity[]): Tracked {
  const byArn = new Set(users.map((u) => u.arn));
  const sessions = new Map(roles.map((r) => [`arn:aws:sts::${account}:assumed-role/${r.name}/`, r.arn]));
  return {
    entities: [...users, ...roles],
    owner(p) {
      if (byArn.has(p)) return p;
      if (!p.startsWith(`arn:aws:sts::${account}:assumed-role/`)) return roles.find((r) => r.arn === p)?.arn;
      for (const [prefix, arn] of sessions) if (p.startsWith(prefix)) return arn;
      return undefined;
    },
  };
}

async function entityTracking(t: StoreTables, account: string, kind: 'user' | 'group' | 'role', name: string): Promise<Tracked> {
  if (kind === 'role') return tracking(account, [], [entityOf('ROLE', (await t.roles.get(account, name))!)]);
  const users = kind === 'user' ? [(await t.users.get(account, name))!] : await membersOf(t, account, name);
  return tracking(account, users.map((u) => entityOf('USER', u)), []);
}

/** A managed policy's report: what it grants, and the users, roles and group members it is attached to. */
async function policyReportSource(t: StoreTables, account: string, arn: string): Promise<{ granted: ParsedPolicy[]; tracked: Tracked }> {
  const policy = await requirePolicy(t, account, arn);
  const version = policy.versions.find((v) => v.versionId === policy.defaultVersionId);
  const loaded = version ? loadStored(version.document, 'identity') : undefined;
  const users = new Map<string, AccessReportEntity>();
  const roles: AccessReportEntity[] = [];
  for (const l of await t.links.to(account, 'attached:user', policy.arn)) {
    const u = await t.users.get(account, l.a);
    if (u) users.set(u.arn, entityOf('USER', u));
  }
  for (const l of await t.links.to(account, 'attached:group', policy.arn)) {
    const g = await t.groups.get(account, l.a);
    if (g) for (const u of await membersOf(t, account, g.name)) users.set(u.arn, entityOf('USER', u));
  }
  for (const l of await t.links.to(account, 'attached:role', policy.arn)) {
    const r = await t.roles.get(account, l.a);
    if (r) roles.push(entityOf('ROLE', r));
  }
  return { granted: loaded?.ok ? [loaded.parsed] : [], tracked: tracking(account, [...users.values()], roles) };
}

export async function generateAccessReport(store: Store, account: string, arn: string, granularity: AccessReportRecord['granularity'], now: Date): Promise<AccessReportRecord> {
  let granted: ParsedPolicy[];
  let tracked: Tracked;
  if (/^arn:aws:iam::(\d{12}|aws):policy\//.test(arn)) {
    ({ granted, tracked } = await policyReportSource(store, account, arn));
  } else {
    // Input ARNs reach handlers in the stored form (arn:aws:…), whatever the request's partition.
    const source = await policySource(store, account, arn, 'aws');
    granted = (await entityPolicies(store, account, source.kind, source.name)).map((p) => p.parsed);
    tracked = await entityTracking(store, account, source.kind, source.name);
  }
  const namespaces = new Set<string>();
  for (const p of granted) for (const ns of servicesGranted(p)) namespaces.add(ns);
  const { entities, owner } = tracked;
  const services = new Map<string, AccessReportService>();
  for (const ns of [...namespaces].sort()) services.set(ns, { namespace: ns, entities: {}, ...(granularity === 'ACTION_LEVEL' ? { actions: [] } : {}) });
  let marker: string | undefined;
  let read = 0;
  do {
    const page = await store.decisions.list({ accountId: account, result: 'Allowed' }, { marker, maxItems: 1000 });
    for (const d of page.items) {
      const entity = owner(d.principal);
      if (!entity) continue;
      const colon = d.action.indexOf(':');
      const s = services.get(d.action.slice(0, colon).toLowerCase());
      if (!s) continue;
      // Newest first: the first decision seen for a service, entity or action is its latest.
      if (s.lastAuthenticated === undefined) { s.lastAuthenticated = d.time; s.lastAuthenticatedEntity = entity; }
      if (s.entities[entity] === undefined) s.entities[entity] = d.time;
      const action = d.action.slice(colon + 1);
      if (s.actions && !s.actions.some((a) => a.name === action)) s.actions.push({ name: action, time: d.time, entity });
    }
    read += page.items.length;
    marker = page.marker;
  } while (marker && read < SCAN_LIMIT);
  for (const s of services.values()) s.actions?.sort((a, b) => a.name.localeCompare(b.name));
  const time = now.toISOString();
  return { jobId: randomUUID(), accountId: account, arn, granularity, createDate: time, completionDate: time, entities, services: [...services.values()] };
}

export async function requireAccessReport(store: Store, account: string, jobId: string): Promise<AccessReportRecord> {
  const r = await store.accessReports.get(account, jobId);
  if (!r) throw new NoSuchEntityException(`The job with id ${jobId} cannot be found.`);
  return r;
}
