// The policies of an IAM user, group or role that grant access to services, as
// ListPoliciesGrantingServiceAccess and the service last-accessed reports read them: the entity's
// inline and managed policies and, for a user, its groups'. Read-only.
import type { PolicyGrantingServiceAccess } from '../../generated/iam/shapes.js';
import { findPolicy } from '../../directory/managed-policies.js';
import { loadStored } from '../../directory/principal-policies.js';
import { attachedPolicies, inlineDocuments, type PolicyOwner } from '../../directory/principal-documents.js';
import type { ParsedPolicy } from '../../policy/index.js';
import type { StoreTables } from '../../store/types.js';
import { groupsOfUser } from './groups.js';

/** One policy that applies to the entity, with the shape AWS reports it in and its parsed document. */
export interface GrantingPolicy { shape: PolicyGrantingServiceAccess; parsed: ParsedPolicy }

async function ownPolicies(t: StoreTables, account: string, owner: PolicyOwner, name: string, out: GrantingPolicy[]) {
  for (const d of await inlineDocuments(t, account, owner, name)) {
    const loaded = loadStored(d.document, 'identity');
    if (!loaded.ok) continue;
    out.push({ shape: { PolicyName: d.name, PolicyType: 'INLINE', EntityType: owner.toUpperCase() as 'USER' | 'GROUP' | 'ROLE', EntityName: name }, parsed: loaded.parsed });
  }
  for (const a of await attachedPolicies(t, account, owner, name)) {
    const p = await findPolicy(t, account, a.PolicyArn);
    const version = p?.versions.find((v) => v.versionId === p.defaultVersionId);
    if (!p || !version) continue;
    const loaded = loadStored(version.document, 'identity');
    if (!loaded.ok) continue;
    out.push({ shape: { PolicyName: p.name, PolicyType: 'MANAGED', PolicyArn: p.arn }, parsed: loaded.parsed });
  }
}

/** The entity's own policies, inline then managed, then (for a user) each group's in the order of its memberships. */
export async function entityPolicies(t: StoreTables, account: string, kind: PolicyOwner, name: string): Promise<GrantingPolicy[]> {
  const out: GrantingPolicy[] = [];
  await ownPolicies(t, account, kind, name, out);
  if (kind === 'user') for (const g of await groupsOfUser(t, account, name)) await ownPolicies(t, account, 'group', g.name, out);
  return out;
}
