// The authenticate step: SigV4 (header or presigned query) → access key → verified caller.
// An unsigned request gets AWS's error, never a default identity.
import { parseSignature, verifySignature } from './sigv4/index.js';
import { lookupAccessKey } from './credentials.js';
import type { RequestContext } from '../server/context.js';
import type { App } from '../server/app.js';
import type { Caller } from '../services/types.js';

export async function authenticate(ctx: RequestContext, app: App): Promise<Caller> {
  const signed = { method: ctx.req.method ?? 'GET', rawPath: ctx.rawPath, rawQuery: ctx.rawQuery, headers: ctx.req.headers, body: ctx.body, rawHeaders: ctx.req.rawHeaders };
  const parsed = parseSignature(signed);
  const credential = await lookupAccessKey(app.store, app.sealer, parsed.accessKeyId);
  verifySignature(signed, parsed, credential.secretAccessKey, ctx.receivedAt.getTime(), { service: ctx.service!.name, s3: false });
  ctx.region = parsed.scope.region;
  return credential.caller;
}
