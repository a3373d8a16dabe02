// The json protocol (Kinesis, Firehose, Personalize) with the real SDK v3 clients as the oracle, in
// process: every operation's input through the SDK's serializer into our parser, every output through
// our serializer into the SDK's parser, and every modelled error; then malformed bodies as AWS answers them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as kinesisSdk from '@aws-sdk/client-kinesis';
import * as firehoseSdk from '@aws-sdk/client-firehose';
import * as personalizeSdk from '@aws-sdk/client-personalize';
import { model as kinesisModel } from '../../src/generated/kinesis/model.js';
import { model as firehoseModel } from '../../src/generated/firehose/model.js';
import { model as personalizeModel } from '../../src/generated/personalize/model.js';
import type { ServiceModel } from '../../src/protocol/model.js';
import { resolveService, type Operation, type ResolvedService } from '../../src/protocol/resolved.js';
import { jsonCodec } from '../../src/protocol/json/codec.js';
import { parseJsonBody, readJsonDocument, writeJsonDocument } from '../../src/protocol/json/body.js';
import { AwsError } from '../../src/protocol/errors.js';
import { assertSdkError, commandFor, errorFields, inProcessClient, normalize, sample, toWireRequest } from '../support/sdk-round-trip.js';

interface SdkClient { send(command: object): Promise<Record<string, unknown>> }

const services: { name: string; model: ServiceModel; sdk: Record<string, unknown>; Client: new (config: never) => unknown }[] = [
  { name: 'Kinesis', model: kinesisModel, sdk: kinesisSdk, Client: kinesisSdk.KinesisClient },
  { name: 'Firehose', model: firehoseModel, sdk: firehoseSdk, Client: firehoseSdk.FirehoseClient },
  { name: 'Personalize', model: personalizeModel, sdk: personalizeSdk, Client: personalizeSdk.PersonalizeClient },
];

function client(svc: (typeof services)[number], respond: Parameters<typeof inProcessClient>[1]): SdkClient {
  return inProcessClient(svc.Client as never, respond) as SdkClient;
}

/** The value the SDK gives back minus its own `$metadata`. */
function withoutMetadata(out: Record<string, unknown>): Record<string, unknown> {
  const { $metadata: _, ...rest } = out;
  return rest;
}

/**
 * Kinesis SubscribeToShard answers an event stream, an async iterable the sample cannot be compared
 * with: its output round trip is in event-stream.test.ts.
 */
const eventStreamOutputs = new Set(['SubscribeToShard']);

for (const svc of services) {
  const resolved: ResolvedService = resolveService(svc.model);
  const codec = jsonCodec(resolved);
  const target = svc.model.metadata.targetPrefix;

  describe(`${svc.name} (json ${svc.model.metadata.jsonVersion})`, () => {
    for (const op of resolved.operations.values()) {
      const Command = commandFor(svc.sdk, op);
      const input = (op.input ? sample(op.input) : {}) as Record<string, unknown>;

      test(`${op.name}: the input the SDK sends reads back exactly through our parser`, async () => {
        let seen: Record<string, unknown> | undefined;
        const c = client(svc, async (request) => {
          const wire = await toWireRequest(request);
          assert.equal(wire.headers['x-amz-target'], `${target}.${op.name}`);
          seen = codec.parseInput(op, wire);
          return codec.serializeOutput(op, {}, 'req-in');
        });
        await c.send(new Command(input)).catch(() => undefined); // the request is captured before the SDK reads the answer
        assert.ok(seen, 'the SDK sent the request');
        assert.deepEqual(normalize(seen), normalize(input));
      });

      if (!eventStreamOutputs.has(op.name)) {
        test(`${op.name}: the output we write reads in the SDK exactly as written`, async () => {
          const output = (op.output ? sample(op.output) : {}) as Record<string, unknown>;
          const c = client(svc, () => codec.serializeOutput(op, output, 'req-out'));
          const got = await c.send(new Command(input));
          assert.equal((got.$metadata as { requestId?: string }).requestId, 'req-out');
          assert.deepEqual(normalize(withoutMetadata(got)), normalize(output));
        });
      }

      if (op.errors.length > 0) {
        test(`${op.name}: each modelled error reaches the SDK with its code, message, status and fields`, async () => {
          for (const shape of op.errors) await assertError(svc, codec, op, Command, input, shape);
        });
      }
    }

    test('a successful answer carries the content type of its json version and the request id', () => {
      const op = [...resolved.operations.values()][0];
      const res = codec.serializeOutput(op, {}, 'req-1');
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], `application/x-amz-json-${svc.model.metadata.jsonVersion}`);
      assert.equal(res.headers['x-amzn-requestid'], 'req-1');
    });
  });
}

