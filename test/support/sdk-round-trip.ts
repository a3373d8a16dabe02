// Round trips through a real SDK v3 client without a socket: its requests become WireRequests for our
// codecs, our WireResponses become its HttpResponses. Values to send are generated from the model's shapes.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import { buildQueryString } from '@smithy/core/protocols';
import type { WireRequest, WireResponse } from '../../src/protocol/codec.js';
import type { Member, Operation, Shape } from '../../src/protocol/resolved.js';
import { matchUri } from '../../src/protocol/rest/uri.js';

type Respond = (request: HttpRequest) => WireResponse | Promise<WireResponse>;

interface ClientConfig {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
  requestHandler: { handle(request: HttpRequest): Promise<{ response: HttpResponse }> };
}

/** A client of `Client` whose transport answers every request with `respond`. */
export function inProcessClient<C>(Client: new (config: ClientConfig) => C, respond: Respond, extra: object = {}): C {
  return new Client({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: HttpRequest) {
        return { response: toHttpResponse(await respond(request)) };
      },
    },
    ...extra,
  } as ClientConfig);
}

async function bytes(body: unknown): Promise<{ body: Buffer; stream?: Readable }> {
  if (body === undefined || body === null) return { body: Buffer.alloc(0) };
  if (typeof body === 'string') return { body: Buffer.from(body, 'utf8') };
  if (body instanceof Uint8Array) return { body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
  if (body instanceof Readable) return { body: Buffer.alloc(0), stream: body };
  throw new Error(`unexpected request body ${Object.prototype.toString.call(body)}`);
}

/** The SDK's request as the router hands it to a codec: `labels` from the operation's requestUri (REST). */
export async function toWireRequest(request: HttpRequest, op?: Operation): Promise<WireRequest> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
  // The query as it travels: the SDK's own encoding, decoded by URLSearchParams as the server does.
  const query = new URLSearchParams(buildQueryString(request.query ?? {}));
  let labels: Record<string, string> = {};
  if (op) {
    const matched = matchUri(op.requestUri, request.path, query);
    if (!matched) throw new Error(`${op.name}: ${request.method} ${request.path} does not match ${op.requestUri}`);
    labels = matched;
  }
  return { method: request.method, path: request.path, query, headers, labels, ...(await bytes(request.body)) };
}

export function toHttpResponse(wire: WireResponse): HttpResponse {
  const body = wire.body instanceof Readable ? wire.body : Readable.from([Buffer.from(wire.body)]);
  return new HttpResponse({ statusCode: wire.status, headers: { ...wire.headers }, body });
}

/** Blobs as plain Uint8Arrays, undefined members dropped, so a value compares with what a codec or the SDK made. */
export function normalize(v: unknown): unknown {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (v instanceof Date || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(normalize);
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(v)) if (item !== undefined) out[k] = normalize(item);
  return out;
}

/** Where a generated value travels decides its characters: headers stay ASCII, the rest gets text that needs escaping. */
type Place = 'body' | 'header';

const TEXT = ' é/+%&"\\=?#';

function str(shape: Shape, seed: number, place: Place): string {
  if (shape.enum) return shape.enum[seed % shape.enum.length];
  let s = place === 'header' ? `h-${seed}` : `v${seed}${TEXT}`;
  if (shape.min !== undefined && s.length < shape.min) s = s.padEnd(shape.min, 'x');
  if (shape.max !== undefined && s.length > shape.max) s = s.slice(0, shape.max);
  return s;
}

function clamp(n: number, shape: Shape): number {
  if (shape.min !== undefined && n < shape.min) n = shape.min;
  if (shape.max !== undefined && n > shape.max) n = shape.max;
  return n;
}

export interface SampleOptions {
  /** Member paths (`Shape.Member`) to leave out, each with the reason in the test beside it. */
  exclude?: ReadonlySet<string>;
  maxDepth?: number;
}

/**
 * A value of `shape` with every member filled: enums respected, lengths within min/max, lists of 2,
 * maps of 2, unions with one member, structures to a bounded depth; event streams left out.
 */
