// The REST bindings rest-json and rest-xml share, checked where the rest-json services do not reach:
// headers of every type, `x-amz-meta-` prefix headers, greedy labels, streaming and blob payloads,
// through the real S3 client (its operations without an XML body, with a body codec that must not be called),
// then query maps, jsonvalue headers and status-code members on a small model of our own.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import * as s3Sdk from '@aws-sdk/client-s3';
import { model as s3Model } from '../../../src/generated/s3/model.js';
import type { ServiceModel } from '../../../src/protocol/model.js';
import { resolveService, type Operation } from '../../../src/protocol/resolved.js';
import { restBindings, type BodyCodec } from '../../../src/protocol/rest/bindings.js';
import type { WireRequest } from '../../../src/protocol/codec.js';
import { commandFor, inProcessClient, normalize, sample, toWireRequest } from '../../support/sdk-round-trip.js';

interface SdkClient { send(command: object): Promise<Record<string, unknown>> }

/** These operations carry no body document: a body codec being called at all is a bug. */
const noBody: BodyCodec = {
  contentType: 'application/xml',
  read() { throw new Error('the body codec was called for a message without a body document'); },
  write() { throw new Error('the body codec was called for a message without a body document'); },
};

const s3 = resolveService(s3Model);
const s3Bindings = restBindings(s3, noBody);

function s3Client(respond: Parameters<typeof inProcessClient>[1]): SdkClient {
  return inProcessClient(s3Sdk.S3Client as never, respond, {
    forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  }) as SdkClient;
}

/** A message of `shape` has no body document: every member is bound to HTTP, or the payload is bytes or text. */
const bodyless = (shape: Operation['input']) =>
  !shape || (shape.payload
    ? shape.payload.shape.type === 'blob' || shape.payload.shape.type === 'string'
    : shape.members.every((m) => m.location !== undefined));

async function text(body: unknown): Promise<string> {
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const c of body) chunks.push(Buffer.from(c as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  }
  return Buffer.from(body as Uint8Array).toString('utf8');
}

/**
 * Members the S3 client rewrites on the way out, so they cannot round-trip as given: SSE-C keys are
 * base64-encoded by the SDK's ssec middleware, which also replaces their MD5; ChecksumAlgorithm makes
 * the flexible-checksums middleware compute a checksum (and refuse algorithms it lacks, such as XXHASH64).
 */
const rewrittenInputs = new Set([
  'SSECustomerKey', 'SSECustomerKeyMD5', 'CopySourceSSECustomerKey', 'CopySourceSSECustomerKeyMD5', 'ChecksumAlgorithm',
]);
/** The SDK reads the Expires header into ExpiresString as well as Expires, so neither reads back alone. */
const rewrittenOutputs = new Set(['Expires', 'ExpiresString']);

function exclusions(shape: Operation['input'], names: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const m of shape?.members ?? []) if (names.has(m.name)) out.add(`${shape!.name}.${m.name}`);
  return out;
}

/** Operations of the model that SDK v3 never shipped (deprecated before it: GetBucketLifecycleConfiguration and GetBucketNotificationConfiguration replace them). */
const notInSdk = new Set(['GetBucketLifecycle', 'GetBucketNotification']);

describe('REST bindings through the S3 client (operations without an XML body)', () => {
  const ops = [...s3.operations.values()].filter((o) => !notInSdk.has(o.name));
  for (const op of ops.filter((o) => bodyless(o.input))) {
    test(`${op.name}: labels, query and headers the SDK sends read back exactly`, async () => {
      const Command = commandFor(s3Sdk as Record<string, unknown>, op);
      const input = sample(op.input!, { exclude: exclusions(op.input, rewrittenInputs) }) as Record<string, unknown>;
      if ('Bucket' in input) input.Bucket = 'bucket-1';
      let seen: Record<string, unknown> | undefined;
      let body = '';
      const c = s3Client(async (request) => {
        const wire = await toWireRequest(request, op);
        seen = s3Bindings.readInput(op, wire);
        const p = op.input!.payload;
        if (p && seen[p.name] !== undefined) body = await text(seen[p.name]);
        return { status: 500, headers: {}, body: '' };
      });
      await c.send(new Command(input)).catch(() => undefined);
      assert.ok(seen, 'the SDK sent the request');
      const p = op.input!.payload;
      if (p && input[p.name] !== undefined) {
        // A payload blob arrives as bytes or a stream: compare its content.
        assert.equal(body, Buffer.from(input[p.name] as Uint8Array).toString('utf8'));
        delete seen[p.name];
        delete input[p.name];
      }
      assert.deepEqual(normalize(seen), normalize(input));
    });
  }

  for (const op of ops.filter((o) => o.output && bodyless(o.output) && !o.output.members.some((m) => m.shape.eventstream))) {
    test(`${op.name}: the headers, status and payload we write read in the SDK exactly`, async () => {
      const Command = commandFor(s3Sdk as Record<string, unknown>, op);
      const input = sample(op.input!, { exclude: exclusions(op.input, rewrittenInputs) }) as Record<string, unknown>;
      if ('Bucket' in input) input.Bucket = 'bucket-1';
      const output = sample(op.output!, { exclude: exclusions(op.output, rewrittenOutputs) }) as Record<string, unknown>;
      const headers: Record<string, string> = { 'x-amz-request-id': 'req-s3' };
      const res = s3Bindings.writeOutput(op, output, headers);
      const got = await s3Client(() => ({ status: res.status, headers, body: res.body })).send(new Command(input));
      delete got.$metadata;
      const p = op.output!.payload;
      const stream = p && (got[p.name] as { transformToString?: () => Promise<string> } | undefined);
      if (p && typeof stream?.transformToString === 'function') {
        // A streaming payload reaches the caller as a stream: compare its content.
        assert.equal(await stream.transformToString(), Buffer.from(output[p.name] as Uint8Array).toString('utf8'));
        delete got[p.name];
        delete output[p.name];
      }
      assert.deepEqual(normalize(got), normalize(output));
    });
  }
});

