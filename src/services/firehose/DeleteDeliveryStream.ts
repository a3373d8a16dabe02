import type { DeleteDeliveryStreamInput, DeleteDeliveryStreamOutput } from '../../generated/firehose/shapes.js';
import { ResourceInUseException } from '../../generated/firehose/errors.js';
import type { Handler } from '../types.js';
import { deliveryJobId } from './delivery.js';
import { requireStream } from './streams.js';

/**
 * "Deletes a Firehose stream and its data" (API Reference): the stream is DELETING for the
 * configured time, its buffered records are dropped now, and its delivery job removes it once the
 * time is over. A stream still CREATING cannot be deleted; one already DELETING is left as it is.
 */
export const DeleteDeliveryStream: Handler<DeleteDeliveryStreamInput, DeleteDeliveryStreamOutput> = async (input, ctx) => {
  const now = ctx.now.getTime();
  const goneAt = await ctx.store.transaction(async (tx) => {
    const { stream, status } = await requireStream(tx, ctx, input.DeliveryStreamName);
    if (status === 'DELETING') return undefined;
    if (status === 'CREATING') throw new ResourceInUseException(`Firehose ${stream.name} under account ${ctx.accountId} cannot be deleted in CREATING state`);
    stream.deletingAt = now;
    stream.goneAt = now + ctx.settings.firehose.deleteMs;
    await tx.firehose.put(stream);
    await tx.firehose.discard(stream.id);
    return { id: stream.id, at: stream.goneAt };
  });
  if (goneAt) await ctx.jobs.hasten(deliveryJobId(goneAt.id), goneAt.at);
  return {};
};
