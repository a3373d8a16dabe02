// Tags on IAM resources: at most 50, keys unique case-insensitively and none with the aws: prefix
// (in any letter case), which the IAM User Guide ("Tagging IAM resources") reserves for AWS.
import { InvalidInputException, LimitExceededException } from '../../generated/iam/errors.js';
import type { Tag } from '../../store/types.js';
import { limits } from './limits.js';

const RESERVED_PREFIX = 'aws:';

/** Validates the tags a request adds (CreateX with Tags, TagX); InvalidInput or LimitExceeded. */
export function checkNewTags(tags: Tag[] | undefined): Tag[] {
  if (!tags) return [];
  const seen = new Set<string>();
  for (const t of tags) {
    const k = t.Key.toLowerCase();
    if (k.startsWith(RESERVED_PREFIX)) throw new InvalidInputException(`Tag keys beginning with 'aws:' are reserved for AWS internal use: ${t.Key}`);
    if (seen.has(k)) throw new InvalidInputException('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(k);
  }
  if (tags.length > limits.tagsPerResource) throw new LimitExceededException(`Cannot exceed quota for TagsPerResource: ${limits.tagsPerResource}`);
  return tags.map((t) => ({ Key: t.Key, Value: t.Value }));
}

/** Adds or replaces tags (keys compared case-insensitively, the new spelling wins). */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  checkNewTags(added);
  const out = existing.filter((t) => !added.some((a) => a.Key.toLowerCase() === t.Key.toLowerCase()));
  out.push(...added.map((t) => ({ Key: t.Key, Value: t.Value })));
  if (out.length > limits.tagsPerResource) throw new LimitExceededException(`Cannot exceed quota for TagsPerResource: ${limits.tagsPerResource}`);
  return out;
}

export function removeTags(existing: Tag[], keys: string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !drop.has(t.Key.toLowerCase()));
}

/** ListXTags pages: tags in the order they were added, with AWS's Marker/MaxItems. */
export function pageTags(tags: Tag[], marker: string | undefined, maxItems: number | undefined) {
  const start = marker ? Number(Buffer.from(marker, 'base64url').toString()) || 0 : 0;
  const size = maxItems ?? limits.defaultMaxItems;
  const page = tags.slice(start, start + size);
  const next = start + size < tags.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
  return { Tags: page, IsTruncated: next !== undefined, ...(next ? { Marker: next } : {}) };
}
