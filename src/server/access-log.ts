// The access log (ROLEGATE_ACCESS_LOG): one JSON line per request, refused ones included, written
// through a stream so the request never waits for the disk. Never a secret, a session token, a
// signature, the Authorization header, the query string or a body: only what names the request.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from './context.js';
import { HEAD_TOO_LARGE } from './oversized.js';

/** Lines waiting past this much (a stalled disk) are dropped and counted, not kept in memory. */
const BUFFER_LIMIT = 8 << 20;

/** What a request's line is made from: the pipeline's context (absent for /_rolegate/ routes). */
export interface AccessEntry {
  req: IncomingMessage;
  res: ServerResponse;
  remoteAddress?: string;
  startedAt: number;
  receivedAt: Date;
  ctx?: RequestContext;
}

export class AccessLog {
  private dropped = 0;
  private failed = false;
  private constructor(private readonly out: WriteStream, private readonly opened: boolean) {
    // A stream that failed after the start (a full disk) stops the log, never the server.
    out.on('error', () => {
      this.failed = true;
    });
  }

  /** `stderr` or a file, appended to (created with mode 0600: the log names principals and addresses). */
  static open(target: string): AccessLog {
    const out = target === 'stderr'
      // Through fd 2 as a file stream: process.stderr writes synchronously when it is a pipe or a file.
      ? createWriteStream('', { fd: 2, autoClose: false })
      : createWriteStream(target, { flags: 'a', mode: 0o600 });
    return new AccessLog(out, target === 'stderr');
  }

  /** Waits for the stream to open: a file that cannot be opened stops the start with its error. */
  ready(): Promise<void> {
    if (this.opened) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.out.once('open', () => resolve());
      this.out.once('error', reject);
    });
  }

  write(e: AccessEntry): void {
    if (this.failed) return;
    if (this.out.writableLength > BUFFER_LIMIT) {
      this.dropped++;
      return;
    }
    const line = JSON.stringify(accessLine(e, this.dropped));
    this.dropped = 0;
    this.out.write(line + '\n');
  }

  /** A request refused before its head was parsed (RequestHeaderSectionTooLarge): what is known of it. */
  refusedHead(remoteAddress: string | undefined, requestId: string, method?: string): void {
    if (this.failed || this.out.writableLength > BUFFER_LIMIT) return;
    this.out.write(JSON.stringify({
      time: new Date().toISOString(), requestId, remoteAddress: remoteAddress ?? null, method: method ?? null, path: null,
      service: null, operation: null, principal: null, accessKeyId: null, status: 400, errorCode: HEAD_TOO_LARGE,
      latencyMs: 0, bytesIn: 0, bytesOut: null,
    }) + '\n');
  }

  /** Writes what is waiting; for shutdown. */
  close(): Promise<void> {
    if (this.failed) return Promise.resolve();
    return new Promise((resolve) => this.out.end(() => resolve()));
  }
}

/** An access key id as a Credential names it: ids only, so a secret pasted in its place is never logged. */
const KEY_ID = /^[A-Z0-9]{16,128}$/;

/** The key id a refused request was signed with (Authorization header or presigned X-Amz-Credential). */
function signedKeyId(ctx: RequestContext | undefined, req: IncomingMessage): string | undefined {
  let credential: string | undefined;
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('AWS4-HMAC-SHA256')) {
    const i = auth.indexOf('Credential=');
    if (i !== -1) credential = auth.slice(i + 11);
  } else credential = ctx?.params?.get('X-Amz-Credential') ?? undefined;
  if (!credential) return undefined;
  const id = credential.slice(0, credential.indexOf('/'));
  return KEY_ID.test(id) ? id : undefined;
}

function accessLine(e: AccessEntry, dropped: number): Record<string, unknown> {
  const { req, res, ctx } = e;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const caller = ctx?.caller;
  const declared = Number(req.headers['content-length']);
  const line: Record<string, unknown> = {
    time: e.receivedAt.toISOString(),
    requestId: ctx?.requestId || null,
    remoteAddress: e.remoteAddress ?? null,
    method: req.method,
    path: q === -1 ? url : url.slice(0, q),
    service: ctx ? ctx.service?.name ?? null : 'rolegate',
    operation: ctx?.operation?.name ?? null,
    principal: caller && caller.type !== 'anonymous' ? caller.arn : caller ? 'anonymous' : null,
    accessKeyId: caller ? caller.accessKeyId || null : signedKeyId(ctx, req) ?? null,
    status: res.statusCode,
    errorCode: ctx?.error?.code ?? null,
    latencyMs: Math.round((performance.now() - e.startedAt) * 10) / 10,
    bytesIn: Number.isFinite(declared) ? declared : ctx?.body.length ?? 0,
    bytesOut: ctx?.bytesOut ?? null,
  };
  if (dropped) line.droppedBefore = dropped;
  return line;
}
