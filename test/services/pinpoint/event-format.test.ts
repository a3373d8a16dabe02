// PutEvents' pure halves: the request check (../../../src/services/pinpoint/events/validate.ts) —
// the quotas of "Amazon Pinpoint quotas" → Event ingestion quotas, which problems refuse the whole
// request and which refuse one event in its EventsItemResponse — and the app-event record streamed
// to Kinesis / Firehose (../../../src/services/pinpoint/events/format.ts), against the example in
// "App event data stream from Amazon Pinpoint".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Event, EventsRequest } from '../../../src/generated/pinpoint/shapes.js';
import {
  checkPutEvents, eventProblem, eventsResponse, parseIso8601, MAX_EVENT_BYTES, type PutEventsCheck,
} from '../../../src/services/pinpoint/events/validate.js';
import {
  eventStreamBytes, eventStreamRecord, localeOf, streamEndpoint, streamKindOf, type EventStreamInput,
} from '../../../src/services/pinpoint/events/format.js';

const TS = '2024-05-01T12:00:00.000Z';
const ev = (over: Partial<Event> = {}): Event => ({ EventType: 'purchase', Timestamp: TS, ...over });
const req = (batches: Record<string, Record<string, Event>>): EventsRequest => ({
  BatchItem: Object.fromEntries(Object.entries(batches).map(([id, Events]) => [id, { Endpoint: {}, Events }])),
});
const many = <T>(n: number, f: (i: number) => [string, T]): Record<string, T> => Object.fromEntries(Array.from({ length: n }, (_, i) => f(i)));

function ok(c: PutEventsCheck): Extract<PutEventsCheck, { ok: true }> {
  assert.equal(c.ok, true, c.ok ? '' : c.problem.message);
  return c as Extract<PutEventsCheck, { ok: true }>;
}
function refused(c: PutEventsCheck, status: number, code: string): string {
  assert.equal(c.ok, false);
  const p = (c as Extract<PutEventsCheck, { ok: false }>).problem;
  assert.equal(p.status, status);
  assert.equal(p.code, code);
  return p.message;
}
/** The one event's verdict in a one-event request: its 400 message, or undefined when accepted. */
const verdict = (e: unknown) => {
  const c = ok(checkPutEvents({ BatchItem: { ep: { Endpoint: {}, Events: { e1: e } } } }));
  const r = eventsResponse(c.batches).Results!.ep.EventsItemResponse!.e1;
  return r.StatusCode === 202 ? undefined : (assert.equal(r.StatusCode, 400), r.Message);
};

describe('parseIso8601', () => {
  it('reads the ISO 8601 forms SDKs send, in UTC unless an offset is given', () => {
    assert.equal(parseIso8601('2017-02-24T21:43:22.507Z'), Date.UTC(2017, 1, 24, 21, 43, 22, 507));
    assert.equal(parseIso8601('2017-02-24T21:43:22Z'), Date.UTC(2017, 1, 24, 21, 43, 22));
    assert.equal(parseIso8601('2017-02-24T21:43:22.507123Z'), Date.UTC(2017, 1, 24, 21, 43, 22, 507));
    assert.equal(parseIso8601('2017-02-24T22:43:22+01:00'), Date.UTC(2017, 1, 24, 21, 43, 22));
    assert.equal(parseIso8601('2017-02-24T16:13:22-0530'), Date.UTC(2017, 1, 24, 21, 43, 22));
    assert.equal(parseIso8601('2017-02-24T21:43:22'), Date.UTC(2017, 1, 24, 21, 43, 22));
    assert.equal(parseIso8601('2017-02-24'), Date.UTC(2017, 1, 24));
  });
  it('refuses what is not a date: words, epoch numbers, impossible days and times', () => {
    for (const s of ['yesterday', '', '1487973802507', '2017-02-30T00:00:00Z', '2017-13-01', '2017-02-24T25:00:00Z', '24/02/2017', 'Fri, 24 Feb 2017 21:43:22 GMT']) {
      assert.equal(parseIso8601(s), undefined, s);
    }
    assert.equal(parseIso8601(1487973802507), undefined);
  });
});

