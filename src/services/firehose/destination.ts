// The S3 destination as CreateDeliveryStream and UpdateDestination give it, checked and kept as
// the ExtendedS3DestinationDescription DescribeDeliveryStream answers (AWS's defaults filled in:
// 5 MiB / 300 s, UNCOMPRESSED, NoEncryption). What Firehose offers and rolegate does not deliver
// (other compressions, KMS, Lambda processing, format conversion, dynamic partitioning, S3 backup)
// is refused with InvalidArgumentException rather than accepted and ignored.
import type {
  CreateDeliveryStreamInput, ExtendedS3DestinationConfiguration, ExtendedS3DestinationDescription, ExtendedS3DestinationUpdate, S3DestinationDescription,
  UpdateDestinationInput,
} from '../../generated/firehose/shapes.js';
import { InvalidArgumentException } from '../../generated/firehose/errors.js';
import { isKnownZone } from './datetime-format.js';
import { checkPrefixes } from './prefixes.js';

/** The buffering hints AWS applies when none are given (CreateDeliveryStream, BufferingHints). */
export const DEFAULT_BUFFERING = { SizeInMBs: 5, IntervalInSeconds: 300 } as const;

const SUPPORTED_COMPRESSION = new Set(['UNCOMPRESSED', 'GZIP']);

/** The destinations of the model other than S3, by their configuration member. */
const OTHER_DESTINATIONS = [
  'RedshiftDestinationConfiguration', 'ElasticsearchDestinationConfiguration', 'AmazonopensearchserviceDestinationConfiguration',
  'SplunkDestinationConfiguration', 'HttpEndpointDestinationConfiguration', 'AmazonOpenSearchServerlessDestinationConfiguration',
  'SnowflakeDestinationConfiguration', 'IcebergDestinationConfiguration',
] as const;

const OTHER_UPDATES = [
  'RedshiftDestinationUpdate', 'ElasticsearchDestinationUpdate', 'AmazonopensearchserviceDestinationUpdate', 'SplunkDestinationUpdate',
  'HttpEndpointDestinationUpdate', 'AmazonOpenSearchServerlessDestinationUpdate', 'SnowflakeDestinationUpdate', 'IcebergDestinationUpdate',
] as const;

const unsupported = (what: string) => new InvalidArgumentException(`${what} is not supported by rolegate, which delivers to Amazon S3 only as UNCOMPRESSED or GZIP objects.`);

/** The one S3 destination a CreateDeliveryStream names (ExtendedS3, or the older S3 form). */
export function createdDestination(input: CreateDeliveryStreamInput): ExtendedS3DestinationConfiguration {
  for (const m of OTHER_DESTINATIONS) if (input[m] !== undefined) throw unsupported(m);
  const extended = input.ExtendedS3DestinationConfiguration;
  const legacy = input.S3DestinationConfiguration;
  if (extended && legacy) throw new InvalidArgumentException('Only one destination configuration can be specified: ExtendedS3DestinationConfiguration or S3DestinationConfiguration.');
  const given = extended ?? legacy;
  if (!given) throw new InvalidArgumentException('A destination configuration must be specified: ExtendedS3DestinationConfiguration or S3DestinationConfiguration.');
  return given as ExtendedS3DestinationConfiguration;
}

/** The update an UpdateDestination gives (ExtendedS3, or the older S3 form). */
export function destinationUpdate(input: UpdateDestinationInput): ExtendedS3DestinationUpdate {
  for (const m of OTHER_UPDATES) if (input[m] !== undefined) throw unsupported(m);
  const extended = input.ExtendedS3DestinationUpdate;
  const legacy = input.S3DestinationUpdate;
  if (extended && legacy) throw new InvalidArgumentException('Only one destination update can be specified: ExtendedS3DestinationUpdate or S3DestinationUpdate.');
  return (extended ?? legacy ?? {}) as ExtendedS3DestinationUpdate;
}

