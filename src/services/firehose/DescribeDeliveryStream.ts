import type { DescribeDeliveryStreamInput, DescribeDeliveryStreamOutput, DeliveryStreamDescription } from '../../generated/firehose/shapes.js';
import type { Handler } from '../types.js';
import { legacyDescription } from './destination.js';
import { encryptionDescription } from './encryption.js';
import { destinationOf, requireStream } from './streams.js';

/**
 * A failed delivery shows as FailureDescription, which AWS keeps for KMS and network failures and
 * reports S3 delivery errors in CloudWatch Logs instead: the Type is the model's UNKNOWN_ERROR (its
 * enum has no S3 value), the Details begin with Firehose's error code (S3.AccessDenied …).
 */
export const DescribeDeliveryStream: Handler<DescribeDeliveryStreamInput, DescribeDeliveryStreamOutput> = async (input, ctx) => {
  const { stream, status } = await requireStream(ctx.store, ctx, input.DeliveryStreamName);
  const now = ctx.now.getTime();
  const state = await ctx.store.firehose.state(stream.id);
  const d = destinationOf(stream);
  const description: DeliveryStreamDescription = {
    DeliveryStreamName: stream.name,
    DeliveryStreamARN: stream.arn,
    DeliveryStreamStatus: status,
    ...(state?.failure ? { FailureDescription: { Type: 'UNKNOWN_ERROR', Details: `${state.failure.code}: ${state.failure.message}` } } : {}),
    ...(stream.type === 'DirectPut' ? { DeliveryStreamEncryptionConfiguration: encryptionDescription(stream, now) } : {}),
    DeliveryStreamType: stream.type,
    VersionId: String(stream.versionId),
    CreateTimestamp: new Date(stream.createdAt),
    ...(stream.updatedAt !== undefined ? { LastUpdateTimestamp: new Date(stream.updatedAt) } : {}),
    ...(stream.source
      ? { Source: { KinesisStreamSourceDescription: { KinesisStreamARN: stream.source.kinesisStreamArn, RoleARN: stream.source.roleArn, DeliveryStartTimestamp: new Date(stream.activeAt) } } }
      : stream.directPut ? { Source: { DirectPutSourceDescription: { ThroughputHintInMBs: stream.directPut.throughputHintInMBs } } } : {}),
    // One destination, so any ExclusiveStartDestinationId other than its own still lists it.
    Destinations: input.ExclusiveStartDestinationId === stream.destinationId ? [] : [
      { DestinationId: stream.destinationId, S3DestinationDescription: legacyDescription(d), ExtendedS3DestinationDescription: d },
    ],
    HasMoreDestinations: false,
  };
  return { DeliveryStreamDescription: description };
};