describe('checkPutEvents: requests accepted', () => {
  it('accepts every event of every endpoint and answers 202 "Accepted" for each endpoint and event', () => {
    const c = ok(checkPutEvents(req({ a: { e1: ev(), e2: ev({ EventType: '_session.start' }) }, b: { e3: ev() } })));
    assert.equal(c.eventCount, 3);
    assert.deepEqual(c.accepted.map((a) => [a.endpointId, a.eventId, a.timestampMs]), [['a', 'e1', Date.parse(TS)], ['a', 'e2', Date.parse(TS)], ['b', 'e3', Date.parse(TS)]]);
    assert.deepEqual(eventsResponse(c.batches), {
      Results: {
        a: { EndpointItemResponse: { StatusCode: 202, Message: 'Accepted' }, EventsItemResponse: { e1: { StatusCode: 202, Message: 'Accepted' }, e2: { StatusCode: 202, Message: 'Accepted' } } },
        b: { EndpointItemResponse: { StatusCode: 202, Message: 'Accepted' }, EventsItemResponse: { e3: { StatusCode: 202, Message: 'Accepted' } } },
      },
    });
  });
  it('accepts an empty BatchItem with empty Results, and a batch with no events', () => {
    assert.deepEqual(eventsResponse(ok(checkPutEvents({ BatchItem: {} })).batches), { Results: {} });
    const c = ok(checkPutEvents({ BatchItem: { a: { Endpoint: { ChannelType: 'GCM' }, Events: {} } } }));
    assert.deepEqual(eventsResponse(c.batches).Results!.a, { EndpointItemResponse: { StatusCode: 202, Message: 'Accepted' }, EventsItemResponse: {} });
  });
  it('tells the handler whether a batch\'s Endpoint gives anything to write', () => {
    const c = ok(checkPutEvents({ BatchItem: { a: { Endpoint: {}, Events: {} }, b: { Endpoint: { Demographic: { Locale: 'en_US' } }, Events: {} } } }));
    assert.deepEqual(c.batches.map((b) => [b.endpointId, b.endpointHasData]), [['a', false], ['b', true]]);
    assert.deepEqual(c.batches[1].endpoint, { Demographic: { Locale: 'en_US' } });
  });
});

describe('checkPutEvents: problems that refuse the whole request', () => {
  it('accepts 100 events in a request and refuses 101 (across batches) with BadRequestException', () => {
    ok(checkPutEvents(req({ a: many(60, (i) => [`e${i}`, ev()]), b: many(40, (i) => [`f${i}`, ev()]) })));
    const msg = refused(checkPutEvents(req({ a: many(60, (i) => [`e${i}`, ev()]), b: many(41, (i) => [`f${i}`, ev()]) })), 400, 'BadRequestException');
    assert.match(msg, /101/);
    assert.match(msg, /100/);
  });
  it('counts invalid events towards the 100 too', () => {
    refused(checkPutEvents(req({ a: many(101, (i) => [`e${i}`, ev({ Timestamp: 'bad' })]) })), 400, 'BadRequestException');
  });
  it('refuses a body over 4 MB with PayloadTooLargeException (413), and accepts 4 MB exactly', () => {
    refused(checkPutEvents(req({ a: { e: ev() } }), { bodyBytes: 4 * 1024 * 1024 + 1 }), 413, 'PayloadTooLargeException');
    ok(checkPutEvents(req({ a: { e: ev() } }), { bodyBytes: 4 * 1024 * 1024 }));
  });
  it('refuses a request that is not the documented shape', () => {
    refused(checkPutEvents(undefined), 400, 'BadRequestException');
    refused(checkPutEvents({}), 400, 'BadRequestException');
    refused(checkPutEvents({ BatchItem: [] }), 400, 'BadRequestException');
    refused(checkPutEvents({ BatchItem: { a: 'x' } }), 400, 'BadRequestException');
    assert.match(refused(checkPutEvents({ BatchItem: { a: { Events: {} } } }), 400, 'BadRequestException'), /Endpoint/);
    assert.match(refused(checkPutEvents({ BatchItem: { a: { Endpoint: {} } } }), 400, 'BadRequestException'), /Events/);
    refused(checkPutEvents({ BatchItem: { a: { Endpoint: {}, Events: [] } } }), 400, 'BadRequestException');
  });
});