/** Checks a destination and fills in AWS's defaults: the description DescribeDeliveryStream answers. */
export function describedDestination(c: ExtendedS3DestinationConfiguration): ExtendedS3DestinationDescription {
  const compression = c.CompressionFormat ?? 'UNCOMPRESSED';
  if (!SUPPORTED_COMPRESSION.has(compression)) throw unsupported(`CompressionFormat ${compression}`);
  if (c.EncryptionConfiguration?.KMSEncryptionConfig) throw unsupported('EncryptionConfiguration.KMSEncryptionConfig');
  if (c.ProcessingConfiguration?.Enabled) throw unsupported('ProcessingConfiguration (Lambda processing)');
  if (c.DataFormatConversionConfiguration && c.DataFormatConversionConfiguration.Enabled !== false) throw unsupported('DataFormatConversionConfiguration');
  if (c.DynamicPartitioningConfiguration?.Enabled) throw unsupported('DynamicPartitioningConfiguration');
  if (c.S3BackupMode === 'Enabled' || c.S3BackupConfiguration) throw unsupported('S3 backup');
  if (c.CustomTimeZone && !isKnownZone(c.CustomTimeZone)) throw new InvalidArgumentException(`CustomTimeZone ${c.CustomTimeZone} is not a supported time zone.`);
  checkPrefixes(c.Prefix, c.ErrorOutputPrefix, c.CustomTimeZone || undefined);
  const d: ExtendedS3DestinationDescription = {
    RoleARN: c.RoleARN,
    BucketARN: c.BucketARN,
    ...(c.Prefix !== undefined ? { Prefix: c.Prefix } : {}),
    ...(c.ErrorOutputPrefix !== undefined ? { ErrorOutputPrefix: c.ErrorOutputPrefix } : {}),
    BufferingHints: {
      SizeInMBs: c.BufferingHints?.SizeInMBs ?? DEFAULT_BUFFERING.SizeInMBs,
      IntervalInSeconds: c.BufferingHints?.IntervalInSeconds ?? DEFAULT_BUFFERING.IntervalInSeconds,
    },
    CompressionFormat: compression,
    EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
    CloudWatchLoggingOptions: c.CloudWatchLoggingOptions ?? { Enabled: false },
    S3BackupMode: 'Disabled',
    ...(c.FileExtension ? { FileExtension: c.FileExtension } : {}),
    ...(c.CustomTimeZone ? { CustomTimeZone: c.CustomTimeZone } : {}),
  };
  return d;
}

/** The destination after an update: the members it gives replace the stored ones (BufferingHints member by member). */
export function updatedDestination(current: ExtendedS3DestinationDescription, u: ExtendedS3DestinationUpdate): ExtendedS3DestinationDescription {
  const merged: ExtendedS3DestinationConfiguration = {
    ...(current as ExtendedS3DestinationConfiguration),
    ...(u as Partial<ExtendedS3DestinationConfiguration>),
    RoleARN: u.RoleARN ?? current.RoleARN,
    BucketARN: u.BucketARN ?? current.BucketARN,
    BufferingHints: { ...current.BufferingHints, ...u.BufferingHints },
  };
  if (u.S3BackupUpdate) merged.S3BackupConfiguration = u.S3BackupUpdate as never;
  delete (merged as { S3BackupUpdate?: unknown }).S3BackupUpdate;
  return describedDestination(merged);
}

/** The older S3DestinationDescription, which AWS answers beside the extended one. */
export function legacyDescription(d: ExtendedS3DestinationDescription): S3DestinationDescription {
  return {
    RoleARN: d.RoleARN, BucketARN: d.BucketARN,
    ...(d.Prefix !== undefined ? { Prefix: d.Prefix } : {}),
    ...(d.ErrorOutputPrefix !== undefined ? { ErrorOutputPrefix: d.ErrorOutputPrefix } : {}),
    BufferingHints: d.BufferingHints, CompressionFormat: d.CompressionFormat, EncryptionConfiguration: d.EncryptionConfiguration,
    ...(d.CloudWatchLoggingOptions ? { CloudWatchLoggingOptions: d.CloudWatchLoggingOptions } : {}),
  };
}
