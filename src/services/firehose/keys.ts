// The S3 object key of a delivered batch: <evaluated prefix><suffix>, the suffix
// `<stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid><extension>` (Amazon Data Firehose
// Developer Guide, "Configure Amazon S3 object name format"), all times those of the oldest
// record's arrival, in CustomTimeZone or UTC. The random parts come from the caller, so a planned
// key is fixed once made.
import type { ExtendedS3DestinationDescription } from '../../generated/firehose/shapes.js';
import { compilePattern, formatParts, wallClock } from './datetime-format.js';
import { evaluatePrefix, parsePrefix } from './prefixes.js';

const SUFFIX_TIME = compilePattern('yyyy-MM-dd-HH-mm-ss');

export interface KeyParts {
  streamName: string;
  versionId: number;
  oldestArrival: number;
  uuid: string;
  /** `!{firehose:random-string}`: 11 characters each (the guide's example: 046b6c7f-0b). */
  random: () => string;
}

/** The extension Firehose gives an object: FileExtension when set, else `.gz` for GZIP. */
export function extensionOf(d: ExtendedS3DestinationDescription): string {
  if (d.FileExtension) return d.FileExtension;
  return d.CompressionFormat === 'GZIP' ? '.gz' : '';
}

export function objectKey(d: ExtendedS3DestinationDescription, k: KeyParts): string {
  const zone = d.CustomTimeZone || undefined;
  const prefix = evaluatePrefix(parsePrefix(d.Prefix, 'Prefix'), { at: k.oldestArrival, zone, random: k.random });
  const time = formatParts(SUFFIX_TIME, wallClock(k.oldestArrival, zone));
  return `${prefix}${k.streamName}-${k.versionId}-${time}-${k.uuid}${extensionOf(d)}`;
}
