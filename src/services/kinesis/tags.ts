// Tags on streams and consumers: AddTagsToStream / RemoveTagsFromStream / ListTagsForStream, and
// TagResource / UntagResource / ListTagsForResource naming a stream or a consumer by ARN. Kinesis
// allows 50 tags per resource, keys of Unicode letters, digits, white space and _ . : / = + - @.
import type { Operations } from '../../generated/kinesis/operations.js';
import type { ConsumerRecord, StreamRecord } from '../../store/types.js';
import { parseConsumerArn, parseStreamArn } from '../../shared/kinesis-names.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import { invalidArgument, streamNotActive } from './errors.js';
import { tagList } from './descriptions.js';
import { findByName, findStream, type Found } from './lookup.js';
import { MAX_TAGS } from './limits.js';
import { findConsumer } from './consumer-lookup.js';

type H = ServiceHandlers<Operations>;

const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** The tag rules a change must keep, before it is applied. */
export function checkTags(tags: Record<string, string>, what: string): void {
  for (const k of Object.keys(tags)) {
    if (!TAG_CHARACTERS.test(k) || !TAG_CHARACTERS.test(tags[k])) {
      throw invalidArgument('Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.');
    }
    if (k.toLowerCase().startsWith('aws:')) throw invalidArgument(`Failed to add tags to ${what} because the tag key prefix aws: is reserved for AWS use.`);
  }
}

export function mergeTags(current: Record<string, string>, added: Record<string, string>, what: string): Record<string, string> {
  checkTags(added, what);
  const merged = { ...current, ...added };
  if (Object.keys(merged).length > MAX_TAGS) {
    throw invalidArgument(`Failed to add tags to ${what} because a given stream cannot have more than ${MAX_TAGS} tags associated with it.`);
  }
  return merged;
}

export function withoutTags(current: Record<string, string>, keys: readonly string[]): Record<string, string> {
  const kept = { ...current };
  for (const k of keys) delete kept[k];
  return kept;
}

/** Tags change in any state but DELETING. */
function taggableStream(f: Found): StreamRecord {
  if (f.status === 'DELETING') throw streamNotActive(f.stream.name, f.stream.accountId, f.status);
  return f.stream;
}

const describe = (s: StreamRecord) => `stream ${s.name} under account ${s.accountId}`;

const AddTagsToStream: H['AddTagsToStream'] = async (input, ctx) => {
  const s = taggableStream(await findStream(ctx, input));
  await ctx.store.streams.put({ ...s, tags: mergeTags(s.tags, input.Tags, describe(s)) });
};

const RemoveTagsFromStream: H['RemoveTagsFromStream'] = async (input, ctx) => {
  const s = taggableStream(await findStream(ctx, input));
  await ctx.store.streams.put({ ...s, tags: withoutTags(s.tags, input.TagKeys) });
};

const ListTagsForStream: H['ListTagsForStream'] = async (input, ctx) => {
  const { stream } = await findStream(ctx, input);
  const limit = input.Limit ?? MAX_TAGS;
  const all = tagList(stream.tags).filter((t) => input.ExclusiveStartTagKey === undefined || t.Key > input.ExclusiveStartTagKey);
  return { Tags: all.slice(0, limit), HasMoreTags: all.length > limit };
};

/** The stream or consumer a ResourceARN names. */
async function resourceOf(ctx: HandlerContext, arn: string): Promise<{ stream: Found; consumer?: ConsumerRecord }> {
  const c = parseConsumerArn(arn);
  if (c) {
    const stream = await findByName(ctx, c);
    return { stream, consumer: await findConsumer(ctx, stream, c.consumerName, c.createdSeconds) };
  }
  const s = parseStreamArn(arn);
  if (!s) throw invalidArgument(`ResourceARN ${arn} is not the ARN of a stream or a consumer.`);
  return { stream: await findStream(ctx, { StreamARN: arn }) };
}

const TagResource: H['TagResource'] = async (input, ctx) => {
  const r = await resourceOf(ctx, input.ResourceARN);
  if (r.consumer) {
    await ctx.store.streams.putConsumer({ ...r.consumer, tags: mergeTags(r.consumer.tags, input.Tags, `consumer ${r.consumer.name}`) });
    return;
  }
  const s = taggableStream(r.stream);
  await ctx.store.streams.put({ ...s, tags: mergeTags(s.tags, input.Tags, describe(s)) });
};

const UntagResource: H['UntagResource'] = async (input, ctx) => {
  const r = await resourceOf(ctx, input.ResourceARN);
  if (r.consumer) {
    await ctx.store.streams.putConsumer({ ...r.consumer, tags: withoutTags(r.consumer.tags, input.TagKeys) });
    return;
  }
  const s = taggableStream(r.stream);
  await ctx.store.streams.put({ ...s, tags: withoutTags(s.tags, input.TagKeys) });
};

const ListTagsForResource: H['ListTagsForResource'] = async (input, ctx) => {
  const r = await resourceOf(ctx, input.ResourceARN);
  return { Tags: tagList(r.consumer ? r.consumer.tags : r.stream.stream.tags) };
};

export const tagHandlers: H = { AddTagsToStream, RemoveTagsFromStream, ListTagsForStream, TagResource, UntagResource, ListTagsForResource };
