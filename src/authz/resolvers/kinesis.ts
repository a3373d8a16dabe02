// Kinesis Data Streams' resources as the engine sees them: a stream (arn:aws:kinesis:REGION:ACCOUNT:
// stream/NAME), named by StreamName or StreamARN, or by the token a call carries instead (a ListShards
// NextToken, a GetRecords ShardIterator); a consumer (…:stream/NAME/consumer/CONSUMER:SECONDS), by
// ConsumerARN or by StreamARN and ConsumerName; either, by ResourceARN. Each comes with its account
// (the ARN's), its tags as aws:ResourceTag/*, and its resource-based policy. And the tag keys a
// request supplies from Kinesis's tag maps (aws:RequestTag/*, aws:TagKeys).
import type { ContextValue } from '../../policy/index.js';
import type { ConsumerRecord, StreamRecord } from '../../store/types.js';
import { consumerArn, parseConsumerArn, parseStreamArn, streamArn, type StreamName } from '../../shared/kinesis-names.js';
import { decodeListShardsToken, iteratorStream } from '../../shared/kinesis-tokens.js';
import { callScope, str, type FamilyResolver, type Input, type KeyResolver, type ResolveFacts, type ResolvedResource, type ResourceResolver } from './types.js';

/** The stream the input names, or undefined when it names none (the ARN then ends in `*`). */
function streamNamed(input: Input, facts: ResolveFacts): StreamName | undefined {
  const arn = str(input.StreamARN);
  if (arn !== undefined) return parseStreamArn(arn);
  const name = str(input.StreamName);
  if (name !== undefined) return { partition: facts.partition, region: facts.region, accountId: facts.account, name };
  const token = str(input.NextToken);
  const listed = token !== undefined ? decodeListShardsToken(token) : undefined;
  if (listed) return { partition: facts.partition, region: listed.region, accountId: listed.accountId, name: listed.name };
  const iterator = str(input.ShardIterator);
  const read = iterator !== undefined ? iteratorStream(iterator) : undefined;
  if (read) return { partition: facts.partition, region: read.region, accountId: read.accountId, name: read.streamName };
  return undefined;
}

function tagContext(tags: Record<string, string>): Record<string, ContextValue> | undefined {
  const keys = Object.keys(tags);
  if (keys.length === 0) return undefined;
  const context: Record<string, ContextValue> = {};
  for (const k of keys) context[`aws:ResourceTag/${k}`] = tags[k];
  return context;
}

/** What the stored stream or consumer adds to its ARN: its tags and its policy. */
function fromStored(resource: string, account: string, stored: StreamRecord | ConsumerRecord | undefined): ResolvedResource {
  const found: ResolvedResource = { resource, account };
  if (!stored) return found;
  const context = tagContext(stored.tags);
  if (context) found.context = context;
  if (stored.policy !== undefined) found.policy = { id: `resource-policy:${resource}`, document: stored.policy };
  return found;
}

async function storedStream(facts: ResolveFacts, n: StreamName): Promise<StreamRecord | undefined> {
  return callScope(facts).store.streams.get(n.accountId, n.region, n.name);
}

async function streamResource(n: StreamName | undefined, facts: ResolveFacts): Promise<ResolvedResource> {
  if (!n) return { resource: `arn:${facts.partition}:kinesis:${facts.region}:${facts.account}:stream/*`, account: facts.account };
  return fromStored(streamArn(n), n.accountId, await storedStream(facts, n));
}

/** A consumer of the stream `n`, by name; with its creation time from its ARN, or from the store. */
async function consumerResource(n: StreamName | undefined, name: string | undefined, createdSeconds: number | undefined, facts: ResolveFacts): Promise<ResolvedResource> {
  if (!n || name === undefined) return { resource: `arn:${facts.partition}:kinesis:${facts.region}:${facts.account}:stream/*/consumer/*`, account: facts.account };
  const stream = await storedStream(facts, n);
  const consumer = stream ? await callScope(facts).store.streams.getConsumer(stream.id, name) : undefined;
  const seconds = createdSeconds ?? (consumer ? Math.floor(consumer.createdAt / 1000) : undefined);
  const resource = seconds === undefined ? `${streamArn(n)}/consumer/${name}:*` : consumerArn({ ...n, consumerName: name, createdSeconds: seconds });
  const same = consumer && (createdSeconds === undefined || Math.floor(consumer.createdAt / 1000) === createdSeconds);
  return fromStored(resource, n.accountId, same ? consumer : undefined);
}

const stream: ResourceResolver = async (_source, input, facts) => streamResource(streamNamed(input, facts), facts);

const consumer: ResourceResolver = async (_source, input, facts) => {
  const arn = str(input.ConsumerARN);
  if (arn !== undefined) {
    const c = parseConsumerArn(arn);
    return c ? consumerResource(c, c.consumerName, c.createdSeconds, facts) : { resource: arn, account: facts.account };
  }
  const s = str(input.StreamARN);
  return consumerResource(s !== undefined ? parseStreamArn(s) : undefined, str(input.ConsumerName), undefined, facts);
};

/** ResourceARN: a stream or a consumer. */
const resource: ResourceResolver = async (_source, input, facts) => {
  const arn = str(input.ResourceARN) ?? '';
  const c = parseConsumerArn(arn);
  if (c) return consumerResource(c, c.consumerName, c.createdSeconds, facts);
  const s = parseStreamArn(arn);
  return s ? streamResource(s, facts) : { resource: arn || '*', account: facts.account };
};

export const kinesisResourceResolvers: Record<string, ResourceResolver> = {
  'kinesis:stream': stream, 'kinesis:consumer': consumer, 'kinesis:resource': resource,
};

/** Kinesis's Tags are a map from key to value. */
const tagMap = (input: Input) => (input.Tags !== null && typeof input.Tags === 'object' && !Array.isArray(input.Tags) ? (input.Tags as Record<string, string>) : undefined);

export const kinesisFamilies: Record<string, FamilyResolver> = {
  'kinesis:RequestTag': (input, into) => {
    const tags = tagMap(input);
    if (tags) for (const k of Object.keys(tags)) into[`aws:RequestTag/${k}`] = tags[k];
  },
};

export const kinesisKeyResolvers: Record<string, KeyResolver> = {
  /** The keys a request sets (Tags) or removes (TagKeys). */
  'kinesis:TagKeys': (input) => {
    const keys = [...Object.keys(tagMap(input) ?? {}), ...((input.TagKeys as string[] | undefined) ?? [])];
    return keys.length ? keys : undefined;
  },
};
