// The rest-json protocol (Pinpoint, Personalize Runtime) with the real SDK v3 clients as the oracle, in
// process: every operation's input (labels, query, payloads) through the SDK's serializer into our parser,
// every output through our serializer into the SDK's parser, and every modelled error.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as pinpointSdk from '@aws-sdk/client-pinpoint';
import * as runtimeSdk from '@aws-sdk/client-personalize-runtime';
import { model as pinpointModel } from '../../src/generated/pinpoint/model.js';
import { model as runtimeModel } from '../../src/generated/personalize-runtime/model.js';
import type { ServiceModel } from '../../src/protocol/model.js';
import { resolveService, type Operation, type ResolvedService } from '../../src/protocol/resolved.js';
import { restJsonCodec } from '../../src/protocol/rest-json/codec.js';
import { AwsError } from '../../src/protocol/errors.js';
import type { WireRequest } from '../../src/protocol/codec.js';
import { assertSdkError, commandFor, errorFields, inProcessClient, normalize, sample, toWireRequest } from '../support/sdk-round-trip.js';

interface SdkClient { send(command: object): Promise<Record<string, unknown>> }
type SdkError = Error & { $metadata?: { httpStatusCode?: number; requestId?: string } } & Record<string, unknown>;
type Service = { name: string; model: ServiceModel; sdk: Record<string, unknown>; Client: new (config: never) => unknown };

const services: Service[] = [
  { name: 'Pinpoint', model: pinpointModel, sdk: pinpointSdk, Client: pinpointSdk.PinpointClient },
  { name: 'Personalize Runtime', model: runtimeModel, sdk: runtimeSdk, Client: runtimeSdk.PersonalizeRuntimeClient },
];

function client(svc: Service, respond: Parameters<typeof inProcessClient>[1]): SdkClient {
  return inProcessClient(svc.Client as never, respond) as SdkClient;
}

function withoutMetadata(out: Record<string, unknown>): Record<string, unknown> {
  const { $metadata: _, ...rest } = out;
  return rest;
}

for (const svc of services) {
  const resolved: ResolvedService = resolveService(svc.model);
  const codec = restJsonCodec(resolved);

  describe(`${svc.name} (rest-json)`, () => {
    for (const op of resolved.operations.values()) {
      const Command = commandFor(svc.sdk, op);
      const input = (op.input ? sample(op.input) : {}) as Record<string, unknown>;

      test(`${op.name}: the input the SDK sends (${op.method} ${op.requestUri}) reads back exactly through our parser`, async () => {
        let seen: Record<string, unknown> | undefined;
        const c = client(svc, async (request) => {
          const wire = await toWireRequest(request, op);
          assert.equal(wire.method, op.method);
          seen = codec.parseInput(op, wire);
          return codec.serializeOutput(op, {}, 'req-in');
        });
        await c.send(new Command(input)).catch(() => undefined); // the request is captured before the SDK reads the answer
        assert.ok(seen, 'the SDK sent the request');
        assert.deepEqual(normalize(seen), normalize(input));
      });

      test(`${op.name}: the output we write reads in the SDK exactly as written (status ${op.responseCode})`, async () => {
        const output = (op.output ? sample(op.output) : {}) as Record<string, unknown>;
        const res = codec.serializeOutput(op, output, 'req-out');
        assert.equal(res.status, op.responseCode);
        assert.equal(res.headers['content-type'], 'application/json');
        const got = await client(svc, () => res).send(new Command(input));
        assert.equal((got.$metadata as { requestId?: string }).requestId, 'req-out');
        assert.equal((got.$metadata as { httpStatusCode?: number }).httpStatusCode, op.responseCode);
        assert.deepEqual(normalize(withoutMetadata(got)), normalize(output));
      });

      if (op.errors.length > 0) {
        test(`${op.name}: each modelled error reaches the SDK with its code, message, status and fields`, async () => {
          for (const shape of op.errors) await assertError(svc, codec, op, Command, input, shape);
        });
      }
    }
  });
}

async function assertError(
  svc: Service, codec: ReturnType<typeof restJsonCodec>, op: Operation,
  Command: new (input: unknown) => object, input: unknown, shape: Operation['errors'][number],
): Promise<void> {
  const { code, status, fault } = shape.error!;
  const fields = errorFields(shape);
  const message = `${code}: the app "é" is not here`;
  const res = codec.serializeError(new AwsError(code, message, status, fault, fields), 'req-err');
  assert.equal(res.headers['x-amzn-errortype'], code);
  await assertSdkError(client(svc, () => res).send(new Command(input)), { code, message, status, requestId: 'req-err', fields }, `${op.name} ${code}`);
}

