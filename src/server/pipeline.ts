// The request pipeline, one list you can read: each step is a small function of the request's
// context. The order is behaviour: it decides which error AWS answers when several things are wrong.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { AwsError, InternalFailure } from '../protocol/errors.js';
import { RoutingError } from '../protocol/routing.js';
import type { WireResponse } from '../protocol/codec.js';
import type { RequestContext } from './context.js';
import { callSteps } from './call.js';
import type { App } from './app.js';
import type { ServiceEntry } from './services.js';
import { authenticate } from '../auth/authenticate.js';
import { anonymousPayload, decodePayload } from '../auth/sigv4/payload.js';
import type { PayloadDescription } from '../auth/sigv4/types.js';
import { inMemoryBytes, setTrailers } from '../shared/payload.js';
import { checkBufferedBody } from '../services/s3/bodies.js';
import { requestId } from './request-id.js';
import { DEFAULT_PARTITION, partitionOf } from '../shared/partitions.js';
import { showErrorArns, showOutputArns } from './partition-view.js';

export type Step = (ctx: RequestContext, app: App) => void | Promise<void>;

/** What the connection tells of a request: the client's address, and the TLS version over HTTPS. */
export interface Connection {
  remoteAddress?: string;
  tlsVersion?: string;
}

const route: Step = (ctx, app) => {
  const route = app.router.route({ method: ctx.req.method ?? 'GET', rawPath: ctx.rawPath, rawQuery: ctx.rawQuery, headers: ctx.req.headers });
  ctx.route = route;
  ctx.service = route.service as ServiceEntry;
  ctx.operation = route.operation;
  ctx.params = route.query;
  ctx.region = route.scope?.region;
};

/** A payload the operation streams (S3 PutObject, UploadPart) reaches the handler unread. */
function streams(ctx: RequestContext): boolean {
  const payload = ctx.operation?.input?.payload;
  return payload !== undefined && payload.streaming;
}

const readBody: Step = (ctx) => {
  if (streams(ctx)) {
    ctx.stream = ctx.req;
    return;
  }
  const limit = ctx.service!.bodyLimit;
  return new Promise<void>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    ctx.req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        ctx.req.removeAllListeners('data');
        ctx.req.resume();
        reject(new AwsError('RequestEntityTooLarge', 'Request body is too large.', 413));
        return;
      }
      chunks.push(chunk);
    });
    ctx.req.once('end', () => {
      ctx.body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      resolve();
    });
    ctx.req.once('error', reject);
  });
};

/** The query protocol names its operation in the body (Action=…): found once the body is read. */
const queryAction: Step = (ctx, app) => {
  if (ctx.operation) return;
  const type = ctx.req.headers['content-type'] ?? '';
  if (ctx.req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams(ctx.body.toString('utf8'));
    // Presigned query-protocol requests may carry their signature in the URL too.
    if (ctx.rawQuery) for (const [k, v] of ctx.params!) if (!params.has(k)) params.append(k, v);
    ctx.params = params;
    ctx.route!.query = params;
  }
  ctx.operation = app.router.queryOperation(ctx.route!, ctx.params!);
  ctx.service = ctx.route!.service as ServiceEntry;
};

/**
 * Signature Version 2 (`Authorization: AWS key:signature`, or a URL's AWSAccessKeyId, Signature and
 * Expires): S3 accepts it on no bucket made since June 24, 2020, which every rolegate bucket is, and
 * answers so rather than treating the request as anonymous.
 */
function refuseSigV2(ctx: RequestContext): void {
  if (ctx.service!.resolved.model.metadata.signatureVersion !== 's3') return;
  const authorization = ctx.req.headers.authorization;
  const v2 = typeof authorization === 'string'
    ? /^AWS [^:\s]+:/.test(authorization)
    : (ctx.params?.has('AWSAccessKeyId') ?? false) && (ctx.params?.has('Signature') ?? false) && !ctx.params!.has('X-Amz-Credential');
  if (v2) throw new AwsError('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.', 400);
}