describe('checkPutEvents: problems that refuse one event (400 in its EventsItemResponse)', () => {
  it('refuses only the bad event: the others and the endpoint are accepted', () => {
    const c = ok(checkPutEvents(req({ a: { good: ev(), bad: ev({ Attributes: many(41, (i) => [`k${i}`, 'v']) }), also: ev() } })));
    assert.deepEqual(c.accepted.map((a) => a.eventId), ['good', 'also']);
    assert.deepEqual(eventsResponse(c.batches).Results!.a, {
      EndpointItemResponse: { StatusCode: 202, Message: 'Accepted' },
      EventsItemResponse: {
        good: { StatusCode: 202, Message: 'Accepted' },
        bad: { StatusCode: 400, Message: 'Number of attributes per event submitted should be less than 40.' },
        also: { StatusCode: 202, Message: 'Accepted' },
      },
    });
  });
  it('allows 40 attributes and 40 metrics on one event (counted separately), not 41 of either', () => {
    assert.equal(verdict(ev({ Attributes: many(40, (i) => [`k${i}`, 'v']), Metrics: many(40, (i) => [`m${i}`, i]) })), undefined);
    assert.equal(verdict(ev({ Attributes: many(41, (i) => [`k${i}`, 'v']) })), 'Number of attributes per event submitted should be less than 40.');
    assert.equal(verdict(ev({ Metrics: many(41, (i) => [`m${i}`, i]) })), 'Number of metrics per event submitted should be less than 40.');
  });
  it('allows attribute keys of 50 characters and values of 200, not 51 or 201', () => {
    assert.equal(verdict(ev({ Attributes: { ['k'.repeat(50)]: 'v'.repeat(200) } })), undefined);
    assert.equal(verdict(ev({ Attributes: { ['k'.repeat(51)]: 'v' } })), 'Event attribute key length should be less than 50.');
    assert.equal(verdict(ev({ Attributes: { k: 'v'.repeat(201) } })), 'Event attribute value length should be less than 200.');
    assert.equal(verdict(ev({ Attributes: { '': 'v' } })), 'Event attribute key length should be less than 50.');
    assert.match(verdict({ ...ev(), Attributes: { k: 7 } })!, /should be a string/);
  });
  it('allows metric keys of 50 characters with finite numbers; refuses longer keys and non-numbers', () => {
    assert.equal(verdict(ev({ Metrics: { ['m'.repeat(50)]: 1.5, neg: -3 } })), undefined);
    assert.equal(verdict(ev({ Metrics: { ['m'.repeat(51)]: 1 } })), 'Event metric key length should be less than 50.');
    assert.match(verdict({ ...ev(), Metrics: { m: '1' } })!, /should be a number/);
    assert.match(verdict(ev({ Metrics: { m: Number.NaN } }))!, /should be a number/);
    assert.match(verdict({ ...ev(), Metrics: [1] })!, /map/);
  });
  it('requires EventType, of at most 50 characters', () => {
    assert.equal(verdict(ev({ EventType: 'e'.repeat(50) })), undefined);
    assert.match(verdict(ev({ EventType: 'e'.repeat(51) }))!, /Event type length/);
    assert.match(verdict({ Timestamp: TS })!, /Event type is required/);
    assert.match(verdict(ev({ EventType: '' }))!, /Event type is required/);
    assert.match(verdict({ EventType: 5, Timestamp: TS })!, /must be a string/);
  });
  it('requires Timestamp in ISO 8601', () => {
    assert.match(verdict({ EventType: 'x' })!, /timestamp is required/);
    assert.match(verdict(ev({ Timestamp: '1487973802507' }))!, /ISO 8601/);
    assert.match(verdict(ev({ Timestamp: 'yesterday' }))!, /ISO 8601/);
  });
  it('checks Session: Id and StartTimestamp required, timestamps ISO 8601, Duration a non-negative integer', () => {
    const s = { Id: 's1', StartTimestamp: TS, StopTimestamp: '2024-05-01T12:10:00Z', Duration: 600000 };
    assert.equal(verdict(ev({ Session: s })), undefined);
    assert.equal(verdict(ev({ Session: { Id: 's1', StartTimestamp: TS } })), undefined);
    assert.match(verdict({ ...ev(), Session: { StartTimestamp: TS } })!, /session id is required/);
    assert.match(verdict({ ...ev(), Session: { Id: 's1' } })!, /session start timestamp is required/);
    assert.match(verdict(ev({ Session: { ...s, StartTimestamp: 'soon' } }))!, /start timestamp/);
    assert.match(verdict(ev({ Session: { ...s, StopTimestamp: 'later' } }))!, /stop timestamp/);
    assert.match(verdict(ev({ Session: { ...s, Duration: -1 } }))!, /duration/);
    assert.match(verdict(ev({ Session: { ...s, Duration: 1.5 } }))!, /duration/);
  });
  it('refuses an event over 1,000 KB, and a value that is not an event', () => {
    assert.equal(verdict(ev({ AppTitle: 'x'.repeat(MAX_EVENT_BYTES - 200) })), undefined);
    assert.match(verdict(ev({ AppTitle: 'x'.repeat(MAX_EVENT_BYTES + 1) }))!, /Event size should be less than 1000 KB/);
    assert.match(verdict('x')!, /structure/);
    assert.match(verdict({ ...ev(), SdkName: 3 })!, /SdkName must be a string/);
    assert.equal(eventProblem(ev()), undefined);
  });
});

