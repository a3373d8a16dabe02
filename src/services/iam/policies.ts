// Managed policies as IAM stores and returns them; AWS's own catalog appears as read-only records.
import type { ManagedPolicyRecord, StoreTables } from '../../store/types.js';
import type { ManagedPolicyDetail, Policy, PolicyVersion } from '../../generated/iam/shapes.js';
import { encodeDocument } from './documents.js';
import { isAwsManaged, managedDocumentIn } from '../../directory/managed-policies.js';


export interface PolicyUsage { attachments: number; boundaries: number }

/** How many entities of the account attach a policy, and use it as a permissions boundary. */
export async function policyUsage(t: StoreTables, account: string, arn: string): Promise<PolicyUsage> {
  let attachments = 0;
  for (const kind of ['attached:role', 'attached:user', 'attached:group'] as const) attachments += (await t.links.to(account, kind, arn)).length;
  let boundaries = 0;
  for (const r of (await t.roles.list(account, { maxItems: 1_000_000 })).items) if (r.permissionsBoundary === arn) boundaries++;
  for (const u of (await t.users.list(account, { maxItems: 1_000_000 })).items) if (u.permissionsBoundary === arn) boundaries++;
  return { attachments, boundaries };
}

/**
 * policyUsage for every policy of the account at once, by ARN (a policy nothing uses is absent): one
 * pass over the account's roles, users and groups, however many policies are asked about.
 */
export async function policyUsages(t: StoreTables, account: string): Promise<Map<string, PolicyUsage>> {
  const usages = new Map<string, PolicyUsage>();
  const use = (arn: string) => {
    let u = usages.get(arn);
    if (!u) usages.set(arn, (u = { attachments: 0, boundaries: 0 }));
    return u;
  };
  const all = { maxItems: 1_000_000 };
  for (const r of (await t.roles.list(account, all)).items) {
    for (const l of await t.links.from(account, 'attached:role', r.name.toLowerCase())) use(l.b).attachments++;
    if (r.permissionsBoundary) use(r.permissionsBoundary).boundaries++;
  }
  for (const u of (await t.users.list(account, all)).items) {
    for (const l of await t.links.from(account, 'attached:user', u.name.toLowerCase())) use(l.b).attachments++;
    if (u.permissionsBoundary) use(u.permissionsBoundary).boundaries++;
  }
  for (const g of (await t.groups.list(account, all)).items) {
    for (const l of await t.links.from(account, 'attached:group', g.name.toLowerCase())) use(l.b).attachments++;
  }
  return usages;
}

export const NO_USAGE: PolicyUsage = Object.freeze({ attachments: 0, boundaries: 0 });

export function policyShape(p: ManagedPolicyRecord, usage: PolicyUsage, withTags = true): Policy {
  return {
    PolicyName: p.name, PolicyId: p.id, Arn: p.arn, Path: p.path, DefaultVersionId: p.defaultVersionId,
    AttachmentCount: usage.attachments, PermissionsBoundaryUsageCount: usage.boundaries, IsAttachable: true,
    ...(p.description ? { Description: p.description } : {}),
    CreateDate: new Date(p.createDate), UpdateDate: new Date(p.updateDate),
    ...(withTags && p.tags.length ? { Tags: p.tags } : {}),
  };
}

/** `partition`: the request's; an AWS managed policy's document names its resources in it. */
export function versionShape(p: ManagedPolicyRecord, versionId: string, withDocument: boolean, partition = 'aws'): PolicyVersion | undefined {
  const v = p.versions.find((x) => x.versionId === versionId);
  if (!v) return undefined;
  return {
    ...(withDocument ? { Document: encodeDocument(managedDocumentIn(p.arn, v.document, partition)) } : {}),
    VersionId: v.versionId,
    IsDefaultVersion: v.versionId === p.defaultVersionId,
    CreateDate: new Date(v.createDate),
  };
}

/** GetAccountAuthorizationDetails' form of a managed policy: every version with its document. */
export async function policyDetail(t: StoreTables, account: string, p: ManagedPolicyRecord, partition: string, known?: PolicyUsage): Promise<ManagedPolicyDetail> {
  const usage = known ?? await policyUsage(t, account, p.arn);
  const shape = policyShape(p, usage, false);
  return {
    ...shape,
    PolicyVersionList: [...p.versions].reverse().map((v) => versionShape(p, v.versionId, true, partition)!),
  };
}
