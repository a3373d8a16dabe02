import type { ListDeliveryStreamsInput, ListDeliveryStreamsOutput } from '../../generated/firehose/shapes.js';
import type { Handler } from '../types.js';
import { statusOf } from './streams.js';

/** AWS's default page (ListDeliveryStreams, Limit: "The default value is 10"). */
const DEFAULT_LIMIT = 10;

export const ListDeliveryStreams: Handler<ListDeliveryStreamsInput, ListDeliveryStreamsOutput> = async (input, ctx) => {
  const limit = input.Limit ?? DEFAULT_LIMIT;
  const type = input.DeliveryStreamType === 'DirectPut' || input.DeliveryStreamType === 'KinesisStreamAsSource' ? input.DeliveryStreamType : undefined;
  if (input.DeliveryStreamType && !type) return { DeliveryStreamNames: [], HasMoreDeliveryStreams: false };
  const rows = await ctx.store.firehose.list(ctx.accountId, ctx.region, { type, after: input.ExclusiveStartDeliveryStreamName, limit });
  const now = ctx.now.getTime();
  const names = rows.slice(0, limit).filter((s) => statusOf(s, now) !== undefined).map((s) => s.name);
  return { DeliveryStreamNames: names, HasMoreDeliveryStreams: rows.length > limit };
};