describe('eventsResponse: the endpoint\'s own outcome', () => {
  it('answers 400 and the endpoints model\'s message in EndpointItemResponse, its events still answered on their own', () => {
    const c = ok(checkPutEvents(req({ a: { e1: ev(), e2: ev({ Timestamp: 'x' }) }, b: { e3: ev() } })));
    const byMap = eventsResponse(c.batches, new Map([['a', 'ChannelType is required to create an endpoint']]));
    const byRecord = eventsResponse(c.batches, { a: 'ChannelType is required to create an endpoint' });
    assert.deepEqual(byMap, byRecord);
    assert.deepEqual(byMap.Results!.a.EndpointItemResponse, { StatusCode: 400, Message: 'ChannelType is required to create an endpoint' });
    assert.deepEqual(byMap.Results!.a.EventsItemResponse!.e1, { StatusCode: 202, Message: 'Accepted' });
    assert.equal(byMap.Results!.a.EventsItemResponse!.e2.StatusCode, 400);
    assert.deepEqual(byMap.Results!.b.EndpointItemResponse, { StatusCode: 202, Message: 'Accepted' });
  });
});

// The example of "App event data stream from Amazon Pinpoint" (Amazon Pinpoint Developer Guide),
// which the record must reproduce from the PutEvents request that reported it.
const DOC_EXAMPLE = {
  event_type: '_session.stop',
  event_timestamp: 1487973802507,
  arrival_timestamp: 1487973803515,
  event_version: '3.0',
  application: {
    app_id: 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6',
    cognito_identity_pool_id: 'us-east-1:a1b2c3d4-e5f6-g7h8-i9j0-k1l2m3n4o5p6',
    package_name: 'main.page',
    sdk: { name: 'aws-sdk-mobile-analytics-js', version: '0.9.1:2.4.8' },
    title: 'title',
    version_name: '1.0',
    version_code: '1',
  },
  client: { client_id: 'm3n4o5p6-a1b2-c3d4-e5f6-g7h8i9j0k1l2', cognito_id: 'us-east-1:i9j0k1l2-m3n4-o5p6-a1b2-c3d4e5f6g7h8' },
  device: {
    locale: { code: 'en_US', country: 'US', language: 'en' },
    make: 'generic web browser',
    model: 'Unknown',
    platform: { name: 'android', version: '10.10' },
  },
  session: { session_id: 'f549dea9-1090-945d-c3d1-e4967example', start_timestamp: 1487973202531, stop_timestamp: 1487973802507 },
  attributes: {},
  metrics: {},
};