const authenticateStep: Step = async (ctx, app) => {
  ctx.sourceIp = sourceIp(ctx);
  refuseSigV2(ctx);
  const headers = ctx.req.headers;
  const presigned = ctx.params?.has('X-Amz-Credential') ?? false;
  const unsigned = (ctx.service!.anonymous || ctx.service!.unsigned.has(ctx.operation!.name)) && !headers.authorization && !presigned;
  let payload: PayloadDescription;
  if (unsigned) {
    ctx.caller = { accountId: '', arn: 'anonymous', type: 'anonymous', userId: 'anonymous', accessKeyId: '' };
    payload = anonymousPayload(headers);
    if (ctx.tlsVersion) ctx.auth = { tlsVersion: ctx.tlsVersion };
  } else {
    const service = ctx.service!;
    const authenticated = await authenticate({
      request: { method: ctx.req.method ?? 'GET', rawPath: ctx.rawPath, rawQuery: ctx.rawQuery, headers, body: ctx.body, rawHeaders: ctx.req.rawHeaders, streamed: ctx.stream !== undefined },
      params: ctx.params, signingName: ctx.route?.scope && service.signingAliases?.includes(ctx.route.scope.service) ? ctx.route.scope.service : service.signingName, s3: service.resolved.model.metadata.signatureVersion === 's3',
      serviceName: service.name, receivedAt: ctx.receivedAt, requestId: ctx.requestId,
    }, app);
    ctx.caller = authenticated.caller;
    ctx.region = authenticated.region;
    payload = authenticated.payload;
    ctx.auth = {
      authType: presigned ? 'REST-QUERY-STRING' : 'REST-HEADER',
      signatureVersion: 'AWS4-HMAC-SHA256',
      ...(typeof headers['x-amz-content-sha256'] === 'string' ? { contentSha256: headers['x-amz-content-sha256'] } : presigned ? { contentSha256: 'UNSIGNED-PAYLOAD' } : {}),
    };
    if (ctx.tlsVersion) ctx.auth.tlsVersion = ctx.tlsVersion;
  }
  const partition = partitionOf(ctx.region ?? app.config.region);
  if (partition !== DEFAULT_PARTITION) ctx.inputPartition = partition;
  // A streamed body is checked as it passes: its hash, or each aws-chunked chunk's signature and its trailers.
  if (ctx.stream) {
    const decoded = decodePayload(ctx.stream, payload, headers);
    ctx.stream = decoded.body;
    setTrailers(decoded.body, decoded.trailers);
  }
};

/**
 * Operations whose model declares httpChecksum (S3's) have a buffered body checked against the
 * Content-MD5 and x-amz-checksum-* it carries, required where the model says so. A streamed body
 * is checked by its handler as it is stored.
 */
const checkBodyIntegrity: Step = (ctx) => {
  if (ctx.stream) return;
  const checksum = ctx.service!.resolved.model.operations[ctx.operation!.name]?.httpChecksum;
  if (!checksum) return;
  if (ctx.body.length === 0 && !checksum.requestChecksumRequired) return;
  checkBufferedBody(ctx.req.headers, ctx.body, checksum.requestChecksumRequired === true);
};

const parseInput: Step = (ctx) => {
  const r = ctx.route!;
  ctx.input = ctx.service!.codec.parseInput(ctx.operation!, {
    method: ctx.req.method ?? 'GET', path: r.path, query: ctx.params!, headers: ctx.req.headers, body: ctx.body, stream: ctx.stream, labels: r.labels,
  });
};

export const steps: Step[] = [route, readBody, queryAction, authenticateStep, checkBodyIntegrity, parseInput, ...callSteps];

