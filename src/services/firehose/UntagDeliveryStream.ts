import type { UntagDeliveryStreamInput, UntagDeliveryStreamOutput } from '../../generated/firehose/shapes.js';
import type { Handler } from '../types.js';
import { requireStream } from './streams.js';

/** Keys the stream does not have are ignored. */
export const UntagDeliveryStream: Handler<UntagDeliveryStreamInput, UntagDeliveryStreamOutput> = async (input, ctx) => {
  await ctx.store.transaction(async (tx) => {
    const { stream } = await requireStream(tx, ctx, input.DeliveryStreamName);
    const removed = new Set(input.TagKeys);
    stream.tags = stream.tags.filter((t) => !removed.has(t.Key));
    await tx.firehose.put(stream);
  });
  return {};
};
