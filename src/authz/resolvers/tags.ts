// The tag condition keys a request supplies: aws:RequestTag/<key> for each tag it sets (Tags) and
// aws:TagKeys for the keys it sets or removes (Tags, TagKeys; a role session's from Tags only).
// The resource's own tags (aws:ResourceTag/*) come from its resource resolver (resourceTagContext).
import type { Tag } from '../../store/types.js';
import type { FamilyResolver, KeyResolver } from './types.js';

const requestTags: FamilyResolver = (input, into) => {
  const tags = input.Tags as readonly Tag[] | undefined;
  if (tags) for (const t of tags) into[`aws:RequestTag/${t.Key}`] = t.Value;
};

const tagKeys: KeyResolver = (input) => {
  const tags = input.Tags as readonly Tag[] | undefined;
  const removed = input.TagKeys as readonly string[] | undefined;
  const keys: string[] = [];
  if (tags) for (const t of tags) keys.push(t.Key);
  if (removed) keys.push(...removed);
  return keys.length ? keys : undefined;
};

/** The keys of the session tags a role session is given (sts:AssumeRole's Tags): it removes none. */
const sessionTagKeys: KeyResolver = (input) => {
  const tags = input.Tags as readonly Tag[] | undefined;
  return tags?.length ? tags.map((t) => t.Key) : undefined;
};

export const tagFamilies: Record<string, FamilyResolver> = { 'aws:RequestTag': requestTags };
export const tagKeyResolvers: Record<string, KeyResolver> = { 'aws:TagKeys': tagKeys, sessionTagKeys };