export function sample(shape: Shape, options: SampleOptions = {}, seed = 1, depth = 0, place: Place = 'body'): unknown {
  const maxDepth = options.maxDepth ?? 5;
  if (shape.document) return { a: 1, b: ['x', true], c: { d: 'é' } };
  switch (shape.type) {
    case 'structure': {
      if (depth > maxDepth || shape.eventstream) return undefined;
      const out: Record<string, unknown> = {};
      for (const [i, m] of shape.members.entries()) {
        if (m.shape.eventstream || options.exclude?.has(`${shape.name}.${m.name}`)) continue;
        const v = sample(m.shape, options, seed + i + 1, depth + 1, placeOf(m));
        if (v === undefined) continue;
        out[m.name] = v;
        if (shape.union) break;
      }
      return out;
    }
    case 'list': {
      if (depth > maxDepth) return undefined;
      let n = shape.max !== undefined ? Math.min(2, shape.max) : 2;
      if (shape.min !== undefined && shape.min > n) n = Math.min(shape.min, 3);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const v = sample(shape.member!.shape, options, seed + i, depth + 1, place);
        if (v !== undefined) out.push(v);
      }
      return out.length > 0 ? out : undefined;
    }
    case 'map': {
      if (depth > maxDepth) return undefined;
      const out: Record<string, unknown> = {};
      const keyShape = shape.key!.shape;
      for (let i = 0; i < 2; i++) {
        // Header names arrive lower-cased, so a prefix map's keys are lower case.
        const key = keyShape.enum ? keyShape.enum[i % keyShape.enum.length] : place === 'header' ? `k${i}` : `k${i}${TEXT}`;
        const v = sample(shape.value!.shape, options, seed + i, depth + 1, place);
        if (v !== undefined) out[key] = v;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    case 'string':
      return str(shape, seed, place);
    case 'integer': case 'long':
      return clamp(3 + (seed % 7), shape);
    case 'double': case 'float':
      return clamp(1.5 + (seed % 5), shape);
    case 'boolean':
      return seed % 2 === 0;
    case 'timestamp':
      return new Date(Date.UTC(2026, 0, 2, 3, 4, seed % 60));
    case 'blob':
      return new Uint8Array([seed & 0xff, 0, 0xff, 10, 34]);
    default:
      throw new Error(`no sample for ${shape.type}`);
  }
}

function placeOf(m: Member): Place {
  return m.location === 'header' || m.location === 'headers' ? 'header' : 'body';
}

/** The SDK's command class for `op` in a client package's exports: fails loudly when the SDK lacks it. */
export function commandFor(pkg: Record<string, unknown>, op: Operation): new (input: unknown) => object {
  const Command = pkg[`${op.name}Command`];
  if (typeof Command !== 'function') throw new Error(`the SDK has no ${op.name}Command`);
  return Command as new (input: unknown) => object;
}

/** An error shape's members other than its message, each with a generated value. */
export function errorFields(shape: Shape): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const m of shape.members) if (m.name.toLowerCase() !== 'message') fields[m.name] = sample(m.shape);
  return fields;
}

type SdkError = Error & { $metadata?: { httpStatusCode?: number; requestId?: string } } & Record<string, unknown>;

/** The SDK's call rejects with the modelled error as we wrote it: name, message, status, request id and fields. */
export async function assertSdkError(
  call: Promise<unknown>,
  expected: { code: string; message: string; status: number; requestId: string; fields: Record<string, unknown> },
  label: string,
): Promise<void> {
  await assert.rejects(call, (e: SdkError) => {
    assert.equal(e.name, expected.code);
    assert.equal(e.message, expected.message);
    assert.equal(e.$metadata?.httpStatusCode, expected.status);
    assert.equal(e.$metadata?.requestId, expected.requestId);
    for (const [k, v] of Object.entries(expected.fields)) assert.deepEqual(normalize(e[k]), normalize(v), `${expected.code}.${k}`);
    return true;
  }, label);
}
