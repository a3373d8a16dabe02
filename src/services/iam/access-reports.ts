// Service last-accessed reports (IAM's access advisor): for a user, group or role, every service its
// policies grant and when the entity (a group's members; a role's sessions) last made an allowed
// request of it, read from rolegate's decision log. A report is computed whole when it is
// generated, so its job is COMPLETED at once; it reads the log, never writes it.
import { randomUUID } from 'node:crypto';
import { servicesGranted } from '../../policy/index.js';
import type { AccessReportEntity, AccessReportRecord, AccessReportService, StoreTables } from '../../store/types.js';
import type { Store } from '../../store/types.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import { membersOf } from './groups.js';
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

const entityOf = (type: AccessReportEntity['type'], e: { arn: string; name: string; id: string; path: string }): AccessReportEntity =>
  ({ arn: e.arn, name: e.name, type, id: e.id, path: e.path });

/** The entities whose requests count, and how a decision's principal maps onto one of them. */
async function tracked(t: StoreTables, account: string, kind: 'user' | 'group' | 'role', name: string) {
  if (kind === 'role') {
    const role = (await t.roles.get(account, name))!;
    const sessions = `arn:aws:sts::${account}:assumed-role/${role.name}/`;
    return { entities: [entityOf('ROLE', role)], owner: (p: string) => (p === role.arn || p.startsWith(sessions) ? role.arn : undefined) };
  }
  const users = kind === 'user' ? [(await t.users.get(account, name))!] : await membersOf(t, account, name);
  const byArn = new Set(users.map((u) => u.arn));
  return { entities: users.map((u) => entityOf('USER', u)), owner: (p: string) => (byArn.has(p) ? p : undefined) };
}

export async function generateAccessReport(store: Store, account: string, arn: string, granularity: AccessReportRecord['granularity'], now: Date): Promise<AccessReportRecord> {
  const source = await policySource(store, account, arn);
  const namespaces = new Set<string>();
  for (const p of await entityPolicies(store, account, source.kind, source.name)) for (const ns of servicesGranted(p.parsed)) namespaces.add(ns);
  const { entities, owner } = await tracked(store, account, source.kind, source.name);
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
