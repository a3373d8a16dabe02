// The request pipeline, one list you can read: each step is a small function of the request's
// context. The order is behaviour: it decides which error AWS answers when several things are wrong.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, InternalFailure, NotImplemented, ValidationError } from '../protocol/errors.js';
import { routeQuery } from '../protocol/routing.js';
import { renderValidationMessage, validateShape } from '../protocol/validate.js';
import type { RequestContext } from './context.js';
import type { App } from './app.js';
import { authenticate } from '../auth/authenticate.js';
import { authorize } from '../authz/authorize.js';
import { requestId } from './request-id.js';

export type Step = (ctx: RequestContext, app: App) => void | Promise<void>;

const MAX_BODY = 1024 * 1024;

const readBody: Step = (ctx) =>
  new Promise<void>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    ctx.req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
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

const route: Step = (ctx, app) => routeQuery(ctx, app.services, app.queryServices);

/** Operations AWS serves without a signature: the caller proves itself with a token in the input. */
const UNSIGNED: Record<string, Set<string>> = { sts: new Set(['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']) };

const authenticateStep: Step = async (ctx, app) => {
  const unsigned = UNSIGNED[ctx.service!.name]?.has(ctx.operation!.name) && !ctx.req.headers.authorization && !ctx.params?.has('X-Amz-Credential');
  ctx.caller = unsigned ? { accountId: '', arn: 'anonymous', type: 'anonymous', userId: 'anonymous', accessKeyId: '' } : await authenticate(ctx, app);
};

const parseInput: Step = (ctx) => {
  ctx.input = ctx.service!.codec.parseInput(ctx.operation!, ctx.params, ctx.body);
};

const validateInput: Step = (ctx) => {
  const shape = ctx.operation!.input;
  if (!shape) return;
  const failures = validateShape(shape, ctx.input);
  if (failures.length) throw ValidationError(renderValidationMessage(failures));
};

const authorizeStep: Step = (ctx, app) => authorize(ctx, app);

const invoke: Step = async (ctx, app) => {
  const op = ctx.operation!;
  const handler = ctx.service!.handlers[op.name];
  if (!handler) throw NotImplemented(`The ${op.name} operation of ${ctx.service!.resolved.model.metadata.serviceId} is not implemented by rolegate.`);
  ctx.output = await handler(ctx.input, {
    accountId: ctx.caller!.accountId,
    caller: ctx.caller!,
    store: app.store,
    sealer: app.sealer,
    tokens: app.tokens,
    messages: app.messages,
    recordDecision: (r) => app.decisions?.record(r),
    config: app.config,
    region: ctx.region ?? app.config.region,
    requestId: ctx.requestId,
    now: ctx.receivedAt,
  });
};

export const steps: Step[] = [readBody, route, authenticateStep, parseInput, validateInput, authorizeStep, invoke];

function send(ctx: RequestContext, status: number, contentType: string, body: string) {
  ctx.res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': ctx.requestId,
  });
  ctx.res.end(body);
}

export async function handle(req: IncomingMessage, res: ServerResponse, app: App): Promise<void> {
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
  };
  ctx.requestId = requestId(ctx.receivedAt.getTime());
  try {
    for (let i = 0; i < steps.length; i++) {
      const pending = steps[i](ctx, app);
      if (pending) await pending;
    }
    const wire = ctx.service!.codec.serializeOutput(ctx.operation!, ctx.output, ctx.requestId);
    send(ctx, wire.status, wire.contentType, wire.body);
  } catch (e) {
    let err: AwsError;
    if (e instanceof AwsError) err = e;
    else {
      app.log.error({ requestId: ctx.requestId, error: e instanceof Error ? e.stack : String(e) }, 'internal failure');
      err = InternalFailure();
    }
    ctx.error = err;
    const codec = (ctx.service ?? app.queryServices[0]).codec;
    const wire = codec.serializeError(err, ctx.requestId);
    send(ctx, wire.status, wire.contentType, wire.body);
  }
}
