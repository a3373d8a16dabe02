// Inline policies of roles, users and groups: one shared implementation, three sets of handlers.
import { LimitExceededException, NoSuchEntityException } from '../../generated/iam/errors.js';
import type { LinkKind, StoreTables } from '../../store/types.js';
import type { HandlerContext } from '../types.js';
import { inlineKind, type InlineDocument, type PolicyOwner } from '../../directory/principal-documents.js';
import { checkDocument, encodeDocument, policySize } from './documents.js';
import { limits } from './limits.js';
import { requireOwnerName } from './lookups.js';
import { pageList } from './pages.js';

export type InlineOwner = PolicyOwner;
type Stored = InlineDocument;
const kindOf = inlineKind;

export async function putInline(ctx: HandlerContext, owner: InlineOwner, ownerName: string, policyName: string, document: string) {
  checkDocument(document, 'identity', ctx.partition);
  await ctx.store.transaction(async (t) => {
    const name = await requireOwnerName(t, ctx.accountId, owner, ownerName, true);
    const key = name.toLowerCase();
    const existing = await t.links.from(ctx.accountId, kindOf(owner), key);
    let total = policySize(document);
    for (const l of existing) if (l.b !== policyName.toLowerCase()) total += policySize((JSON.parse(l.data!) as Stored).document);
    const max = limits.inlinePolicySize[owner];
    if (total > max) throw new LimitExceededException(`Maximum policy size of ${max} bytes exceeded for ${owner} ${name}`);
    await t.links.put(ctx.accountId, kindOf(owner), key, policyName.toLowerCase(), JSON.stringify({ name: policyName, document } satisfies Stored));
  });
}

export async function getInline(ctx: HandlerContext, owner: InlineOwner, ownerName: string, policyName: string) {
  const name = await requireOwnerName(ctx.store, ctx.accountId, owner, ownerName);
  const link = await ctx.store.links.get(ctx.accountId, kindOf(owner), name.toLowerCase(), policyName.toLowerCase());
  if (!link) throw new NoSuchEntityException(`The ${owner} policy with name ${policyName} cannot be found.`);
  const stored = JSON.parse(link.data!) as Stored;
  return { ownerName: name, policyName: stored.name, document: encodeDocument(stored.document) };
}

export async function deleteInline(ctx: HandlerContext, owner: InlineOwner, ownerName: string, policyName: string) {
  await ctx.store.transaction(async (t) => {
    const name = await requireOwnerName(t, ctx.accountId, owner, ownerName, true);
    if (!(await t.links.delete(ctx.accountId, kindOf(owner), name.toLowerCase(), policyName.toLowerCase()))) {
      throw new NoSuchEntityException(`The ${owner} policy with name ${policyName} cannot be found.`);
    }
  });
}

export async function listInline(ctx: HandlerContext, owner: InlineOwner, ownerName: string, marker?: string, max?: number) {
  const name = await requireOwnerName(ctx.store, ctx.accountId, owner, ownerName);
  const links = await ctx.store.links.from(ctx.accountId, kindOf(owner), name.toLowerCase());
  const page = pageList(links.map((l) => (JSON.parse(l.data!) as Stored).name), marker, max);
  return { PolicyNames: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
}

