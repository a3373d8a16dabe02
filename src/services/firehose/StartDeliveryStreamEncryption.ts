import type { StartDeliveryStreamEncryptionInput, StartDeliveryStreamEncryptionOutput } from '../../generated/firehose/shapes.js';
import { InvalidArgumentException } from '../../generated/firehose/errors.js';
import type { Handler } from '../types.js';
import { checkEncryptionInput } from './encryption.js';
import { requireStream } from './streams.js';

/** ENABLING until the configured delay is over, then ENABLED; without an input, an AWS-owned key. */
export const StartDeliveryStreamEncryption: Handler<StartDeliveryStreamEncryptionInput, StartDeliveryStreamEncryptionOutput> = async (input, ctx) => {
  const e = input.DeliveryStreamEncryptionConfigurationInput ?? { KeyType: 'AWS_OWNED_CMK' as const };
  checkEncryptionInput(e);
  await ctx.store.transaction(async (tx) => {
    const { stream } = await requireStream(tx, ctx, input.DeliveryStreamName);
    if (stream.type !== 'DirectPut') throw new InvalidArgumentException('Server-side encryption can only be enabled for a DirectPut delivery stream; a KinesisStreamAsSource stream is encrypted by its source.');
    stream.encryption = { enabled: true, keyType: e.KeyType, ...(e.KeyARN ? { keyArn: e.KeyARN } : {}), settlesAt: ctx.now.getTime() + ctx.settings.firehose.createMs };
    await tx.firehose.put(stream);
  });
  return {};
};
