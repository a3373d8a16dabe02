// Firehose's resource as the engine sees it: the delivery stream's ARN in the request's region
// and the caller's account, with its stored tags as aws:ResourceTag/* (the only resource condition
// key the Service Authorization Reference lists for deliverystream).
import type { ContextValue } from '../../policy/index.js';
import { callScope, str, type ResourceResolver } from './types.js';

const deliveryStream: ResourceResolver = async (source, input, facts) => {
  const name = source.name ? str(input[source.name]) : undefined;
  const resource = `arn:${facts.partition}:firehose:${facts.region}:${facts.account}:deliverystream/${name ?? '*'}`;
  const stream = name ? await callScope(facts).store.firehose.get(facts.account, facts.region, name) : undefined;
  if (!stream?.tags.length) return { resource };
  const context: Record<string, ContextValue> = {};
  for (const t of stream.tags) context[`aws:ResourceTag/${t.Key}`] = t.Value ?? '';
  return { resource, context };
};

export const firehoseResourceResolvers: Record<string, ResourceResolver> = { 'firehose:deliverystream': deliveryStream };