/** A model of our own for the bindings no service here uses: a query map, a jsonvalue header, a status-code member. */
const custom: ServiceModel = {
  metadata: { apiVersion: '2026-01-01', endpointPrefix: 'x', protocol: 'rest-json', serviceId: 'X' },
  operations: {
    Search: { name: 'Search', http: { method: 'GET', requestUri: '/search/{Id}?mode=all' }, input: 'SearchInput', output: 'SearchOutput', errors: [] },
  },
  shapes: {
    SearchInput: {
      type: 'structure',
      required: ['Id'],
      members: {
        Id: { shape: 'Integer', location: 'uri', locationName: 'Id' },
        Limit: { shape: 'Integer', location: 'querystring', locationName: 'limit' },
        Filters: { shape: 'Filters', location: 'querystring' },
        Context: { shape: 'String', location: 'header', locationName: 'X-Context', jsonvalue: true },
        Tags: { shape: 'Strings', location: 'header', locationName: 'X-Tags' },
        Since: { shape: 'Timestamp', location: 'header', locationName: 'X-Since' },
      },
    },
    SearchOutput: {
      type: 'structure',
      members: {
        Status: { shape: 'Integer', location: 'statusCode' },
        Context: { shape: 'String', location: 'header', locationName: 'X-Context', jsonvalue: true },
        Dates: { shape: 'Timestamps', location: 'header', locationName: 'X-Dates' },
      },
    },
    Filters: { type: 'map', key: { shape: 'String' }, value: { shape: 'Strings' } },
    Strings: { type: 'list', member: { shape: 'String' } },
    Timestamps: { type: 'list', member: { shape: 'Timestamp' } },
    String: { type: 'string' },
    Integer: { type: 'integer' },
    Timestamp: { type: 'timestamp' },
  },
};

describe('REST bindings on a model of our own', () => {
  const service = resolveService(custom);
  const bindings = restBindings(service, noBody);
  const op = service.operations.get('Search')!;
  const wire = (over: Partial<WireRequest>): WireRequest => ({
    method: 'GET', path: '/search/7', query: new URLSearchParams(), headers: {}, labels: { Id: '7' }, body: Buffer.alloc(0), ...over,
  });

  test("a query map collects every key no other member binds, without the requestUri's own", () => {
    const input = bindings.readInput(op, wire({ query: new URLSearchParams('mode=all&limit=5&color=red&color=blue&size=xl') }));
    assert.deepEqual(input, { Id: 7, Limit: 5, Filters: { color: ['red', 'blue'], size: ['xl'] } });
  });

  test('a jsonvalue header is base64 JSON, read as the value it encodes', () => {
    const context = Buffer.from(JSON.stringify({ a: [1, 'b'] })).toString('base64');
    const input = bindings.readInput(op, wire({ headers: { 'x-context': context } }));
    assert.deepEqual(input.Context, { a: [1, 'b'] });
  });

  test('a list header splits on commas, keeping quoted items whole', () => {
    const input = bindings.readInput(op, wire({ headers: { 'x-tags': 'a, "b,c", "d\\"e"' } }));
    assert.deepEqual(input.Tags, ['a', 'b,c', 'd"e']);
  });

  test('a timestamp header is an HTTP date by default', () => {
    const input = bindings.readInput(op, wire({ headers: { 'x-since': 'Fri, 02 Jan 2026 03:04:05 GMT' } }));
    assert.deepEqual(input.Since, new Date('2026-01-02T03:04:05Z'));
  });

  test('a statusCode member sets the status; jsonvalue and HTTP-date list headers are written as AWS writes them', () => {
    const headers: Record<string, string> = {};
    const res = bindings.writeOutput(op, {
      Status: 202, Context: { k: 'v' }, Dates: [new Date('2026-01-02T03:04:05Z'), new Date('2026-01-03T00:00:00Z')],
    }, headers);
    assert.equal(res.status, 202);
    assert.equal(res.body, '');
    assert.equal(Buffer.from(headers['x-context'], 'base64').toString(), '{"k":"v"}');
    assert.equal(headers['x-dates'], 'Fri, 02 Jan 2026 03:04:05 GMT, Sat, 03 Jan 2026 00:00:00 GMT');
    // Read back as a request whose input is the output shape: the headers we wrote are the headers we read.
    const echoOp: Operation = { ...op, input: op.output };
    const echo = restBindings({ ...service, operations: new Map([['Echo', echoOp]]) }, noBody);
    const again = echo.readInput(echoOp, wire({ headers }));
    assert.deepEqual(again.Dates, [new Date('2026-01-02T03:04:05Z'), new Date('2026-01-03T00:00:00Z')]);
  });

  test("a streaming payload is the request's stream, unread (S3 PutObject Body)", () => {
    const put = s3.operations.get('PutObject')!;
    const stream = Readable.from([Buffer.from('data')]);
    const input = s3Bindings.readInput(put, wire({ method: 'PUT', path: '/b/k', labels: { Bucket: 'b', Key: 'k' }, stream }));
    assert.equal(input.Body, stream);
  });

  test('a label of the wrong type answers SerializationException', () => {
    assert.throws(() => bindings.readInput(op, wire({ labels: { Id: 'seven' } })), (e: Error & { code?: string }) => e.code === 'SerializationException');
  });
});
