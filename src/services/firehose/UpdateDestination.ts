import type { UpdateDestinationInput, UpdateDestinationOutput } from '../../generated/firehose/shapes.js';
import { ConcurrentModificationException, InvalidArgumentException, ResourceInUseException } from '../../generated/firehose/errors.js';
import type { Handler } from '../types.js';
import { destinationUpdate, updatedDestination } from './destination.js';
import { destinationOf, requireStream } from './streams.js';

/**
 * Changes the S3 destination in place; the stream's version grows by one, and objects written from
 * then on carry it in their names. A batch already planned is delivered to the bucket and key it
 * was planned with (exactly once), with the destination's role as it is when it is put.
 */
export const UpdateDestination: Handler<UpdateDestinationInput, UpdateDestinationOutput> = async (input, ctx) => {
  await ctx.store.transaction(async (tx) => {
    const { stream, status } = await requireStream(tx, ctx, input.DeliveryStreamName);
    if (status !== 'ACTIVE') throw new ResourceInUseException(`Cannot update firehose: ${stream.name} when it is in ${status} status`);
    const current = String(stream.versionId);
    if (input.CurrentDeliveryStreamVersionId !== current) {
      throw new ConcurrentModificationException(
        `Cannot update firehose: ${stream.name} since the current version id: ${current} and specified version id: ${input.CurrentDeliveryStreamVersionId} do not match`,
      );
    }
    if (input.DestinationId !== stream.destinationId) throw new InvalidArgumentException(`Destination Id ${input.DestinationId} not found`);
    const next = updatedDestination(destinationOf(stream), destinationUpdate(input));
    stream.destination = next as unknown as Record<string, unknown>;
    stream.versionId += 1;
    stream.updatedAt = ctx.now.getTime();
    await tx.firehose.put(stream);
  });
  return {};
};
