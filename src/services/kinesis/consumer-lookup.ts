// Which consumer a request names (ConsumerARN, or StreamARN and ConsumerName), with its state.
import { ResourceNotFoundException } from '../../generated/kinesis/errors.js';
import type { ConsumerRecord } from '../../store/types.js';
import { consumerArn, parseConsumerArn } from '../../shared/kinesis-names.js';
import type { HandlerContext } from '../types.js';
import { invalidArgument } from './errors.js';
import { findByName, findStream, PARTITION, type Found } from './lookup.js';
import { createdSeconds } from './sequence-numbers.js';
import { consumerStatus } from './state.js';

export const consumerNotFound = (name: string, stream: string, accountId: string) =>
  new ResourceNotFoundException(`Consumer ${name} under stream ${stream} not found for account ${accountId}.`);

export const arnOfConsumer = (f: Found, c: ConsumerRecord) => consumerArn({
  partition: PARTITION, region: f.stream.region, accountId: f.stream.accountId, name: f.stream.name,
  consumerName: c.name, createdSeconds: createdSeconds(c.createdAt),
});

/** The consumer, not gone; with a creation time from its ARN, only the consumer registered then. */
export async function findConsumer(ctx: HandlerContext, stream: Found, name: string, created?: number): Promise<ConsumerRecord> {
  const c = await ctx.store.streams.getConsumer(stream.stream.id, name);
  if (!c || !consumerStatus(c, ctx.now.getTime()) || (created !== undefined && createdSeconds(c.createdAt) !== created)) {
    throw consumerNotFound(name, stream.stream.name, stream.stream.accountId);
  }
  return c;
}

/** DescribeStreamConsumer and DeregisterStreamConsumer: a ConsumerARN, or a StreamARN with a ConsumerName. */
export async function consumerNamed(ctx: HandlerContext, input: { ConsumerARN?: string; StreamARN?: string; ConsumerName?: string }): Promise<{ stream: Found; consumer: ConsumerRecord }> {
  if (input.ConsumerARN !== undefined) {
    const c = parseConsumerArn(input.ConsumerARN);
    if (!c) throw invalidArgument(`ConsumerARN ${input.ConsumerARN} is not the ARN of a consumer.`);
    const stream = await findByName(ctx, c);
    return { stream, consumer: await findConsumer(ctx, stream, c.consumerName, c.createdSeconds) };
  }
  if (input.StreamARN === undefined || input.ConsumerName === undefined) {
    throw invalidArgument('Either ConsumerARN or both ConsumerName and StreamARN must be provided.');
  }
  const stream = await findStream(ctx, { StreamARN: input.StreamARN });
  return { stream, consumer: await findConsumer(ctx, stream, input.ConsumerName) };
}
