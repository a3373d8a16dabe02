// The HTTP bindings rest-json and rest-xml share: members in labels, query, headers and status code;
// the body left to a BodyCodec, a document reader/writer by shape (JSON or XML) that knows nothing of HTTP.
import { Readable } from 'node:stream';
import type { WireRequest } from '../codec.js';
import { httpStatus } from '../../shared/http-status.js';
import type { Member, Operation, ResolvedService, Shape } from '../resolved.js';
import { formatHttpScalar, joinHeaderList, readHttpScalar, splitHeaderList } from './http-values.js';
import { planMessage, planRequest, type MessagePlan, type RequestPlan } from './plan.js';

/**
 * A body document by shape: `members` are the members it carries (a shape's unbound members, or all
 * of a payload structure's); `root` is the payload member when the document is one (rest-xml names its root after it).
 */
export interface BodyCodec {
  readonly contentType: string;
  read(shape: Shape, members: readonly Member[], body: Buffer, root?: Member): Record<string, unknown>;
  write(shape: Shape, members: readonly Member[], value: Record<string, unknown>, root?: Member): string | Buffer;
}

export type HttpBody = string | Buffer | Readable;

function headerValue(raw: string | string[] | undefined): string | undefined {
  return raw === undefined ? undefined : typeof raw === 'string' ? raw : raw.join(', ');
}

function readList(raws: readonly string[], member: Member, location: 'querystring' | 'header'): unknown[] {
  const out: unknown[] = [];
  for (const raw of raws) out.push(readHttpScalar(raw, member.shape.member!, location, member.path));
  return out;
}

function readQueryMap(m: Member, query: URLSearchParams, reserved: Set<string>): Record<string, unknown> | undefined {
  const value = m.shape.value!;
  const isList = value.shape.type === 'list';
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of query) {
    // `__proto__` cannot be a plain object's own key by assignment; no AWS parameter is named so.
    if (reserved.has(k) || k === '__proto__') continue;
    out ??= {};
    if (isList) ((out[k] ??= []) as unknown[]).push(readHttpScalar(v, value.shape.member!, 'querystring', m.path));
    else if (!Object.hasOwn(out, k)) out[k] = readHttpScalar(v, value, 'querystring', m.path);
  }
  return out;
}

function readInput(shape: Shape, plan: RequestPlan, req: WireRequest, codec: BodyCodec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of plan.labels) {
    const raw = req.labels[m.wireName];
    if (raw !== undefined) out[m.name] = readHttpScalar(raw, m, 'uri');
  }
  for (const m of plan.query) {
    if (m.shape.type === 'list') {
      const all = req.query.getAll(m.wireName);
      if (all.length > 0) out[m.name] = readList(all, m, 'querystring');
    } else {
      const raw = req.query.get(m.wireName);
      if (raw !== null) out[m.name] = readHttpScalar(raw, m, 'querystring');
    }
  }
  if (plan.queryMap) {
    const map = readQueryMap(plan.queryMap, req.query, plan.reservedQuery);
    if (map) out[plan.queryMap.name] = map;
  }
  for (let i = 0; i < plan.headers.length; i++) {
    const m = plan.headers[i];
    const raw = headerValue(req.headers[plan.headerNames[i]]);
    if (raw === undefined) continue;
    out[m.name] = m.shape.type === 'list' ? readList(splitHeaderList(raw, m.shape.member!), m, 'header') : readHttpScalar(raw, m, 'header');
  }
  for (let i = 0; i < plan.prefixHeaders.length; i++) {
    const prefix = plan.prefixes[i];
    let map: Record<string, string> | undefined;
    for (const name in req.headers) {
      if (!name.startsWith(prefix)) continue;
      const raw = headerValue(req.headers[name]);
      if (raw !== undefined) (map ??= {})[name.slice(prefix.length)] = raw;
    }
    if (map) out[plan.prefixHeaders[i].name] = map;
  }
  const p = plan.payload;
  if (p) {
    if (p.shape.type === 'blob') {
      if (plan.payloadStreaming) out[p.name] = req.stream ?? req.body;
      else if (req.body.length > 0) out[p.name] = req.body;
    } else if (req.body.length === 0) {
      // No body: the payload member is absent.
    } else if (p.shape.type === 'string') {
      out[p.name] = req.body.toString('utf8');
    } else {
      out[p.name] = codec.read(p.shape, p.shape.members, req.body, p);
    }
  } else if (plan.body.length > 0 && req.body.length > 0) {
    const doc = codec.read(shape, plan.body, req.body);
    for (const m of plan.body) {
      const v = doc[m.name];
      if (v !== undefined) out[m.name] = v;
    }
  }
  return out;
}

