// Enhanced fan-out consumers, as state: RegisterStreamConsumer, DescribeStreamConsumer,
// ListStreamConsumers, DeregisterStreamConsumer. A consumer is CREATING and DELETING for the
// configured time, read from its row. SubscribeToShard, the event stream that delivers to it, is
// fan-out.ts.
import { ResourceInUseException } from '../../generated/kinesis/errors.js';
import type { Operations } from '../../generated/kinesis/operations.js';
import type { ConsumerRecord } from '../../store/types.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import { invalidArgument, limitExceeded, streamNotActive } from './errors.js';
import { findStream, type Found } from './lookup.js';
import { arnOfConsumer, consumerNamed } from './consumer-lookup.js';
import { MAX_CONSUMERS, MAX_CREATING_CONSUMERS, MAX_TAGS } from './limits.js';
import { consumerStatus } from './state.js';
import { stateMs } from './streams.js';
import { checkTags } from './tags.js';

type H = ServiceHandlers<Operations>;

const consumerShape = (ctx: HandlerContext, f: Found, c: ConsumerRecord) => ({
  ConsumerName: c.name,
  ConsumerARN: arnOfConsumer(f, c),
  ConsumerStatus: consumerStatus(c, ctx.now.getTime())!,
  ConsumerCreationTimestamp: new Date(c.createdAt),
});

async function liveConsumers(ctx: HandlerContext, f: Found): Promise<ConsumerRecord[]> {
  const now = ctx.now.getTime();
  return (await ctx.store.streams.consumers(f.stream.id)).filter((c) => consumerStatus(c, now) !== undefined);
}

const RegisterStreamConsumer: H['RegisterStreamConsumer'] = async (input, ctx) => {
  const f = await findStream(ctx, { StreamARN: input.StreamARN });
  const s = f.stream;
  if (f.status !== 'ACTIVE' && f.status !== 'UPDATING') throw streamNotActive(s.name, s.accountId, f.status);
  const tags = input.Tags ?? {};
  checkTags(tags, `consumer ${input.ConsumerName}`);
  if (Object.keys(tags).length > MAX_TAGS) throw invalidArgument(`A consumer cannot have more than ${MAX_TAGS} tags associated with it.`);
  const now = ctx.now.getTime();
  const live = await liveConsumers(ctx, f);
  if (live.some((c) => c.name === input.ConsumerName)) {
    throw new ResourceInUseException(`Consumer ${input.ConsumerName} under stream ${s.name} already exists for account ${s.accountId}.`);
  }
  if (live.length >= MAX_CONSUMERS) throw limitExceeded(`Stream ${s.name} under account ${s.accountId} already has ${MAX_CONSUMERS} registered consumers.`);
  if (live.filter((c) => consumerStatus(c, now) === 'CREATING').length >= MAX_CREATING_CONSUMERS) {
    throw limitExceeded(`Stream ${s.name} under account ${s.accountId} already has ${MAX_CREATING_CONSUMERS} consumers in the CREATING state.`);
  }
  // The creation time is in the ARN in whole seconds: consumers registered again under a name within a second would share one.
  const prior = await ctx.store.streams.getConsumer(s.id, input.ConsumerName);
  const createdAt = prior ? Math.max(now, prior.createdAt + 1000) : now;
  const c: ConsumerRecord = { streamId: s.id, name: input.ConsumerName, createdAt, activeAt: createdAt + stateMs(ctx), tags: { ...tags } };
  await ctx.store.streams.putConsumer(c);
  return { Consumer: consumerShape(ctx, f, c) };
};

const DescribeStreamConsumer: H['DescribeStreamConsumer'] = async (input, ctx) => {
  const { stream, consumer } = await consumerNamed(ctx, input);
  return { ConsumerDescription: { ...consumerShape(ctx, stream, consumer), StreamARN: stream.arn } };
};

const ListStreamConsumers: H['ListStreamConsumers'] = async (input, ctx) => {
  const f = await findStream(ctx, { StreamARN: input.StreamARN });
  const max = input.MaxResults ?? 100;
  const after = input.NextToken !== undefined ? Buffer.from(input.NextToken, 'base64url').toString('utf8') : undefined;
  const all = (await liveConsumers(ctx, f)).sort((a, b) => (a.name < b.name ? -1 : 1)).filter((c) => after === undefined || c.name > after);
  const page = all.slice(0, max);
  return {
    Consumers: page.map((c) => consumerShape(ctx, f, c)),
    ...(all.length > max ? { NextToken: Buffer.from(page[page.length - 1].name, 'utf8').toString('base64url') } : {}),
  };
};

const DeregisterStreamConsumer: H['DeregisterStreamConsumer'] = async (input, ctx) => {
  const { stream, consumer } = await consumerNamed(ctx, input);
  const now = ctx.now.getTime();
  if (consumerStatus(consumer, now) === 'DELETING') return;
  const delay = stateMs(ctx);
  if (delay === 0) await ctx.store.streams.removeConsumer(stream.stream.id, consumer.name);
  else await ctx.store.streams.putConsumer({ ...consumer, goneAt: now + delay });
};

export const consumerHandlers: H = { RegisterStreamConsumer, DescribeStreamConsumer, ListStreamConsumers, DeregisterStreamConsumer };
