import type { TagDeliveryStreamInput, TagDeliveryStreamOutput } from '../../generated/firehose/shapes.js';
import type { Handler } from '../types.js';
import { requireStream } from './streams.js';
import { mergeTags } from './tags.js';

export const TagDeliveryStream: Handler<TagDeliveryStreamInput, TagDeliveryStreamOutput> = async (input, ctx) => {
  await ctx.store.transaction(async (tx) => {
    const { stream } = await requireStream(tx, ctx, input.DeliveryStreamName);
    stream.tags = mergeTags(stream.name, stream.tags, input.Tags);
    await tx.firehose.put(stream);
  });
  return {};
};