function payloadBody(p: Member, v: unknown, codec: BodyCodec, headers: Record<string, string>): HttpBody {
  if (v === undefined || v === null) return '';
  switch (p.shape.type) {
    case 'blob':
      headers['content-type'] = 'application/octet-stream';
      if (v instanceof Readable || typeof v === 'string' || Buffer.isBuffer(v)) return v;
      if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      throw new TypeError(`payload ${p.name} must be bytes, a string or a stream`);
    case 'string':
      headers['content-type'] = 'text/plain';
      return String(v);
    default:
      headers['content-type'] = codec.contentType;
      return codec.write(p.shape, p.shape.members, v as Record<string, unknown>, p);
  }
}

function writeMessage(
  shape: Shape, plan: MessagePlan, value: Record<string, unknown> | undefined, codec: BodyCodec, headers: Record<string, string>,
): { body: HttpBody; status?: number } {
  const v = value ?? {};
  let body: HttpBody = '';
  if (plan.payload) {
    body = payloadBody(plan.payload, v[plan.payload.name], codec, headers);
  } else if (plan.body.length > 0) {
    headers['content-type'] = codec.contentType;
    body = codec.write(shape, plan.body, v);
  }
  // After the body: a member bound to Content-Type overrides the payload's default.
  for (let i = 0; i < plan.headers.length; i++) {
    const m = plan.headers[i];
    const item = v[m.name];
    if (item === undefined || item === null) continue;
    headers[plan.headerNames[i]] = m.shape.type === 'list' ? joinHeaderList(item as unknown[], m.shape.member!) : formatHttpScalar(item, m, 'header');
  }
  for (let i = 0; i < plan.prefixHeaders.length; i++) {
    const map = v[plan.prefixHeaders[i].name] as Record<string, unknown> | undefined;
    if (!map) continue;
    const prefix = plan.prefixes[i];
    const valueMember = plan.prefixHeaders[i].shape.value!;
    for (const k in map) {
      const item = map[k];
      if (item !== undefined && item !== null) headers[prefix + k.toLowerCase()] = formatHttpScalar(item, valueMember, 'header');
    }
  }
  const status = plan.statusCode ? v[plan.statusCode.name] : undefined;
  return { body, status: typeof status === 'number' ? status : undefined };
}

/** The bindings of one service's operations, planned once; the body codec reads and writes the documents. */
export interface RestBindings {
  /** An operation's input from a REST request: bound members by type, the body (or payload) through the body codec. */
  readInput(op: Operation, req: WireRequest): Record<string, unknown>;
  /** A successful response: bound members into `headers`, the body; the model's status unless a member sets one. */
  writeOutput(op: Operation, output: unknown, headers: Record<string, string>): { status: number; body: HttpBody };
  /** `value` as a message of `shape` (an error's): bound members into `headers`; the status a `statusCode` member sets. */
  writeMessage(shape: Shape, value: Record<string, unknown> | undefined, headers: Record<string, string>): { body: HttpBody; status?: number };
}

export function restBindings(service: ResolvedService, codec: BodyCodec): RestBindings {
  const messages = new Map<Shape, MessagePlan>();
  const requests = new Map<Operation, RequestPlan>();
  const plan = (shape: Shape): MessagePlan => {
    let found = messages.get(shape);
    if (!found) messages.set(shape, (found = planMessage(shape)));
    return found;
  };
  const request = (op: Operation, input: Shape): RequestPlan => {
    let found = requests.get(op);
    if (!found) requests.set(op, (found = planRequest(op, plan(input))));
    return found;
  };
  // Planned at start-up; a shape met later (a test's own) is planned on first use.
  for (const op of service.operations.values()) {
    if (op.input) request(op, op.input);
    if (op.output) plan(op.output);
  }
  for (const shape of service.errorsByCode.values()) plan(shape);
  return {
    readInput(op, req) {
      return op.input ? readInput(op.input, request(op, op.input), req, codec) : {};
    },
    writeOutput(op, output, headers) {
      if (!op.output) return { status: op.responseCode, body: '' };
      const value = output as (Record<string, unknown> & { [httpStatus]?: number }) | undefined;
      const { body, status } = writeMessage(op.output, plan(op.output), value, codec, headers);
      return { status: status ?? value?.[httpStatus] ?? op.responseCode, body };
    },
    writeMessage(shape, value, headers) {
      return writeMessage(shape, plan(shape), value, codec, headers);
    },
  };
}
