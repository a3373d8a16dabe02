// The authenticate step: SigV4 (header or presigned query) → access key or session token → caller.
// An unsigned request gets AWS's error, never a default identity.
import { parseSignature, prevalidate, verifySignature, CredentialSigningKeys } from './sigv4/index.js';
import { noteKeyUse } from './credentials.js';
import { ExpiredToken, InvalidClientTokenId } from '../protocol/errors.js';
import type { RequestContext } from '../server/context.js';
import type { App } from '../server/app.js';
import type { Caller } from '../services/types.js';

function header(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function authenticate(ctx: RequestContext, app: App): Promise<Caller> {
  const signed = { method: ctx.req.method ?? 'GET', rawPath: ctx.rawPath, rawQuery: ctx.rawQuery, headers: ctx.req.headers, body: ctx.body, rawHeaders: ctx.req.rawHeaders };
  const parsed = parseSignature(signed);
  const options = { service: ctx.service!.signingName, s3: ctx.service!.resolved.model.metadata.signatureVersion === 's3' };
  const now = ctx.receivedAt.getTime();
  // AWS checks the clock and the scope before the key: a stale request with any key is "expired".
  prevalidate(parsed, now, options);
  ctx.region = parsed.scope.region;
  const token = parsed.sessionToken ?? header(ctx, 'x-amz-security-token') ?? ctx.params?.get('SecurityToken') ?? undefined;
  if (token !== undefined || parsed.accessKeyId.startsWith('ASIA')) return temporary(ctx, app, signed, parsed, token, now, options);
  const credential = await app.credentials.resolve(parsed.accessKeyId);
  verifySignature(signed, parsed, credential.secretAccessKey, now, options, credential.signingKeys);
  noteKeyUse(app.store, credential.record, ctx.receivedAt, ctx.service!.name, parsed.scope.region, (e) =>
    app.log.error({ requestId: ctx.requestId, error: String(e) }, 'recording access key use failed'));
  return credential.caller;
}

const sessionKeys = new Map<string, CredentialSigningKeys>();

/** Temporary credentials: the sealed token carries the secret and the session; no store round trip for it. */
async function temporary(
  ctx: RequestContext, app: App, signed: Parameters<typeof verifySignature>[0], parsed: ReturnType<typeof parseSignature>,
  token: string | undefined, now: number, options: { service: string; s3: boolean },
): Promise<Caller> {
  const claims = token ? app.tokens.open(token) : undefined;
  if (!claims || claims.accessKeyId !== parsed.accessKeyId) throw InvalidClientTokenId();
  if (now >= claims.expiresAt) throw ExpiredToken();
  let keys = sessionKeys.get(claims.accessKeyId);
  if (!keys) {
    if (sessionKeys.size >= 10_000) sessionKeys.clear();
    keys = new CredentialSigningKeys();
    sessionKeys.set(claims.accessKeyId, keys);
  }
  verifySignature(signed, parsed, claims.secretAccessKey, now, options, keys);
  if (claims.kind === 'assumed-role') {
    // Deleting a role ends its sessions: the role must still exist with the same id.
    if ((await app.store.roles.idOf(claims.accountId, claims.roleName!)) !== claims.roleId) throw InvalidClientTokenId();
    return { accountId: claims.accountId, arn: claims.arn, type: 'assumed-role', userId: claims.userId, accessKeyId: claims.accessKeyId, session: claims };
  }
  // GetSessionToken: the session acts as its user (or root), whose key must still be there.
  if (claims.userName) {
    const user = await app.store.users.get(claims.accountId, claims.userName);
    // The session belongs to the user it was issued to: a user deleted and created again under the
    // same name has a new unique id, and the old session ends with the old user.
    if (!user || user.id !== claims.userId) throw InvalidClientTokenId();
    return { accountId: claims.accountId, arn: user.arn, type: 'user', userId: user.id, userName: user.name, accessKeyId: claims.accessKeyId, session: claims };
  }
  return { accountId: claims.accountId, arn: claims.arn, type: 'root', userId: claims.accountId, accessKeyId: claims.accessKeyId, session: claims };
}
