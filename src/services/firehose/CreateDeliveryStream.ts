import { randomBytes } from 'node:crypto';
import type { CreateDeliveryStreamInput, CreateDeliveryStreamOutput } from '../../generated/firehose/shapes.js';
import { InvalidArgumentException } from '../../generated/firehose/errors.js';
import { AwsError } from '../../protocol/errors.js';
import type { DeliveryStreamRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { createdDestination, describedDestination } from './destination.js';
import { checkEncryptionInput } from './encryption.js';
import { checkSourceAccess } from './kinesis-source.js';
import { ensureDeliveryJob } from './records.js';
import { alreadyExists, DESTINATION_ID, statusOf, streamArn } from './streams.js';

const unsupportedSource = (type: string) => new InvalidArgumentException(`DeliveryStreamType ${type} is not supported by rolegate; use DirectPut or KinesisStreamAsSource.`);

export const CreateDeliveryStream: Handler<CreateDeliveryStreamInput, CreateDeliveryStreamOutput> = async (input, ctx) => {
  const type = input.DeliveryStreamType ?? 'DirectPut';
  if (type !== 'DirectPut' && type !== 'KinesisStreamAsSource') throw unsupportedSource(type);
  if (input.MSKSourceConfiguration) throw unsupportedSource('MSKAsSource');
  if (input.DatabaseSourceConfiguration) throw unsupportedSource('DatabaseAsSource');
  const kinesis = input.KinesisStreamSourceConfiguration;
  if (type === 'KinesisStreamAsSource' && !kinesis) throw new InvalidArgumentException('KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.');
  if (type === 'DirectPut' && kinesis) throw new InvalidArgumentException('KinesisStreamSourceConfiguration can only be given when DeliveryStreamType is KinesisStreamAsSource.');
  if (type !== 'DirectPut' && input.DirectPutSourceConfiguration) throw new InvalidArgumentException('DirectPutSourceConfiguration can only be given when DeliveryStreamType is DirectPut.');
  const destination = describedDestination(createdDestination(input));
  const encryption = input.DeliveryStreamEncryptionConfigurationInput;
  if (encryption && type !== 'DirectPut') throw new InvalidArgumentException('Server-side encryption can only be enabled for a DirectPut delivery stream; a KinesisStreamAsSource stream is encrypted by its source.');
  if (encryption) checkEncryptionInput(encryption);

  const now = ctx.now.getTime();
  const createMs = ctx.settings.firehose.createMs;
  const stream: DeliveryStreamRecord = {
    id: randomBytes(16).toString('hex'),
    accountId: ctx.accountId,
    region: ctx.region,
    name: input.DeliveryStreamName,
    arn: streamArn(ctx.region, ctx.accountId, input.DeliveryStreamName),
    type,
    versionId: 1,
    createdAt: now,
    activeAt: now + createMs,
    ...(kinesis ? { source: { kinesisStreamArn: kinesis.KinesisStreamARN, roleArn: kinesis.RoleARN } } : {}),
    ...(input.DirectPutSourceConfiguration ? { directPut: { throughputHintInMBs: input.DirectPutSourceConfiguration.ThroughputHintInMBs } } : {}),
    destinationId: DESTINATION_ID,
    destination: destination as unknown as Record<string, unknown>,
    encryption: encryption
      ? { enabled: true, keyType: encryption.KeyType, ...(encryption.KeyARN ? { keyArn: encryption.KeyARN } : {}), settlesAt: now + createMs }
      : { enabled: false },
    tags: input.Tags ?? [],
  };
  if (stream.source) {
    // Firehose describes the source stream as its role before it makes the delivery stream.
    try {
      await checkSourceAccess(ctx.acting, stream, stream.source);
    } catch (e) {
      if (e instanceof AwsError && e.status < 500) throw new InvalidArgumentException(e.message);
      throw e;
    }
  }
  await ctx.store.transaction(async (tx) => {
    const existing = await tx.firehose.get(ctx.accountId, ctx.region, stream.name);
    if (existing && statusOf(existing, now) !== undefined) throw alreadyExists(stream.name, ctx.accountId);
    // A deleted stream whose DELETING time is over leaves its name free.
    if (existing) await tx.firehose.remove(existing.id);
    if (!(await tx.firehose.create(stream))) throw alreadyExists(stream.name, ctx.accountId);
  });
  await ensureDeliveryJob(ctx, stream.id, stream.activeAt);
  return { DeliveryStreamARN: stream.arn };
};