const iso = (ms: number) => new Date(ms).toISOString();
const docInput = (): EventStreamInput => ({
  accountId: '123456789012',
  appId: DOC_EXAMPLE.application.app_id,
  endpointId: DOC_EXAMPLE.client.client_id,
  cognitoIdentityPoolId: DOC_EXAMPLE.application.cognito_identity_pool_id,
  cognitoId: DOC_EXAMPLE.client.cognito_id,
  endpoint: {
    ApplicationId: DOC_EXAMPLE.application.app_id,
    Id: DOC_EXAMPLE.client.client_id,
    Address: 'token-abc',
    ChannelType: 'GCM',
    CohortId: '42',
    CreationDate: '2017-02-24T20:00:00.000Z',
    Demographic: { AppVersion: '1.0', Locale: 'en_US', Make: 'generic web browser', Model: 'Unknown', Platform: 'android', PlatformVersion: '10.10' },
    EffectiveDate: '2017-02-24T21:43:22.000Z',
    EndpointStatus: 'ACTIVE',
    OptOut: 'NONE',
    RequestId: 'ec229696-9d1e-11e9-8bf1-85d0aexample',
    User: {},
  },
  event: {
    EventType: '_session.stop',
    Timestamp: iso(1487973802507),
    AppPackageName: 'main.page',
    AppTitle: 'title',
    AppVersionCode: '1',
    SdkName: 'aws-sdk-mobile-analytics-js',
    ClientSdkVersion: '0.9.1:2.4.8',
    Session: { Id: 'f549dea9-1090-945d-c3d1-e4967example', StartTimestamp: iso(1487973202531), StopTimestamp: iso(1487973802507), Duration: 600000 },
  },
  arrivalMs: 1487973803515,
});

