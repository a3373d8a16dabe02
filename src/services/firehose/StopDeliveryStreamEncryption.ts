import type { StopDeliveryStreamEncryptionInput, StopDeliveryStreamEncryptionOutput } from '../../generated/firehose/shapes.js';
import { InvalidArgumentException } from '../../generated/firehose/errors.js';
import type { Handler } from '../types.js';
import { requireStream } from './streams.js';

/** DISABLING until the configured delay is over, then DISABLED. */
export const StopDeliveryStreamEncryption: Handler<StopDeliveryStreamEncryptionInput, StopDeliveryStreamEncryptionOutput> = async (input, ctx) => {
  await ctx.store.transaction(async (tx) => {
    const { stream } = await requireStream(tx, ctx, input.DeliveryStreamName);
    if (stream.type !== 'DirectPut') throw new InvalidArgumentException('Server-side encryption can only be changed for a DirectPut delivery stream.');
    stream.encryption = { enabled: false, settlesAt: ctx.now.getTime() + ctx.settings.firehose.createMs };
    await tx.firehose.put(stream);
  });
  return {};
};
