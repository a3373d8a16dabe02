// PutEvents' rules, as a pure check of the request: which problems refuse the whole request, which
// refuse one event (a 400 in its EventsItemResponse while the others are accepted with 202), and
// the EventsResponse built from the outcome. No store, no I/O: the handler validates, applies the
// endpoints (../endpoints/model.ts's applyEndpoints), records the accepted events and answers
// `eventsResponse(check, endpointProblems)`.
//
// Sources:
//   - Amazon Pinpoint Developer Guide, "Amazon Pinpoint quotas" → "Event ingestion quotas" (formerly
//     "Limits in Amazon Pinpoint" → "Event Ingestion Limits"): at most 100 events in a request; a
//     request of at most 4 MB; an individual event of at most 1,000 KB; attribute keys of at most
//     50 characters, attribute values of at most 200; at most 40 attribute keys and metric keys for
//     each event. (1,500 event types, 500 attribute keys and 500 metric keys per app are per-app
//     analytics quotas that the service does not enforce per request; not checked here.)
//   - Amazon Pinpoint API Reference, "Events" (PutEvents, POST /v1/apps/{application-id}/events,
//     202): EventsRequest.BatchItem maps an endpoint id to an EventsBatch {Endpoint, Events}; Events
//     maps an event id to an Event; Event requires EventType and Timestamp ("The date and time, in
//     ISO 8601 format, when the event occurred"); Session requires Id and StartTimestamp.
//   - Same reference, "EventItemResponse": StatusCode "202, for events that were accepted; and, 400,
//     for events that weren't valid"; "ItemResponse"/"EventsResponse": Results maps each endpoint id
//     to {EndpointItemResponse, EventsItemResponse}.
//   - What the service answers, as SDK maintainers and users logged it (aws-amplify/amplify-swift
//     #2471, aws-amplify/amplify-android #2112, aws-amplify/amplify-js #9665 and #8959):
//       {"EndpointItemResponse":{"StatusCode":202,"Message":"Accepted"},
//        "EventsItemResponse":{"<id>":{"StatusCode":400,"Message":"Number of attributes per event submitted should be less than 40."}}}
//     and the messages "Event attribute key length should be less than 50." and "Event attribute
//     value length should be less than 200." — per-event, the request itself succeeding (202). The
//     Amplify SDKs (aws-sdk-ios #4357, amplify-swift #2474) settled on checking attributes and metrics
//     separately, up to 40 of each, as the service does; so do we.
//   - aws-amplify/aws-sdk-android #977 / #1058, aws-sdk-ios #1680: more than 100 events in one
//     request fails the whole request (BadRequestException), so the SDKs batch by 100.
//
// Decisions where AWS documents nothing (kept close to the observed messages' style):
//   - A request that is not the documented shape (no BatchItem map, a batch without an Endpoint
//     structure or an Events map, an event that is not a structure) is refused whole with 400 —
//     it cannot be answered item by item. An empty BatchItem is accepted with empty Results.
//   - More than 100 events in all batches together → 400 for the whole request; a body over 4 MB →
//     413 PayloadTooLargeException (PutEvents' documented error for an oversized body).
//   - Per event (400 in its EventsItemResponse): a missing or empty EventType, an EventType over 50
//     characters (the attribute-key bound; the brief's rule, not a documented quota); a missing or
//     non-ISO 8601 Timestamp; more than 40 attributes or 40 metrics; keys over 50 characters;
//     attribute values over 200 characters or not strings; metric values that are not finite
//     numbers; a Session without Id or with a missing/non-ISO 8601 StartTimestamp, a non-ISO
//     StopTimestamp, or a Duration that is not a non-negative integer; an event over 1,000 KB.
//   - The endpoint's own validation (ChannelType, Address, attribute quotas …) is the endpoints
//     model's, applied by the handler; its refusal shows in that endpoint's EndpointItemResponse
//     (400 and the message) and does not refuse the endpoint's events: EndpointItemResponse and
//     EventsItemResponse carry independent statuses in the API.
import type { Event, EventsBatch, EventsResponse, ItemResponse, PublicEndpoint } from '../../../generated/pinpoint/shapes.js';