describe('rest-json on the wire', () => {
  const pinpoint = resolveService(pinpointModel);
  const codec = restJsonCodec(pinpoint);
  const op = (name: string) => pinpoint.operations.get(name)!;
  const wire = (over: Partial<WireRequest>): WireRequest => ({
    method: 'GET', path: '/', query: new URLSearchParams(), headers: {}, labels: {}, body: Buffer.alloc(0), ...over,
  });

  test("a Pinpoint error carries its code in x-amzn-errortype and fills RequestID with the request's id", async () => {
    const res = codec.serializeError(new AwsError('NotFoundException', 'Resource not found', 404), 'req-7');
    assert.equal(res.status, 404);
    assert.equal(res.headers['x-amzn-errortype'], 'NotFoundException');
    assert.equal(res.headers['x-amzn-requestid'], 'req-7');
    assert.deepEqual(JSON.parse(String(res.body)), { Message: 'Resource not found', RequestID: 'req-7' });
    const c = client(services[0], () => res);
    await assert.rejects(c.send(new pinpointSdk.GetAppCommand({ ApplicationId: 'a' })), (e: SdkError) => {
      assert.equal(e.name, 'NotFoundException');
      assert.equal(e.RequestID, 'req-7');
      return true;
    });
  });

  test('a RequestID the error gives is kept', () => {
    const res = codec.serializeError(new AwsError('BadRequestException', 'bad', 400, 'Sender', { RequestID: 'other' }), 'req-8');
    assert.deepEqual(JSON.parse(String(res.body)), { Message: 'bad', RequestID: 'other' });
  });

  test('an error no model names answers its code in the header and {message}', () => {
    const res = codec.serializeError(new AwsError('AccessDeniedException', 'User is not authorized', 403), 'r');
    assert.equal(res.headers['x-amzn-errortype'], 'AccessDeniedException');
    assert.equal(res.body, '{"message":"User is not authorized"}');
  });

  test('labels arrive decoded by type and query lists repeat their key', () => {
    const input = codec.parseInput(op('GetSegmentVersion'), wire({ labels: { 'application-id': 'a b', 'segment-id': 's/1', version: '3' } }));
    assert.deepEqual(input, { ApplicationId: 'a b', SegmentId: 's/1', Version: '3' });
    const events = codec.parseInput(op('GetJourneyRunExecutionActivityMetrics'), wire({
      labels: { 'application-id': 'a', 'journey-id': 'j', 'run-id': 'r', 'journey-activity-id': 'x' },
      query: new URLSearchParams('page-size=10&next-token=t'),
    }));
    assert.deepEqual(events, { ApplicationId: 'a', JourneyId: 'j', RunId: 'r', JourneyActivityId: 'x', PageSize: '10', NextToken: 't' });
  });

  test('query timestamps, booleans and lists read by type (UntagResource tagKeys, GetJourneyDateRangeKpi start-time)', () => {
    const kpi = codec.parseInput(op('GetJourneyDateRangeKpi'), wire({
      labels: { 'application-id': 'a', 'journey-id': 'j', 'kpi-name': 'k' },
      query: new URLSearchParams('start-time=2026-01-02T03:04:05Z&end-time=2026-01-03T00:00:00.5Z'),
    }));
    assert.deepEqual(kpi, {
      ApplicationId: 'a', JourneyId: 'j', KpiName: 'k',
      StartTime: new Date('2026-01-02T03:04:05Z'), EndTime: new Date('2026-01-03T00:00:00.500Z'),
    });
    const untag = codec.parseInput(op('UntagResource'), wire({ labels: { 'resource-arn': 'arn:x' }, query: new URLSearchParams('tagKeys=a&tagKeys=b%2Cc') }));
    assert.deepEqual(untag, { ResourceArn: 'arn:x', TagKeys: ['a', 'b,c'] });
    const update = codec.parseInput(op('UpdateSmsTemplate'), wire({ labels: { 'template-name': 't' }, query: new URLSearchParams('create-new-version=true') }));
    assert.equal(update.CreateNewVersion, true);
  });

  test('a query member of the wrong type answers SerializationException', () => {
    const kpi = op('GetJourneyDateRangeKpi');
    const labels = { 'application-id': 'a', 'journey-id': 'j', 'kpi-name': 'k' };
    assert.throws(() => codec.parseInput(kpi, wire({ labels, query: new URLSearchParams('start-time=yesterday') })), (e: AwsError) => {
      assert.equal(e.code, 'SerializationException');
      assert.equal(e.message, "Value 'yesterday' at 'startTime' could not be converted to a timestamp");
      return true;
    });
    const update = op('UpdateSmsTemplate');
    assert.throws(() => codec.parseInput(update, wire({ labels: { 'template-name': 't' }, query: new URLSearchParams('create-new-version=maybe') })), (e: AwsError) => e.code === 'SerializationException');
  });

  test('a body that is not JSON answers SerializationException (400)', () => {
    assert.throws(() => codec.parseInput(op('CreateApp'), wire({ method: 'POST', body: Buffer.from('{"Name":') })), (e: AwsError) => {
      assert.equal(e.code, 'SerializationException');
      assert.equal(e.status, 400);
      return true;
    });
  });

  test('a wrong member type in the body answers SerializationException', () => {
    assert.throws(() => codec.parseInput(op('CreateApp'), wire({ method: 'POST', body: Buffer.from('{"Name":12}') })), (e: AwsError) => {
      assert.equal(e.code, 'SerializationException');
      assert.equal(e.message, 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String');
      return true;
    });
  });
});