describe('eventStreamRecord: the app event Pinpoint streams', () => {
  it('reproduces the documented example, with the current event_version 3.1, in the documented member order', () => {
    const r = eventStreamRecord(docInput());
    const documented = Object.fromEntries(Object.keys(DOC_EXAMPLE).map((k) => [k, (r as unknown as Record<string, unknown>)[k]]));
    assert.deepEqual(documented, { ...DOC_EXAMPLE, event_version: '3.1' });
    assert.deepEqual(Object.keys(r), [
      'event_type', 'event_timestamp', 'arrival_timestamp', 'event_version', 'application', 'client', 'device', 'session',
      'attributes', 'client_context', 'metrics', 'awsAccountId', 'endpoint',
    ]);
    assert.deepEqual(Object.keys(r.application), Object.keys(DOC_EXAMPLE.application));
    assert.deepEqual(Object.keys(r.device), Object.keys(DOC_EXAMPLE.device));
    assert.deepEqual(Object.keys(r.session), Object.keys(DOC_EXAMPLE.session));
    assert.deepEqual(r.client_context, { custom: { legacy_identifier: DOC_EXAMPLE.application.app_id } });
    assert.equal(r.awsAccountId, '123456789012');
  });
  it('shows the endpoint as the stream does: no Address, Id, CohortId, CreationDate or ApplicationId; Location, Demographic and User always there', () => {
    const r = eventStreamRecord(docInput());
    assert.deepEqual(r.endpoint, {
      ChannelType: 'GCM',
      EndpointStatus: 'ACTIVE',
      OptOut: 'NONE',
      RequestId: 'ec229696-9d1e-11e9-8bf1-85d0aexample',
      Location: {},
      Demographic: { AppVersion: '1.0', Locale: 'en_US', Make: 'generic web browser', Model: 'Unknown', Platform: 'android', PlatformVersion: '10.10' },
      EffectiveDate: '2017-02-24T21:43:22.000Z',
      User: {},
    });
    // The campaign stream's documented endpoint: ChannelType, EndpointStatus, OptOut, RequestId, EffectiveDate, User — in that order.
    const keys = Object.keys(streamEndpoint({ ChannelType: 'GCM', EndpointStatus: 'ACTIVE', OptOut: 'NONE', RequestId: 'r', EffectiveDate: 'd', User: {}, Attributes: { a: ['1'] }, Location: { Country: 'US' } }));
    assert.deepEqual(keys, ['ChannelType', 'EndpointStatus', 'OptOut', 'RequestId', 'Location', 'Demographic', 'EffectiveDate', 'Attributes', 'User']);
    assert.deepEqual(streamEndpoint({ User: { UserId: 'u1', UserAttributes: { plan: ['pro'] } }, Metrics: { score: 3 } }).User, { UserId: 'u1', UserAttributes: { plan: ['pro'] } });
  });
  it('maps the custom event\'s attributes and metrics, and leaves out what was not given (sdk, platform and session stay as {})', () => {
    const r = eventStreamRecord({
      accountId: '111122223333', appId: 'app1', endpointId: 'ep1', arrivalMs: 1714565000000,
      event: { EventType: 'purchase', Timestamp: '2024-05-01T12:00:00Z', Attributes: { item: 'book' }, Metrics: { price: 9.5 } },
    });
    assert.deepEqual(r, {
      event_type: 'purchase',
      event_timestamp: Date.UTC(2024, 4, 1, 12),
      arrival_timestamp: 1714565000000,
      event_version: '3.1',
      application: { app_id: 'app1', sdk: {} },
      client: { client_id: 'ep1' },
      device: { platform: {} },
      session: {},
      attributes: { item: 'book' },
      client_context: { custom: { legacy_identifier: 'app1' } },
      metrics: { price: 9.5 },
      awsAccountId: '111122223333',
    });
  });
  it('splits the locale into code, language and country', () => {
    assert.deepEqual(localeOf('en_US'), { code: 'en_US', country: 'US', language: 'en' });
    assert.deepEqual(localeOf('pt-BR'), { code: 'pt-BR', country: 'BR', language: 'pt' });
    assert.deepEqual(localeOf('fr'), { code: 'fr', language: 'fr' });
  });
});

describe('eventStreamBytes', () => {
  it('writes the bare JSON to Kinesis and the JSON and a newline to Firehose', () => {
    const k = eventStreamBytes(docInput(), 'kinesis').toString('utf8');
    const f = eventStreamBytes(docInput(), 'firehose').toString('utf8');
    assert.ok(!k.endsWith('\n'));
    assert.equal(f, `${k}\n`);
    assert.deepEqual(JSON.parse(k), eventStreamRecord(docInput()));
  });
  it('tells a Firehose delivery stream from a Kinesis data stream by its ARN', () => {
    assert.equal(streamKindOf('arn:aws:firehose:us-east-1:123456789012:deliverystream/events'), 'firehose');
    assert.equal(streamKindOf('arn:aws:kinesis:us-east-1:123456789012:stream/events'), 'kinesis');
  });
});
