// The authenticate step: SigV4 (header or presigned query) → access key or session token → caller.
// An unsigned request gets AWS's error, never a default identity.
import { parseSignature, prevalidate, verifySignature, CredentialSigningKeys } from './sigv4/index.js';
import { noteKeyUse } from './credentials.js';
import { AwsError, ExpiredToken, InvalidClientTokenId } from '../protocol/errors.js';
import type { Caller, SessionClaims } from '../shared/caller.js';
import type { Log } from '../shared/log.js';
import type { Store } from '../store/types.js';
import type { CredentialResolver } from './credentials.js';
import type { SessionTokenCodec } from '../shared/sealing.js';
import type { PayloadDescription, SignedRequest, VerifiedSignature } from './sigv4/types.js';

export interface AuthenticateInput {
  request: SignedRequest;
  /** The query protocol's parameters (a session token may travel as SecurityToken). */
  params?: URLSearchParams;
  /** The signing name the credential scope must carry, and whether S3's signing rules apply. */
  signingName: string;
  s3: boolean;
  /** The service recorded as an access key's last use. */
  serviceName: string;
  receivedAt: Date;
  requestId: string;
}

export interface AuthenticateDeps { store: Store; credentials: CredentialResolver; tokens: SessionTokenCodec; log: Log }

export interface Authenticated {
  caller: Caller;
  region: string;
  /**
   * What the body still needs. For a streamed body (`request.streamed`), pass it to
   * `decodePayload(stream, payload, headers)`; a buffered body has been checked already.
   */
  payload: PayloadDescription;
}

function header(request: SignedRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * S3 words authentication failures its own way (ErrorResponses): an unknown key is
 * InvalidAccessKeyId, a bad session token InvalidToken (400), an expired one ExpiredToken (400), a
 * malformed Authorization header AuthorizationHeaderMalformed.
 */
function s3AuthError(e: unknown, accessKeyId: string | undefined): unknown {
  if (!(e instanceof AwsError)) return e;
  switch (e.code) {
    case 'InvalidClientTokenId':
      return accessKeyId !== undefined && !accessKeyId.startsWith('ASIA')
        ? new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403, 'Sender', { AWSAccessKeyId: accessKeyId })
        : new AwsError('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
    case 'ExpiredToken':
      return new AwsError('ExpiredToken', 'The provided token has expired.', 400);
    case 'IncompleteSignature':
      return new AwsError('AuthorizationHeaderMalformed', `The authorization header is malformed; ${e.message}`, 400);
    default:
      return e;
  }
}

export async function authenticate(input: AuthenticateInput, deps: AuthenticateDeps): Promise<Authenticated> {
  if (!input.s3) return authenticateSigV4(input, deps);
  let accessKeyId: string | undefined;
  try {
    return await authenticateSigV4(input, deps, (id) => (accessKeyId = id));
  } catch (e) {
    throw s3AuthError(e, accessKeyId);
  }
}

async function authenticateSigV4(input: AuthenticateInput, deps: AuthenticateDeps, noteKey?: (id: string) => void): Promise<Authenticated> {
  const signed = input.request;
  const parsed = parseSignature(signed);
  noteKey?.(parsed.accessKeyId);
  const options = { service: input.signingName, s3: input.s3 };
  const now = input.receivedAt.getTime();
  // AWS checks the clock and the scope before the key: a stale request with any key is "expired".
  prevalidate(parsed, now, options);
  const region = parsed.scope.region;
  const token = parsed.sessionToken ?? header(signed, 'x-amz-security-token') ?? input.params?.get('SecurityToken') ?? undefined;
  if (token !== undefined || parsed.accessKeyId.startsWith('ASIA')) {
    const { caller, verified } = await temporary(deps, signed, parsed, token, now, options);
    return { caller, region, payload: verified.payload };
  }
  const credential = await deps.credentials.resolve(parsed.accessKeyId);
  const verified = verifySignature(signed, parsed, credential.secretAccessKey, now, options, credential.signingKeys);
  noteKeyUse(deps.store, credential.record, input.receivedAt, input.serviceName, region, (e) =>
    deps.log.error({ requestId: input.requestId, error: String(e) }, 'recording access key use failed'));
  return { caller: credential.caller, region, payload: verified.payload };
}

/** The caller a role session's claims stand for (the role's existence is the caller's to check). */
export function roleSessionCaller(claims: SessionClaims): Caller {
  return { accountId: claims.accountId, arn: claims.arn, type: 'assumed-role', userId: claims.userId, accessKeyId: claims.accessKeyId, session: claims };
}

const sessionKeys = new Map<string, CredentialSigningKeys>();

/** Temporary credentials: the sealed token carries the secret and the session; no store round trip for it. */
async function temporary(
  deps: AuthenticateDeps, signed: SignedRequest, parsed: ReturnType<typeof parseSignature>,
  token: string | undefined, now: number, options: { service: string; s3: boolean },
): Promise<{ caller: Caller; verified: VerifiedSignature }> {
  const claims = token ? deps.tokens.open(token) : undefined;
  if (!claims || claims.accessKeyId !== parsed.accessKeyId) throw InvalidClientTokenId();
  if (now >= claims.expiresAt) throw ExpiredToken();
  let keys = sessionKeys.get(claims.accessKeyId);
  if (!keys) {
    if (sessionKeys.size >= 10_000) sessionKeys.clear();
    keys = new CredentialSigningKeys();
    sessionKeys.set(claims.accessKeyId, keys);
  }
  const verified = verifySignature(signed, parsed, claims.secretAccessKey, now, options, keys);
  return { caller: await sessionCaller(deps, claims), verified };
}

/** The caller a verified session stands for, once its role or user is found to be still there. */
async function sessionCaller(deps: AuthenticateDeps, claims: SessionClaims): Promise<Caller> {
  if (claims.kind === 'assumed-role') {
    // Deleting a role ends its sessions: the role must still exist with the same id.
    if ((await deps.store.roles.idOf(claims.accountId, claims.roleName!)) !== claims.roleId) throw InvalidClientTokenId();
    return roleSessionCaller(claims);
  }
  if (claims.kind === 'federated-user') {
    // A federated user's permissions are its federating user's, who must still be the same user.
    if (claims.userName) {
      const user = await deps.store.users.get(claims.accountId, claims.userName);
      if (!user || user.id !== claims.federatingUserId) throw InvalidClientTokenId();
    }
    return { accountId: claims.accountId, arn: claims.arn, type: 'federated-user', userId: claims.userId, accessKeyId: claims.accessKeyId, session: claims };
  }
  if (claims.kind === 'root') {
    // AssumeRoot: the target account's root, as a privileged session (the task policy limits it when authorized).
    return { accountId: claims.accountId, arn: claims.arn, type: 'root', userId: claims.accountId, accessKeyId: claims.accessKeyId, session: claims };
  }
  // GetSessionToken: the session acts as its user (or root), whose key must still be there.
  if (claims.userName) {
    const user = await deps.store.users.get(claims.accountId, claims.userName);
    // The session belongs to the user it was issued to: a user deleted and created again under the
    // same name has a new unique id, and the old session ends with the old user.
    if (!user || user.id !== claims.userId) throw InvalidClientTokenId();
    return { accountId: claims.accountId, arn: user.arn, type: 'user', userId: user.id, userName: user.name, accessKeyId: claims.accessKeyId, session: claims };
  }
  return { accountId: claims.accountId, arn: claims.arn, type: 'root', userId: claims.accountId, accessKeyId: claims.accessKeyId, session: claims };
}
