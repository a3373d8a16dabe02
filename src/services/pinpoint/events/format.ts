// The record Pinpoint writes to a project's event stream (Kinesis Data Streams or Firehose) for an
// event received through PutEvents: an "app event". Pure: the handler passes the event, the
// endpoint as it stands after the request's update, and the arrival time.
//
// Sources:
//   - Amazon Pinpoint Developer Guide, "App event data stream from Amazon Pinpoint" (formerly "App
//     events", under "Streaming Amazon Pinpoint events"): the example and the attribute tables —
//     event_type; event_timestamp ("when the event was reported", Unix time in ms); arrival_timestamp
//     ("when the event was received by Amazon Pinpoint", ms); event_version; application {app_id,
//     cognito_identity_pool_id, package_name, sdk {name, version}, title, version_name,
//     version_code}; client {client_id: "The ID of the endpoint", cognito_id}; device {locale {code,
//     country, language}, make, model, platform {name, version}}; session {session_id,
//     start_timestamp, stop_timestamp} (ms); attributes; metrics. The example's locale is
//     {"code": "en_US", "country": "US", "language": "en"}.
//   - Same guide, "Campaign event data stream" / "SMS event data stream" / "Email event data stream":
//     the current schema's event_version "3.1", the top-level "awsAccountId", and that the objects
//     are always present even when empty ("sdk": {}, "platform": {}, "session": {}); the campaign
//     example's endpoint as the stream shows it — {"ChannelType", "EndpointStatus", "OptOut",
//     "RequestId", "EffectiveDate", "User"}, with Location, Demographic and Attributes when set, and
//     no Address (a streamed EMAIL endpoint shows no address).
//   - For events from PutEvents, the stream also carries "client_context": {"custom":
//     {"legacy_identifier": <app id>}} and the endpoint under a top-level "endpoint" object (as
//     streamed records show; not in the guide's abridged app-event example).
//
// Mapping of the Event (API Reference, "Events" → Event): EventType → event_type; Timestamp →
// event_timestamp; AppPackageName → application.package_name; AppTitle → application.title;
// AppVersionCode → application.version_code; SdkName / ClientSdkVersion → application.sdk.name /
// .version; Session {Id, StartTimestamp, StopTimestamp} → session {session_id, start_timestamp,
// stop_timestamp} (Duration has no place in the documented session object and is not streamed);
// Attributes → attributes; Metrics → metrics. Of the endpoint's Demographic: Locale → device.locale
// ("en_US" → code "en_US", language "en", country "US"), Make → device.make, Model → device.model,
// Platform / PlatformVersion → device.platform.name / .version, AppVersion → application.version_name.
// Absent members are left out, never invented.
//
// Bytes: a Kinesis Data Streams record is the bare JSON; a Firehose record is the JSON followed by
// a newline, so that the objects Firehose concatenates into an S3 object are one per line, as the
// Athena / Glue JSON readers that Pinpoint's streamed data is queried with expect (AWS documents no
// delimiter; this is the decision).
import type { EndpointResponse, Event, PublicEndpoint } from '../../../generated/pinpoint/shapes.js';
import { parseIso8601 } from './validate.js';

export const EVENT_VERSION = '3.1';

/** The endpoint as the stream shows it. */
export interface StreamEndpoint {
  ChannelType?: string;
  EndpointStatus?: string;
  OptOut?: string;
  RequestId?: string;
  Location: Record<string, unknown>;
  Demographic: Record<string, unknown>;
  EffectiveDate?: string;
  Attributes?: Record<string, string[]>;
  Metrics?: Record<string, number>;
  User: { UserId?: string; UserAttributes?: Record<string, string[]> };
}

/** An app event as Pinpoint streams it. */
export interface AppEventRecord {
  event_type: string;
  event_timestamp: number;
  arrival_timestamp: number;
  event_version: string;
  application: {
    app_id: string;
    cognito_identity_pool_id?: string;
    package_name?: string;
    sdk: { name?: string; version?: string };
    title?: string;
    version_name?: string;
    version_code?: string;
  };
  client: { client_id: string; cognito_id?: string };
  device: {
    locale?: { code: string; country?: string; language?: string };
    make?: string;
    model?: string;
    platform: { name?: string; version?: string };
  };
  session: { session_id?: string; start_timestamp?: number; stop_timestamp?: number };
  attributes: Record<string, string>;
  client_context: { custom: { legacy_identifier: string } };
  metrics: Record<string, number>;
  awsAccountId: string;
  endpoint?: StreamEndpoint;
}

