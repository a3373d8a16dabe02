// An app's event stream as its record keeps it (`data.eventStream`), its EventStream shape, and the
// checks of a WriteEventStream's ARNs. Pure: no store, no calls.
//
// Sources: Amazon Pinpoint API Reference, "Event Stream" (/v1/apps/{application-id}/eventstream):
// WriteEventStream {DestinationStreamArn, RoleArn}, both required; "For a Kinesis data stream, the
// ARN format is: arn:aws:kinesis:region:account-id:stream/stream_name … For a Kinesis Data Firehose
// delivery stream … arn:aws:firehose:region:account-id:deliverystream/stream_name"; RoleArn "The AWS
// Identity and Access Management (IAM) role that authorizes Amazon Pinpoint to publish event data to
// the stream"; EventStream's ExternalId is "(Deprecated) … Amazon Pinpoint previously used this value
// to assume an IAM role … but we removed this requirement": it is not set, and not passed.
import type { EventStream } from '../../../generated/pinpoint/shapes.js';
import type { PinpointAppRecord } from '../../../store/types.js';
import { streamKindOf, type StreamKind } from './format.js';

export interface EventStreamData {
  DestinationStreamArn: string;
  RoleArn: string;
  LastModifiedDate: string;
  LastUpdatedBy: string;
}

/** Kinesis stream names: 1–128 of [a-zA-Z0-9_.-] (Kinesis API, StreamName). */
const KINESIS_ARN = /^arn:aws[a-z-]*:kinesis:[a-z]{2}(-[a-z]+)+-\d:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/;
/** Firehose stream names: 1–64 of [a-zA-Z0-9_.-] (Firehose API, DeliveryStreamName). */
const FIREHOSE_ARN = /^arn:aws[a-z-]*:firehose:[a-z]{2}(-[a-z]+)+-\d:\d{12}:deliverystream\/[a-zA-Z0-9_.-]{1,64}$/;
/** An IAM role's ARN: a path and a name of [\w+=,.@-] (IAM API, RoleName ≤ 64, Path ≤ 512). */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/([\x21-\x7e]{0,511}\/)?[\w+=,.@-]{1,64}$/;

/**
 * The largest record each stream takes: a Kinesis record's data blob is up to 1 MiB (Kinesis API
 * Reference, PutRecordsRequestEntry.Data), a Firehose record up to 1,000 KiB (Firehose API
 * Reference, Record.Data). An event whose stream record is larger could never be delivered.
 */
export const MAX_STREAM_RECORD_BYTES: Readonly<Record<StreamKind, number>> = { kinesis: 1024 * 1024, firehose: 1_024_000 };

export const eventStreamOf = (app: PinpointAppRecord): EventStreamData | undefined =>
  (app.data as { eventStream?: EventStreamData }).eventStream;

export function eventStreamShape(appId: string, s: EventStreamData): EventStream {
  return { ApplicationId: appId, DestinationStreamArn: s.DestinationStreamArn, LastModifiedDate: s.LastModifiedDate, LastUpdatedBy: s.LastUpdatedBy, RoleArn: s.RoleArn };
}

/** Why a WriteEventStream is refused (BadRequestException), or undefined. */
export function writeEventStreamProblem(w: { DestinationStreamArn?: unknown; RoleArn?: unknown } | undefined): string | undefined {
  if (!w || typeof w !== 'object') return 'WriteEventStream is required';
  const { DestinationStreamArn: dest, RoleArn: role } = w;
  if (typeof dest !== 'string' || dest === '') return 'Missing DestinationStreamArn';
  if (typeof role !== 'string' || role === '') return 'Missing RoleArn';
  if (!KINESIS_ARN.test(dest) && !FIREHOSE_ARN.test(dest)) {
    return `Invalid DestinationStreamArn: ${dest.slice(0, 256)}. It must be the ARN of a Kinesis data stream (arn:aws:kinesis:region:account-id:stream/stream_name) or of a Firehose delivery stream (arn:aws:firehose:region:account-id:deliverystream/stream_name).`;
  }
  if (!ROLE_ARN.test(role)) return `Invalid RoleArn: ${role.slice(0, 256)}. It must be the ARN of an IAM role (arn:aws:iam::account-id:role/role_name).`;
  return undefined;
}

/** The stream's region, account, name and kind, from an ARN writeEventStreamProblem accepted. */
export function destinationOf(arn: string): { kind: StreamKind; region: string; accountId: string; name: string } {
  const [, , , region, accountId, resource] = arn.split(':');
  return { kind: streamKindOf(arn), region, accountId, name: resource.slice(resource.indexOf('/') + 1) };
}
