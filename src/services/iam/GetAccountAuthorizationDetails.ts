// Every user, group, role and managed policy of the account with their relations, in one paged
// list. Documents are URL-encoded as AWS sends them; AWS managed policies appear only when in use.
import type {
  GetAccountAuthorizationDetailsRequest, GetAccountAuthorizationDetailsResponse, GroupDetail, InstanceProfile,
  ManagedPolicyDetail, RoleDetail, UserDetail,
} from '../../generated/iam/shapes.js';
import type { ManagedPolicyRecord, StoreTables } from '../../store/types.js';
import type { Handler } from '../types.js';
import type { AttachOwner } from './attachments.js';
import { allAwsPolicyRecords } from '../../directory/managed-policies.js';
import { attachedPolicies, inlineDocuments } from '../../directory/principal-documents.js';
import { showPrincipals } from '../../directory/principal-binding.js';
import { encodeDocument } from './documents.js';
import { groupsOfUser } from './groups.js';
import { instanceProfileShape, profilesForRole } from './instance-profiles.js';
import { attachedBoundary } from './boundaries.js';
import { pageList } from './pages.js';
import { NO_USAGE, policyDetail, policyUsages } from './policies.js';

type Filter = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';
type Entry = { kind: 'user'; v: UserDetail } | { kind: 'group'; v: GroupDetail } | { kind: 'role'; v: RoleDetail } | { kind: 'policy'; v: ManagedPolicyDetail };

const ALL = 1_000_000;

const boundaryOf = attachedBoundary;

async function inline(t: StoreTables, account: string, owner: AttachOwner, name: string) {
  return (await inlineDocuments(t, account, owner, name)).map((p) => ({ PolicyName: p.name, PolicyDocument: encodeDocument(p.document) }));
}

async function attached(t: StoreTables, account: string, owner: AttachOwner, name: string) {
  return (await attachedPolicies(t, account, owner, name)).map((a) => ({ PolicyName: a.PolicyName, PolicyArn: a.PolicyArn }));
}

async function users(t: StoreTables, account: string): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const u of (await t.users.list(account, { maxItems: ALL })).items) {
    // A user without inline policies has no UserPolicyList at all (AWS's answer), where a group's
    // GroupPolicyList and a role's RolePolicyList, and every other list, are sent empty.
    const userPolicies = await inline(t, account, 'user', u.name);
    out.push({ kind: 'user', v: {
      Path: u.path, UserName: u.name, UserId: u.id, Arn: u.arn, CreateDate: new Date(u.createDate),
      ...(userPolicies.length ? { UserPolicyList: userPolicies } : {}),
      GroupList: (await groupsOfUser(t, account, u.name)).map((g) => g.name),
      AttachedManagedPolicies: await attached(t, account, 'user', u.name),
      ...boundaryOf(u.permissionsBoundary),
      Tags: u.tags,
    } });
  }
  return out;
}

async function groups(t: StoreTables, account: string): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const g of (await t.groups.list(account, { maxItems: ALL })).items) {
    out.push({ kind: 'group', v: {
      Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: new Date(g.createDate),
      GroupPolicyList: await inline(t, account, 'group', g.name),
      AttachedManagedPolicies: await attached(t, account, 'group', g.name),
    } });
  }
  return out;
}

async function roles(t: StoreTables, account: string, partition: string): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const r of (await t.roles.list(account, { maxItems: ALL })).items) {
    const profiles: InstanceProfile[] = [];
    for (const p of await profilesForRole(t, account, r.name)) profiles.push(await instanceProfileShape(t, account, p, partition));
    out.push({ kind: 'role', v: {
      Path: r.path, RoleName: r.name, RoleId: r.id, Arn: r.arn, CreateDate: new Date(r.createDate),
      AssumeRolePolicyDocument: encodeDocument(await showPrincipals(t, r.assumeRolePolicyDocument, partition)),
      InstanceProfileList: profiles,
      RolePolicyList: await inline(t, account, 'role', r.name),
      AttachedManagedPolicies: await attached(t, account, 'role', r.name),
      ...boundaryOf(r.permissionsBoundary),
      Tags: r.tags,
      RoleLastUsed: r.lastUsed ? { LastUsedDate: new Date(r.lastUsed.date), Region: r.lastUsed.region } : {},
    } });
  }
  return out;
}

async function policies(t: StoreTables, account: string, records: ManagedPolicyRecord[], onlyInUse: boolean, partition: string): Promise<Entry[]> {
  const out: Entry[] = [];
  const usages = await policyUsages(t, account);
  for (const p of records) {
    const usage = usages.get(p.arn) ?? NO_USAGE;
    if (onlyInUse && !usage.attachments && !usage.boundaries) continue;
    out.push({ kind: 'policy', v: await policyDetail(t, account, p, partition, usage) });
  }
  return out;
}

export const GetAccountAuthorizationDetails: Handler<GetAccountAuthorizationDetailsRequest, GetAccountAuthorizationDetailsResponse> = async (input, ctx) => {
  // The generated type reads `… | "AWSManagedPolicy"[]`; on the wire it is a list of these names.
  const given = (input.Filter ?? []) as unknown as Filter[];
  const wants = (f: Filter) => given.length === 0 || given.includes(f);
  const account = ctx.accountId;
  const entries = await ctx.store.transaction(async (t) => {
    const all: Entry[] = [];
    if (wants('User')) all.push(...(await users(t, account)));
    if (wants('Group')) all.push(...(await groups(t, account)));
    if (wants('Role')) all.push(...(await roles(t, account, ctx.partition)));
    if (wants('LocalManagedPolicy')) all.push(...(await policies(t, account, (await t.policies.list(account, { maxItems: ALL })).items, false, ctx.partition)));
    if (wants('AWSManagedPolicy')) all.push(...(await policies(t, account, allAwsPolicyRecords(), true, ctx.partition)));
    return all;
  });
  const page = pageList(entries, input.Marker, input.MaxItems);
  return {
    UserDetailList: page.items.flatMap((e) => (e.kind === 'user' ? [e.v] : [])),
    GroupDetailList: page.items.flatMap((e) => (e.kind === 'group' ? [e.v] : [])),
    RoleDetailList: page.items.flatMap((e) => (e.kind === 'role' ? [e.v] : [])),
    Policies: page.items.flatMap((e) => (e.kind === 'policy' ? [e.v] : [])),
    IsTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
  };
};