export const MAX_EVENTS_PER_REQUEST = 100;
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
export const MAX_EVENT_BYTES = 1000 * 1024;
export const MAX_EVENT_ATTRIBUTES = 40;
export const MAX_EVENT_METRICS = 40;
export const MAX_EVENT_KEY_LENGTH = 50;
export const MAX_EVENT_ATTRIBUTE_VALUE_LENGTH = 200;
export const MAX_EVENT_TYPE_LENGTH = 50;

export const ACCEPTED = { StatusCode: 202, Message: 'Accepted' } as const;

/** A problem that refuses the whole request: the error the handler throws. */
export interface RequestProblem {
  status: 400 | 413;
  code: 'BadRequestException' | 'PayloadTooLargeException';
  message: string;
}

/** One event of a batch, with why it is refused (absent when it is accepted). */
export interface CheckedEvent {
  eventId: string;
  event: Event;
  /** The event's Timestamp in ms since the epoch (when it parses). */
  timestampMs?: number;
  /** The 400 message in its EventsItemResponse; absent when the event is accepted. */
  problem?: string;
}

/** One endpoint's batch: its PublicEndpoint, to apply through the endpoints model, and its events. */
export interface CheckedBatch {
  endpointId: string;
  endpoint: PublicEndpoint;
  /** Whether the PublicEndpoint gives anything to write (SDKs send `{}` for an unchanged endpoint). */
  endpointHasData: boolean;
  events: CheckedEvent[];
}

/** An event that passed, ready to be recorded and streamed. */
export interface AcceptedEvent {
  endpointId: string;
  eventId: string;
  event: Event;
  timestampMs: number;
}

export type PutEventsCheck =
  | { ok: false; problem: RequestProblem }
  | {
    ok: true;
    /** Every batch in request order, each with its events in request order. */
    batches: CheckedBatch[];
    /** The events accepted, in request order. */
    accepted: AcceptedEvent[];
    /** The number of events in the request. */
    eventCount: number;
  };

