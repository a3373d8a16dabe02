// The authenticate step: SigV4 (header or presigned query) → access key → verified caller.
// An unsigned request gets AWS's error, never a default identity.
import { parseSignature, prevalidate, verifySignature } from './sigv4/index.js';
import { noteKeyUse } from './credentials.js';
import type { RequestContext } from '../server/context.js';
import type { App } from '../server/app.js';
import type { Caller } from '../services/types.js';

export async function authenticate(ctx: RequestContext, app: App): Promise<Caller> {
  const signed = { method: ctx.req.method ?? 'GET', rawPath: ctx.rawPath, rawQuery: ctx.rawQuery, headers: ctx.req.headers, body: ctx.body, rawHeaders: ctx.req.rawHeaders };
  const parsed = parseSignature(signed);
  const options = { service: ctx.service!.name, s3: false };
  const now = ctx.receivedAt.getTime();
  // AWS checks the clock and the scope before the key: a stale request with any key is "expired".
  prevalidate(parsed, now, options);
  const credential = await app.credentials.resolve(parsed.accessKeyId);
  verifySignature(signed, parsed, credential.secretAccessKey, now, options, credential.signingKeys);
  ctx.region = parsed.scope.region;
  noteKeyUse(app.store, credential.record, ctx.receivedAt, ctx.service!.name, parsed.scope.region, (e) =>
    app.log.error({ requestId: ctx.requestId, error: String(e) }, 'recording access key use failed'));
  return credential.caller;
}
