// The policies that apply to an IAM principal, gathered from the store and compiled once per
// document: a user's own and its groups' inline and managed policies, a role's, a group's; and
// the principal's permissions boundary. Used by the simulator and by every authorization.
import { loadPolicy, type PolicyRef } from '../policy/index.js';
import type { StoreTables } from '../store/types.js';
import { findPolicy, isAwsManaged, managedDocumentIn } from './managed-policies.js';
import { attachedPolicies, inlineDocuments } from './principal-documents.js';

/** IAM's PolicySourceType for a policy of a principal. */
export type PolicySource = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed';

export interface SourcedPolicyRef extends PolicyRef {
  /** The name IAM's simulator reports as SourcePolicyId: a managed policy's name, `role_ROLE_POLICY` (user_, group_) for an inline one. */
  name: string;
  source: PolicySource;
  document: string;
}

export interface PrincipalPolicies {
  identity: SourcedPolicyRef[];
  boundary?: SourcedPolicyRef;
}

const BOUND = { bound: true } as const;

const loadedDocuments = new Map<string, ReturnType<typeof loadPolicy>>();

/**
 * Parses and compiles a stored document once; later requests reuse the compiled policy. Trust and
 * resource policies are stored bound (src/directory/principal-binding.ts): unique ids may stand
 * for their user and role principals.
 */
export function loadStored(document: string, kind: 'identity' | 'boundary' | 'trust' | 'session' | 'resource'): ReturnType<typeof loadPolicy> {
  const key = kind + '\u0000' + document;
  let loaded = loadedDocuments.get(key);
  if (!loaded) {
    if (loadedDocuments.size >= 20_000) loadedDocuments.clear();
    loaded = loadPolicy(document, kind, kind === 'trust' || kind === 'resource' ? BOUND : undefined);
    loadedDocuments.set(key, loaded);
  }
  return loaded;
}

function compiled(id: string, name: string, source: PolicySource, document: string, kind: 'identity' | 'boundary'): SourcedPolicyRef | undefined {
  const loaded = loadStored(document, kind);
  // Stored documents passed the grammar when they were written; one that no longer parses allows nothing.
  return loaded.ok ? { id, name, source, document, policy: loaded.policy } : undefined;
}

async function managed(t: StoreTables, account: string, owner: 'user' | 'group' | 'role', name: string, out: SourcedPolicyRef[], partition: string) {
  for (const a of await attachedPolicies(t, account, owner, name)) {
    const p = await findPolicy(t, account, a.PolicyArn);
    if (!p) continue;
    const version = p.versions.find((v) => v.versionId === p.defaultVersionId);
    if (!version) continue;
    const ref = compiled(p.arn, p.name, isAwsManaged(p.arn) ? 'aws-managed' : 'user-managed', managedDocumentIn(p.arn, version.document, partition), 'identity');
    if (ref) out.push(ref);
  }
}

async function inline(t: StoreTables, account: string, owner: 'user' | 'group' | 'role', name: string, out: SourcedPolicyRef[]) {
  for (const d of await inlineDocuments(t, account, owner, name)) {
    const ref = compiled(`inline:${owner}/${name}/${d.name}`, `${owner}_${name}_${d.name}`, owner, d.document, 'identity');
    if (ref) out.push(ref);
  }
}

async function boundaryOf(t: StoreTables, account: string, arn: string | undefined, partition: string): Promise<SourcedPolicyRef | undefined> {
  if (!arn) return undefined;
  const p = await findPolicy(t, account, arn);
  const version = p?.versions.find((v) => v.versionId === p.defaultVersionId);
  if (!p || !version) return undefined;
  return compiled(p.arn, p.name, isAwsManaged(p.arn) ? 'aws-managed' : 'user-managed', managedDocumentIn(p.arn, version.document, partition), 'boundary');
}

/** `partition`: the request's, in which AWS managed policies name their resources. */
export async function userPolicies(t: StoreTables, account: string, userName: string, partition = 'aws'): Promise<PrincipalPolicies> {
  const user = await t.users.get(account, userName);
  if (!user) return { identity: [] };
  const identity: SourcedPolicyRef[] = [];
  await inline(t, account, 'user', user.name, identity);
  await managed(t, account, 'user', user.name, identity, partition);
  for (const m of await t.links.to(account, 'member', user.name.toLowerCase())) {
    const group = await t.groups.get(account, m.a);
    if (!group) continue;
    await inline(t, account, 'group', group.name, identity);
    await managed(t, account, 'group', group.name, identity, partition);
  }
  return { identity, boundary: await boundaryOf(t, account, user.permissionsBoundary, partition) };
}

/** `partition`: the request's, in which AWS managed policies name their resources. */
export async function rolePolicies(t: StoreTables, account: string, roleName: string, partition = 'aws'): Promise<PrincipalPolicies> {
  const role = await t.roles.get(account, roleName);
  if (!role) return { identity: [] };
  const identity: SourcedPolicyRef[] = [];
  await inline(t, account, 'role', role.name, identity);
  await managed(t, account, 'role', role.name, identity, partition);
  return { identity, boundary: await boundaryOf(t, account, role.permissionsBoundary, partition) };
}

/** `partition`: the request's, in which AWS managed policies name their resources. */
export async function groupPolicies(t: StoreTables, account: string, groupName: string, partition = 'aws'): Promise<PrincipalPolicies> {
  const group = await t.groups.get(account, groupName);
  if (!group) return { identity: [] };
  const identity: SourcedPolicyRef[] = [];
  await inline(t, account, 'group', group.name, identity);
  await managed(t, account, 'group', group.name, identity, partition);
  return { identity };
}
