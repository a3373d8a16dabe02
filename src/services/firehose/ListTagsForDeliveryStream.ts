import type { ListTagsForDeliveryStreamInput, ListTagsForDeliveryStreamOutput } from '../../generated/firehose/shapes.js';
import type { Handler } from '../types.js';
import { requireStream } from './streams.js';
import { MAX_TAGS } from './tags.js';

/** By key; a page starts after ExclusiveStartTagKey and holds up to Limit tags (default: all 50 a stream may have). */
export const ListTagsForDeliveryStream: Handler<ListTagsForDeliveryStreamInput, ListTagsForDeliveryStreamOutput> = async (input, ctx) => {
  const { stream } = await requireStream(ctx.store, ctx, input.DeliveryStreamName);
  const after = input.ExclusiveStartTagKey;
  const sorted = [...stream.tags].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0)).filter((t) => after === undefined || t.Key > after);
  const limit = input.Limit ?? MAX_TAGS;
  return { Tags: sorted.slice(0, limit), HasMoreTags: sorted.length > limit };
};