export interface CheckOptions {
  /** The request body's size in bytes, when the handler knows it (the 4 MB quota). */
  bodyBytes?: number;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An ISO 8601 date or date-time ("2019-01-17", "2019-01-17T19:42:05Z", "2019-01-17T19:42:05.123456+01:00")
 * in ms since the epoch; undefined when it is not one. A date-time without an offset is UTC, as
 * Pinpoint reads it; fractions beyond milliseconds are truncated.
 */
export function parseIso8601(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = ISO_8601.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', off] = m;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  const [Y, M, D, H, Mi, S] = [y, mo, d, h, mi, sec].map(Number);
  if (M < 1 || M > 12 || D < 1 || D > 31 || H > 24 || Mi > 59 || S > 60) return undefined;
  if (H === 24 && (Mi !== 0 || S !== 0 || ms !== 0)) return undefined;
  let t = Date.UTC(Y, M - 1, D, H, Mi, Math.min(S, 59), ms);
  // Date.UTC rolls 2019-02-30 over into March: refuse days the month does not have.
  const check = new Date(Date.UTC(Y, M - 1, D));
  if (check.getUTCMonth() !== M - 1 || check.getUTCDate() !== D) return undefined;
  if (off && off.toUpperCase() !== 'Z') {
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return undefined;
    t -= sign * (oh * 60 + om) * 60_000;
  }
  return Number.isFinite(t) ? t : undefined;
}

/** Why one event is refused, or undefined when it is accepted. */
export function eventProblem(event: unknown): string | undefined {
  if (!isMap(event)) return 'Event must be a structure';
  const e = event as Partial<Record<keyof Event, unknown>>;
  if (e.EventType === undefined || e.EventType === null || e.EventType === '') return 'Event type is required';
  if (typeof e.EventType !== 'string') return 'Event type must be a string';
  if (e.EventType.length > MAX_EVENT_TYPE_LENGTH) return `Event type length should be less than ${MAX_EVENT_TYPE_LENGTH}.`;
  if (e.Timestamp === undefined || e.Timestamp === null || e.Timestamp === '') return 'Event timestamp is required';
  if (parseIso8601(e.Timestamp) === undefined) return `Invalid event timestamp: ${String(e.Timestamp).slice(0, 100)}. Use ISO 8601 format.`;
  for (const k of ['AppPackageName', 'AppTitle', 'AppVersionCode', 'ClientSdkVersion', 'SdkName'] as const) {
    if (e[k] !== undefined && e[k] !== null && typeof e[k] !== 'string') return `${k} must be a string`;
  }
  if (e.Attributes !== undefined && e.Attributes !== null) {
    if (!isMap(e.Attributes)) return 'Event attributes must be a map of names to strings';
    const entries = Object.entries(e.Attributes);
    if (entries.length > MAX_EVENT_ATTRIBUTES) return `Number of attributes per event submitted should be less than ${MAX_EVENT_ATTRIBUTES}.`;
    for (const [k, v] of entries) {
      if (k.length === 0 || k.length > MAX_EVENT_KEY_LENGTH) return `Event attribute key length should be less than ${MAX_EVENT_KEY_LENGTH}.`;
      if (typeof v !== 'string') return `Event attribute ${k.slice(0, MAX_EVENT_KEY_LENGTH)} value should be a string.`;
      if (v.length > MAX_EVENT_ATTRIBUTE_VALUE_LENGTH) return `Event attribute value length should be less than ${MAX_EVENT_ATTRIBUTE_VALUE_LENGTH}.`;
    }
  }
  if (e.Metrics !== undefined && e.Metrics !== null) {
    if (!isMap(e.Metrics)) return 'Event metrics must be a map of names to numbers';
    const entries = Object.entries(e.Metrics);
    if (entries.length > MAX_EVENT_METRICS) return `Number of metrics per event submitted should be less than ${MAX_EVENT_METRICS}.`;
    for (const [k, v] of entries) {
      if (k.length === 0 || k.length > MAX_EVENT_KEY_LENGTH) return `Event metric key length should be less than ${MAX_EVENT_KEY_LENGTH}.`;
      if (typeof v !== 'number' || !Number.isFinite(v)) return `Event metric ${k} value should be a number.`;
    }
  }
  if (e.Session !== undefined && e.Session !== null) {
    if (!isMap(e.Session)) return 'Event session must be a structure';
    const s = e.Session;
    if (typeof s.Id !== 'string' || s.Id.length === 0) return 'Event session id is required';
    if (s.StartTimestamp === undefined || s.StartTimestamp === null || s.StartTimestamp === '') return 'Event session start timestamp is required';
    if (parseIso8601(s.StartTimestamp) === undefined) return `Invalid session start timestamp: ${String(s.StartTimestamp).slice(0, 100)}. Use ISO 8601 format.`;
    if (s.StopTimestamp !== undefined && s.StopTimestamp !== null && parseIso8601(s.StopTimestamp) === undefined) {
      return `Invalid session stop timestamp: ${String(s.StopTimestamp).slice(0, 100)}. Use ISO 8601 format.`;
    }
    if (s.Duration !== undefined && s.Duration !== null && (typeof s.Duration !== 'number' || !Number.isInteger(s.Duration) || s.Duration < 0)) {
      return 'Event session duration should be a non-negative integer.';
    }
  }
  if (Buffer.byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES) return `Event size should be less than ${MAX_EVENT_BYTES / 1024} KB.`;
  return undefined;
}

const refuse = (message: string, status: 400 | 413 = 400): PutEventsCheck => ({
  ok: false,
  problem: { status, code: status === 413 ? 'PayloadTooLargeException' : 'BadRequestException', message },
});

/**
 * Checks a PutEvents EventsRequest: either the problem that refuses it whole, or every batch with
 * each event's verdict and the accepted events. `req` is the EventsRequest as parsed (typed
 * `unknown`-tolerant: a malformed body is refused, not thrown on).
 */
export function checkPutEvents(req: unknown, opts: CheckOptions = {}): PutEventsCheck {
  if (opts.bodyBytes !== undefined && opts.bodyBytes > MAX_REQUEST_BYTES) {
    return refuse(`Request size exceeds the maximum of ${MAX_REQUEST_BYTES / (1024 * 1024)} MB for PutEvents`, 413);
  }
  if (!isMap(req)) return refuse('EventsRequest is required');
  const items = req.BatchItem;
  if (items === undefined || items === null) return refuse('BatchItem is required');
  if (!isMap(items)) return refuse('BatchItem must be a map of endpoint ids to EventsBatch objects');
  let eventCount = 0;
  for (const [endpointId, batch] of Object.entries(items)) {
    if (endpointId.length === 0) return refuse('Endpoint id in BatchItem must not be empty');
    if (!isMap(batch)) return refuse(`BatchItem ${endpointId} must be an EventsBatch`);
    const b = batch as Partial<Record<keyof EventsBatch, unknown>>;
    if (!isMap(b.Endpoint)) return refuse(`BatchItem ${endpointId} is missing its Endpoint`);
    if (!isMap(b.Events)) return refuse(`BatchItem ${endpointId} is missing its Events`);
    eventCount += Object.keys(b.Events).length;
  }
  if (eventCount > MAX_EVENTS_PER_REQUEST) {
    return refuse(`The number of events in the request (${eventCount}) exceeds the maximum of ${MAX_EVENTS_PER_REQUEST} events per request`);
  }
  const batches: CheckedBatch[] = [];
  const accepted: AcceptedEvent[] = [];
  for (const [endpointId, batch] of Object.entries(items as Record<string, EventsBatch>)) {
    const events: CheckedEvent[] = [];
    for (const [eventId, event] of Object.entries(batch.Events)) {
      const problem = eventProblem(event);
      const timestampMs = isMap(event) ? parseIso8601((event as Event).Timestamp) : undefined;
      events.push({ eventId, event, ...(timestampMs !== undefined ? { timestampMs } : {}), ...(problem ? { problem } : {}) });
      if (!problem) accepted.push({ endpointId, eventId, event, timestampMs: timestampMs! });
    }
    const endpointHasData = Object.values(batch.Endpoint).some((v) => v !== undefined && v !== null);
    batches.push({ endpointId, endpoint: batch.Endpoint, endpointHasData, events });
  }
  return { ok: true, batches, accepted, eventCount };
}

/**
 * The EventsResponse for a checked request: each endpoint's EndpointItemResponse (202 "Accepted",
 * or 400 with the message in `endpointProblems`, keyed by endpoint id — the endpoints model's
 * refusal) and each event's EventItemResponse (202 "Accepted", or 400 with its problem).
 */
export function eventsResponse(
  batches: readonly CheckedBatch[],
  endpointProblems: ReadonlyMap<string, string> | Readonly<Record<string, string>> = {},
): EventsResponse {
  const problemOf = (id: string): string | undefined =>
    endpointProblems instanceof Map ? endpointProblems.get(id) : Object.hasOwn(endpointProblems, id) ? (endpointProblems as Record<string, string>)[id] : undefined;
  const Results: Record<string, ItemResponse> = {};
  for (const b of batches) {
    const ep = problemOf(b.endpointId);
    const EventsItemResponse: NonNullable<ItemResponse['EventsItemResponse']> = {};
    for (const e of b.events) EventsItemResponse[e.eventId] = e.problem ? { StatusCode: 400, Message: e.problem } : { ...ACCEPTED };
    Results[b.endpointId] = {
      EndpointItemResponse: ep !== undefined ? { StatusCode: 400, Message: ep } : { ...ACCEPTED },
      EventsItemResponse,
    };
  }
  return { Results };
}