async function assertError(
  svc: (typeof services)[number], codec: ReturnType<typeof jsonCodec>, op: Operation,
  Command: new (input: unknown) => object, input: unknown, shape: Operation['errors'][number],
): Promise<void> {
  const { code, status, fault } = shape.error!;
  const fields = errorFields(shape);
  const message = `${code}: the stream "é" is not here`;
  const c = client(svc, () => codec.serializeError(new AwsError(code, message, status, fault, fields), 'req-err'));
  await assertSdkError(c.send(new Command(input)), { code, message, status, requestId: 'req-err', fields }, `${op.name} ${code}`);
}

describe('json errors on the wire', () => {
  const kinesis = resolveService(kinesisModel);
  const codec = jsonCodec(kinesis);
  const firehose = jsonCodec(resolveService(firehoseModel));

  test("a modelled error is {__type, message} under the shape's own member name (Kinesis: message)", () => {
    const res = codec.serializeError(new AwsError('ResourceNotFoundException', 'Stream s under account 1 not found.'), 'r');
    assert.equal(res.status, 400);
    assert.equal(res.headers['x-amzn-requestid'], 'r');
    assert.equal(res.headers['content-type'], 'application/x-amz-json-1.1');
    assert.deepEqual(JSON.parse(String(res.body)), { __type: 'ResourceNotFoundException', message: 'Stream s under account 1 not found.' });
  });

  test("an error shape's other members travel beside the message (Firehose InvalidKMSResourceException.code)", () => {
    const err = new AwsError('InvalidKMSResourceException', 'no key', 400, 'Sender', { code: 'KMS.NotFoundException' });
    assert.deepEqual(JSON.parse(String(firehose.serializeError(err, 'r').body)), {
      __type: 'InvalidKMSResourceException', code: 'KMS.NotFoundException', message: 'no key',
    });
  });

  test('an error without a message is only its __type, as AWS answers SerializationException and UnknownOperationException', () => {
    assert.equal(codec.serializeError(new AwsError('UnknownOperationException', ''), 'r').body, '{"__type":"UnknownOperationException"}');
  });

  test('an error no model names answers {__type, message}', () => {
    const res = codec.serializeError(new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400), 'r');
    assert.deepEqual(JSON.parse(String(res.body)), { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });
});

interface BodyCase { name: string; source: string; operation: string; body: string; expected: { code: string; message?: string; input?: unknown } }

describe('json request bodies AWS cannot read', () => {
  const kinesis = resolveService(kinesisModel);
  const codec = jsonCodec(kinesis);
  const cases = JSON.parse(readFileSync(new URL('../fixtures/protocol/json-bodies.json', import.meta.url), 'utf8')) as BodyCase[];
  const wire = (body: string) => ({ method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, labels: {}, body: Buffer.from(body) });

  for (const c of cases) {
    test(c.name, () => {
      const op = kinesis.operations.get(c.operation)!;
      if (c.expected.code === 'OK') {
        assert.deepEqual(normalize(codec.parseInput(op, wire(c.body))), c.expected.input);
        return;
      }
      assert.throws(() => codec.parseInput(op, wire(c.body)), (e: AwsError) => {
        assert.ok(e instanceof AwsError, String(e));
        assert.equal(e.code, c.expected.code);
        assert.equal(e.status, 400);
        assert.equal(e.message, c.expected.message ?? '');
        return true;
      });
    });
  }

  test('a body that is not JSON answers exactly {"__type":"SerializationException"} (400)', () => {
    const op = kinesis.operations.get('ListStreams')!;
    let err: AwsError | undefined;
    try {
      codec.parseInput(op, wire('{"Limit":'));
    } catch (e) {
      err = e as AwsError;
    }
    assert.ok(err);
    const res = codec.serializeError(err, 'r');
    assert.equal(res.status, 400);
    assert.equal(res.body, '{"__type":"SerializationException"}');
  });

  test('a wrong member type answers SerializationException with the message under Message, as kinesalite records it', () => {
    const op = kinesis.operations.get('CreateStream')!;
    let err: AwsError | undefined;
    try {
      codec.parseInput(op, wire('{"StreamName":"s","ShardCount":"1"}'));
    } catch (e) {
      err = e as AwsError;
    }
    assert.ok(err);
    assert.deepEqual(JSON.parse(String(codec.serializeError(err, 'r').body)), {
      __type: 'SerializationException', Message: 'class java.lang.String can not be converted to an Integer',
    });
  });
});

/** A model of our own for what the three services do not use: unions, documents, jsonvalue, non-finite doubles. */
const shapesModel: ServiceModel = {
  metadata: { apiVersion: '2026-01-01', endpointPrefix: 'x', protocol: 'json', serviceId: 'X', jsonVersion: '1.0', targetPrefix: 'X' },
  operations: { Put: { name: 'Put', http: { method: 'POST', requestUri: '/' }, input: 'Thing', errors: [] } },
  shapes: {
    Thing: {
      type: 'structure',
      members: {
        Choice: { shape: 'Choice' }, Doc: { shape: 'Doc' }, Policy: { shape: 'String', jsonvalue: true },
        Ratio: { shape: 'Double' }, At: { shape: 'Timestamp' }, Names: { shape: 'Names', locationName: 'names' },
      },
    },
    Choice: { type: 'structure', union: true, members: { A: { shape: 'String' }, B: { shape: 'Double' } } },
    Doc: { type: 'structure', document: true, members: {} },
    Names: { type: 'map', key: { shape: 'String' }, value: { shape: 'String' } },
    String: { type: 'string' },
    Double: { type: 'double' },
    Timestamp: { type: 'timestamp' },
  },
};

describe('JSON documents on a model of our own', () => {
  const thing = resolveService(shapesModel).operations.get('Put')!.input!;
  const read = (json: string) => readJsonDocument(thing, thing.members, parseJsonBody(json));
  const write = (value: Record<string, unknown>) => writeJsonDocument(thing, thing.members, value);

  test('a union with one member set reads and writes as that member', () => {
    assert.deepEqual(read('{"Choice":{"B":2.5}}'), { Choice: { B: 2.5 } });
    assert.equal(write({ Choice: { A: 'x' } }), '{"Choice":{"A":"x"}}');
  });

  test('a union with two members set answers SerializationException', () => {
    assert.throws(() => read('{"Choice":{"A":"x","B":1}}'), (e: AwsError) => e.code === 'SerializationException');
  });

  test('a document member is any JSON, kept as it came', () => {
    const doc = { a: [1, 'b', null, { c: true }] };
    assert.deepEqual(read(JSON.stringify({ Doc: doc })), { Doc: doc });
    assert.equal(write({ Doc: doc }), JSON.stringify({ Doc: doc }));
  });

  test('a jsonvalue member is a string of JSON on the wire and a value here', () => {
    assert.deepEqual(read('{"Policy":"{\\"Version\\":\\"2012-10-17\\"}"}'), { Policy: { Version: '2012-10-17' } });
    assert.equal(write({ Policy: { Version: '2012-10-17' } }), '{"Policy":"{\\"Version\\":\\"2012-10-17\\"}"}');
  });

  test('non-finite doubles travel as the strings the SDK writes', () => {
    assert.equal(write({ Ratio: NaN }), '{"Ratio":"NaN"}');
    assert.equal(write({ Ratio: -Infinity }), '{"Ratio":"-Infinity"}');
    assert.deepEqual(read('{"Ratio":"Infinity"}'), { Ratio: Infinity });
  });

  test('epoch-second timestamps keep their milliseconds', () => {
    assert.equal(write({ At: new Date('2026-01-02T03:04:05.123Z') }), '{"At":1767323045.123}');
    assert.deepEqual(read('{"At":1767323045.123}'), { At: new Date('2026-01-02T03:04:05.123Z') });
  });

  test('map keys are data: a key named __proto__ is stored as a key, wire names are used for members', () => {
    const got = read('{"names":{"__proto__":"x","k":"v"}}');
    const names = got.Names as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(names), Object.prototype);
    assert.deepEqual(Object.entries(names), [['__proto__', 'x'], ['k', 'v']]);
    assert.equal(write({ Names: { k: 'v' } }), '{"names":{"k":"v"}}');
  });
});