function sourceIp(ctx: RequestContext): string {
  const a = ctx.remoteAddress ?? '127.0.0.1';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

function send(ctx: RequestContext, wire: WireResponse) {
  const { body } = wire;
  const headers: Record<string, string | number> = { 'content-type': wire.headers['content-type'] ?? 'application/octet-stream' };
  if (!(body instanceof Readable)) headers['content-length'] = Buffer.byteLength(body);
  for (const k in wire.headers) if (k !== 'content-type') headers[k] = wire.headers[k];
  const length = Number(headers['content-length']);
  if (Number.isFinite(length)) ctx.bytesOut = length;
  const whole = body instanceof Readable ? inMemoryBytes(body) : undefined;
  if (whole !== undefined) {
    // Bytes already in memory go out with the head in one write.
    headers['content-length'] ??= whole.length;
    ctx.bytesOut = whole.length;
    ctx.res.writeHead(wire.status, headers).end(whole);
    return;
  }
  ctx.res.writeHead(wire.status, headers);
  if (body instanceof Readable) {
    body.once('error', () => ctx.res.destroy());
    // A client gone before the body ended stops it (an event stream's subscription, a file being read).
    ctx.res.once('close', () => {
      if (!body.readableEnded) body.destroy();
    });
    body.pipe(ctx.res);
  } else ctx.res.end(body);
}

const streamErrorLogs = new WeakMap<App, (e: unknown, requestId: string) => void>();

/** Where a failure inside an event-stream output goes: the log, with its request id (the client is told only that it failed). */
function streamErrorLog(app: App): (e: unknown, requestId: string) => void {
  let log = streamErrorLogs.get(app);
  if (!log) {
    log = (e, requestId) => app.log.error({ requestId, error: e instanceof Error ? e.stack : String(e) }, 'internal failure in an event stream');
    streamErrorLogs.set(app, log);
  }
  return log;
}

/** A Host header usable in a URL: a name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Answers one AWS request. `observe` is given the request's context as soon as it exists, for the
 * access log to read once the response has gone.
 */
export async function handle(req: IncomingMessage, res: ServerResponse, app: App, conn: Connection = { remoteAddress: req.socket?.remoteAddress }, observe?: (ctx: RequestContext) => void): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const ctx: RequestContext = {
    req,
    res,
    requestId: '',
    receivedAt: new Date(),
    rawPath: q === -1 ? url : url.slice(0, q),
    rawQuery: q === -1 ? '' : url.slice(q + 1),
    body: Buffer.alloc(0),
    remoteAddress: conn.remoteAddress,
  };
  if (conn.tlsVersion) ctx.tlsVersion = conn.tlsVersion;
  const host = req.headers.host ?? (req.headers[':authority'] as string | undefined);
  if (host && HOST.test(host)) ctx.origin = `${conn.tlsVersion ? 'https' : 'http'}://${host.toLowerCase()}`;
  ctx.requestId = requestId(ctx.receivedAt.getTime());
  if (observe) observe(ctx);
  try {
    for (let i = 0; i < steps.length; i++) {
      const pending = steps[i](ctx, app);
      if (pending) await pending;
    }
    const output = ctx.inputPartition === undefined ? ctx.output : showOutputArns(ctx.output, ctx.inputPartition);
    send(ctx, ctx.service!.codec.serializeOutput(ctx.operation!, output, ctx.requestId, streamErrorLog(app)));
  } catch (e) {
    let err: AwsError;
    if (e instanceof AwsError) err = e;
    else if (ctx.req.destroyed && (e as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET') {
      // The client hung up mid-body: nothing to answer, and not a fault of the server.
      app.log.info({ requestId: ctx.requestId }, 'client closed the connection before its body ended');
      return;
    } else {
      app.log.error({ requestId: ctx.requestId, error: e instanceof Error ? e.stack : String(e) }, 'internal failure');
      err = InternalFailure();
    }
    if (ctx.inputArns?.size) err = showErrorArns(err, ctx.inputArns);
    ctx.error = err;
    // A body left unread (a streaming payload refused before its handler) is drained, not left hanging.
    if (ctx.stream && !ctx.req.readableEnded) {
      ctx.req.unpipe();
      ctx.req.resume();
    }
    const envelope = (e instanceof RoutingError ? app.services.find((s) => s.name === e.envelope.name) : ctx.service) ?? app.services[0];
    send(ctx, envelope.codec.serializeError(err, ctx.requestId));
  }
}
