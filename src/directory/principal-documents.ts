// A principal's policy documents as the store keeps them: inline policies (name and document) and
// attached managed policies (name, ARN, path), for the engine, the simulator and IAM's listings.
import type { LinkKind, StoreTables } from '../store/types.js';

export type PolicyOwner = 'role' | 'user' | 'group';

export interface InlineDocument { name: string; document: string }

export const inlineKind = (o: PolicyOwner) => `inline:${o}` as LinkKind;
export const attachedKind = (o: PolicyOwner) => `attached:${o}` as LinkKind;

/** Every inline policy of an owner, name and document text (for authorization details and the engine). */
export async function inlineDocuments(t: StoreTables, account: string, owner: PolicyOwner, ownerName: string): Promise<InlineDocument[]> {
  const links = await t.links.from(account, inlineKind(owner), ownerName.toLowerCase());
  return links.map((l) => JSON.parse(l.data!) as InlineDocument);
}

export interface Attached { PolicyName: string; PolicyArn: string; path: string }

export async function attachedPolicies(t: StoreTables, account: string, owner: PolicyOwner, name: string): Promise<Attached[]> {
  const links = await t.links.from(account, attachedKind(owner), name.toLowerCase());
  return links.map((l) => {
    const d = JSON.parse(l.data!) as { name: string; path: string };
    return { PolicyName: d.name, PolicyArn: l.b, path: d.path };
  });
}