export interface EventStreamInput {
  accountId: string;
  appId: string;
  endpointId: string;
  /** The endpoint after the request's update (stored EndpointResponse-like data), or the PublicEndpoint given when none is stored. */
  endpoint?: EndpointResponse | PublicEndpoint;
  event: Event;
  /** When Pinpoint received the event, ms since the epoch. */
  arrivalMs: number;
  /** The Cognito identity pool and identity the caller signed with, when the handler knows them. */
  cognitoIdentityPoolId?: string;
  cognitoId?: string;
}

export type StreamKind = 'kinesis' | 'firehose';

/** "en_US" / "en-US" → {code, language, country}; "en" → {code, language}. */
export function localeOf(code: string): { code: string; country?: string; language?: string } {
  const [language, country] = code.split(/[_-]/);
  return {
    code,
    ...(country ? { country: country.toUpperCase() } : {}),
    ...(language ? { language: language.toLowerCase() } : {}),
  };
}

/** `{[k]: v}` when v is given (not undefined, null or ''), `{}` otherwise: absent members stay absent. */
const opt = <K extends string, V>(k: K, v: V | undefined | null): { [P in K]?: V } =>
  (v !== undefined && v !== null && v !== '' ? { [k]: v } as { [P in K]?: V } : {});

/** The endpoint as the stream shows it: no Address, Id, CohortId, CreationDate or ApplicationId. */
export function streamEndpoint(e: EndpointResponse | PublicEndpoint): StreamEndpoint {
  const ua = e.User?.UserAttributes;
  return {
    ...opt('ChannelType', e.ChannelType),
    ...opt('EndpointStatus', e.EndpointStatus),
    ...opt('OptOut', e.OptOut),
    ...opt('RequestId', e.RequestId),
    Location: { ...(e.Location ?? {}) },
    Demographic: { ...(e.Demographic ?? {}) },
    ...opt('EffectiveDate', e.EffectiveDate),
    ...(e.Attributes && Object.keys(e.Attributes).length ? { Attributes: e.Attributes } : {}),
    ...(e.Metrics && Object.keys(e.Metrics).length ? { Metrics: e.Metrics } : {}),
    User: { ...opt('UserId', e.User?.UserId), ...(ua && Object.keys(ua).length ? { UserAttributes: ua } : {}) },
  };
}

/** The JSON object Pinpoint streams for an event received through PutEvents. */
export function eventStreamRecord(input: EventStreamInput): AppEventRecord {
  const { event, endpoint } = input;
  const demo = endpoint?.Demographic ?? {};
  const eventTs = parseIso8601(event.Timestamp);

  const application: AppEventRecord['application'] = {
    app_id: input.appId,
    ...opt('cognito_identity_pool_id', input.cognitoIdentityPoolId),
    ...opt('package_name', event.AppPackageName),
    sdk: { ...opt('name', event.SdkName), ...opt('version', event.ClientSdkVersion) },
    ...opt('title', event.AppTitle),
    ...opt('version_name', demo.AppVersion),
    ...opt('version_code', event.AppVersionCode),
  };
  const client: AppEventRecord['client'] = { client_id: input.endpointId, ...opt('cognito_id', input.cognitoId) };
  const device: AppEventRecord['device'] = {
    ...(demo.Locale ? { locale: localeOf(demo.Locale) } : {}),
    ...opt('make', demo.Make),
    ...opt('model', demo.Model),
    platform: { ...opt('name', demo.Platform), ...opt('version', demo.PlatformVersion) },
  };
  const session: AppEventRecord['session'] = event.Session ? {
    ...opt('session_id', event.Session.Id),
    ...opt('start_timestamp', parseIso8601(event.Session.StartTimestamp)),
    ...opt('stop_timestamp', parseIso8601(event.Session.StopTimestamp)),
  } : {};

  const record: AppEventRecord = {
    event_type: event.EventType,
    event_timestamp: eventTs ?? input.arrivalMs,
    arrival_timestamp: input.arrivalMs,
    event_version: EVENT_VERSION,
    application,
    client,
    device,
    session,
    attributes: { ...(event.Attributes ?? {}) },
    client_context: { custom: { legacy_identifier: input.appId } },
    metrics: { ...(event.Metrics ?? {}) },
    awsAccountId: input.accountId,
  };
  if (endpoint) record.endpoint = streamEndpoint(endpoint);
  return record;
}

/** A stream record's bytes: the JSON for Kinesis Data Streams, the JSON and a newline for Firehose. */
export function eventStreamBytes(input: EventStreamInput, kind: StreamKind): Buffer {
  const json = JSON.stringify(eventStreamRecord(input));
  return Buffer.from(kind === 'firehose' ? `${json}\n` : json, 'utf8');
}

/** The kind of stream a DestinationStreamArn names (arn:aws:firehose:… or arn:aws:kinesis:…). */
export function streamKindOf(destinationStreamArn: string): StreamKind {
  return destinationStreamArn.split(':')[2] === 'firehose' ? 'firehose' : 'kinesis';
}
