// Resource-based policies on a stream or a consumer (PutResourcePolicy, GetResourcePolicy,
// DeleteResourcePolicy): checked by the policy grammar as resource policies, kept as given but for
// their user and role principals, kept by unique id (src/directory/principal-binding.ts), and
// decided beside the caller's own policies for every operation on the resource (another account's
// caller included), by the authorization map's Kinesis resolvers.
import type { Operations } from '../../generated/kinesis/operations.js';
import { malformedPolicyMessages, parsePolicy } from '../../policy/index.js';
import { bindPrincipals, showPrincipals } from '../../directory/principal-binding.js';
import { parseConsumerArn } from '../../shared/kinesis-names.js';
import type { ConsumerRecord } from '../../store/types.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import { invalidArgument } from './errors.js';
import { findByName, findStream, type Found } from './lookup.js';
import { findConsumer } from './consumer-lookup.js';

type H = ServiceHandlers<Operations>;

/** Kinesis resource policies are at most 20 KiB (Kinesis Developer Guide, resource-based policies). */
const MAX_POLICY_BYTES = 20 * 1024;

async function resourceOf(ctx: HandlerContext, arn: string): Promise<{ stream: Found; consumer?: ConsumerRecord }> {
  const c = parseConsumerArn(arn);
  if (c) {
    const stream = await findByName(ctx, c);
    return { stream, consumer: await findConsumer(ctx, stream, c.consumerName, c.createdSeconds) };
  }
  return { stream: await findStream(ctx, { StreamARN: arn }) };
}

const PutResourcePolicy: H['PutResourcePolicy'] = async (input, ctx) => {
  const r = await resourceOf(ctx, input.ResourceARN);
  if (Buffer.byteLength(input.Policy) > MAX_POLICY_BYTES) throw invalidArgument(`The policy is larger than ${MAX_POLICY_BYTES} bytes.`);
  const parsed = parsePolicy(input.Policy, 'resource');
  if (!parsed.ok) throw invalidArgument(`Invalid policy: ${parsed.errors[0].message}`);
  // A user or role ARN naming nobody is refused like a principal the grammar refuses.
  const { stored } = await bindPrincipals(ctx.store, input.Policy, {
    invalidPrincipal: (arn) => invalidArgument(`Invalid policy: ${malformedPolicyMessages.invalidPrincipal('AWS', arn)}`),
    partition: ctx.partition,
  });
  if (r.consumer) await ctx.store.streams.putConsumer({ ...r.consumer, policy: stored });
  else await ctx.store.streams.put({ ...r.stream.stream, policy: stored });
};

const GetResourcePolicy: H['GetResourcePolicy'] = async (input, ctx) => {
  const r = await resourceOf(ctx, input.ResourceARN);
  const policy = r.consumer ? r.consumer.policy : r.stream.stream.policy;
  return { Policy: policy === undefined ? '{}' : await showPrincipals(ctx.store, policy, ctx.partition) };
};

const DeleteResourcePolicy: H['DeleteResourcePolicy'] = async (input, ctx) => {
  const r = await resourceOf(ctx, input.ResourceARN);
  if (r.consumer) {
    const { policy: _p, ...rest } = r.consumer;
    await ctx.store.streams.putConsumer(rest);
  } else {
    const { policy: _p, ...rest } = r.stream.stream;
    await ctx.store.streams.put(rest);
  }
};

export const policyHandlers: H = { PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy };
