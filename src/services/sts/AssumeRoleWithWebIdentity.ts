// AssumeRoleWithWebIdentity: an unsigned call whose OIDC token is its authentication. The token must come
// from an OIDC provider of the role's account (issuer, audience, signature through the issuer's keys,
// expiry); then the role's trust policy decides for the Federated provider; then the session is issued.
import { decodeJwt, type JWTPayload } from 'jose';
import type { AssumeRoleWithWebIdentityRequest, AssumeRoleWithWebIdentityResponse } from '../../generated/sts/shapes.js';
import {
  ExpiredTokenException, IDPCommunicationErrorException, InvalidIdentityTokenException,
} from '../../generated/sts/errors.js';
import { AccessDenied, AwsError } from '../../protocol/errors.js';
import type { ContextValue } from '../../policy/index.js';
import { OidcFailure, type OidcFailureReason } from '../../shared/web-identity.js';
import type { OidcProviderRecord, StoreTables } from '../../store/types.js';
import { providerHostPath } from '../iam/oidc-providers.js';
import type { Handler } from '../types.js';
import { sessionDuration, targetRole } from './roles.js';
import { authorizeFederated, issueFederatedSession, type FederatedAssume } from './federated-session.js';

const ACTION = 'sts:AssumeRoleWithWebIdentity';
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';
const ROLE_ACCOUNT = /^arn:aws:iam::(\d{12}):role\//;
/** The claim an identity provider sets to give the session a source identity (IAM User Guide, "Monitor and control actions taken with assumed roles"). */
const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';
/**
 * The claim that passes session tags: `principal_tags` (key → [value]) and `transitive_tag_keys`
 * (IAM User Guide, "Passing session tags using AssumeRoleWithWebIdentity").
 */
const TAGS_CLAIM = 'https://aws.amazon.com/tags';
/** Clock skew allowed for `nbf` and `iat` in the future; `exp` is compared exactly, as STS's message states. */
const SKEW_SECONDS = 300;

// STS's words, as its answers show them.
const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
const NO_KEY = "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";
const failures: Record<OidcFailureReason, () => AwsError> = {
  unreachable: () => new IDPCommunicationErrorException(
    'The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached. This is often a transient error caused by network conditions. Try the request again. If the error persists, the non-AWS identity provider might be down or not responding.'),
  'untrusted-certificate': () => new InvalidIdentityTokenException("OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint"),
  'no-keys': () => new InvalidIdentityTokenException(NO_KEY),
  'unknown-key': () => new InvalidIdentityTokenException(NO_KEY),
  'bad-signature': () => new InvalidIdentityTokenException('The web identity token signature could not be verified.'),
};

export const AssumeRoleWithWebIdentity: Handler<AssumeRoleWithWebIdentityRequest, AssumeRoleWithWebIdentityResponse> = async (input, ctx) => {
  const account = ROLE_ACCOUNT.exec(input.RoleArn)?.[1];
  if (!account) throw AccessDenied(NOT_AUTHORIZED);
  const claims = readClaims(input.WebIdentityToken);
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  const provider = await findProvider(ctx.store, account, issuer);
  if (!provider) throw new InvalidIdentityTokenException(`No OpenIDConnect provider found in your account for ${issuer}`);
  const audience = tokenAudience(claims, provider.clientIds);
  if (audience === undefined) throw new InvalidIdentityTokenException('Incorrect token audience');
  try {
    await ctx.webIdentity.verifySignature(input.WebIdentityToken, issuer, provider.thumbprints, ctx.now);
  } catch (e) {
    if (e instanceof OidcFailure) throw failures[e.reason]();
    throw e;
  }
  checkTimes(claims, Math.floor(ctx.now.getTime() / 1000));

  let role;
  try {
    ({ role } = await targetRole(ctx.store, input.RoleArn, provider.arn, ACTION));
  } catch (e) {
    if (e instanceof AwsError && e.code === 'AccessDenied') throw AccessDenied(NOT_AUTHORIZED);
    throw e;
  }
  const subject = typeof claims.sub === 'string' ? claims.sub : undefined;
  const sourceIdentity = typeof claims[SOURCE_IDENTITY_CLAIM] === 'string' ? (claims[SOURCE_IDENTITY_CLAIM] as string) : undefined;
  // Condition keys of OIDC federation are named after the provider: `<host/path>:aud`, `:sub`, `:amr`
  // (IAM User Guide, "Available keys for AWS OIDC federation").
  const context: Record<string, ContextValue> = {
    [`${provider.url}:aud`]: audience,
    'sts:RoleSessionName': input.RoleSessionName,
  };
  if (subject !== undefined) context[`${provider.url}:sub`] = subject;
  const amr = stringList(claims.amr);
  if (amr) context[`${provider.url}:amr`] = amr;
  if (typeof claims.azp === 'string') context[`${provider.url}:azp`] = claims.azp;
  const { tags, transitive } = sessionTags(claims[TAGS_CLAIM]);
  const assume: FederatedAssume = {
    account, role, providerArn: provider.arn, action: ACTION, message: NOT_AUTHORIZED,
    sessionName: input.RoleSessionName, context, ...(sourceIdentity ? { sourceIdentity } : {}), tags, transitive,
  };
  await authorizeFederated(ctx, assume);
  const { credentials, assumedRoleUser, packed } = await issueFederatedSession(ctx, assume, input, sessionDuration(input.DurationSeconds, role, false));
  return {
    Credentials: credentials,
    ...(subject !== undefined ? { SubjectFromWebIdentityToken: subject } : {}),
    AssumedRoleUser: assumedRoleUser,
    ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
    // The API reference says "the value of the iss field"; STS answers the provider's ARN for IAM OIDC providers.
    Provider: provider.arn,
    Audience: audience,
    ...(sourceIdentity ? { SourceIdentity: sourceIdentity } : {}),
  };
};

/**
 * Session tags from the token's tags claim. Each principal tag has one value (a string, or a list of
 * one string, as identity providers write it); transitive keys must name principal tags. A claim in
 * another form, or over STS's limits (50 tags, keys of 128 and values of 256 characters), is refused.
 */
function sessionTags(claim: unknown): { tags: { Key: string; Value: string }[]; transitive: string[] } {
  if (claim === undefined) return { tags: [], transitive: [] };
  const bad = () => new InvalidIdentityTokenException('The web identity token contains session tags that are not valid.');
  if (!claim || typeof claim !== 'object' || Array.isArray(claim)) throw bad();
  const { principal_tags: principalTags, transitive_tag_keys: transitiveKeys } = claim as Record<string, unknown>;
  const tags: { Key: string; Value: string }[] = [];
  if (principalTags !== undefined) {
    if (!principalTags || typeof principalTags !== 'object' || Array.isArray(principalTags)) throw bad();
    for (const [key, raw] of Object.entries(principalTags as Record<string, unknown>)) {
      const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (typeof value !== 'string' || key.length < 1 || key.length > 128 || value.length > 256 || key.toLowerCase().startsWith('aws:')) throw bad();
      if (tags.some((t) => t.Key.toLowerCase() === key.toLowerCase())) throw bad();
      tags.push({ Key: key, Value: value });
    }
  }
  if (tags.length > 50) throw bad();
  let transitive: string[] = [];
  if (transitiveKeys !== undefined) {
    if (!Array.isArray(transitiveKeys) || !transitiveKeys.every((k) => typeof k === 'string' && tags.some((t) => t.Key.toLowerCase() === k.toLowerCase()))) throw bad();
    transitive = transitiveKeys as string[];
  }
  return { tags, transitive };
}

function readClaims(token: string): JWTPayload {
  try {
    return decodeJwt(token);
  } catch {
    throw new InvalidIdentityTokenException(NOT_A_JWT);
  }
}

/** The provider whose URL is the token's issuer: `https://` + host and path, compared as IAM stores it. */
async function findProvider(t: StoreTables, account: string, issuer: string): Promise<OidcProviderRecord | undefined> {
  let hostPath: string;
  try {
    hostPath = providerHostPath(issuer);
  } catch {
    return undefined;
  }
  const p = await t.oidcProviders.get(account, hostPath);
  return p && p.url === hostPath ? p : undefined;
}

/**
 * The client id the token was issued to: `azp` when it is one of the provider's client ids (as STS reads
 * Google's tokens), else the first `aud` value that is.
 */
function tokenAudience(claims: JWTPayload, clientIds: readonly string[]): string | undefined {
  if (typeof claims.azp === 'string' && clientIds.includes(claims.azp)) return claims.azp;
  const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  return aud.find((a) => clientIds.includes(a));
}

function checkTimes(claims: JWTPayload, now: number): void {
  if (typeof claims.exp !== 'number') throw new InvalidIdentityTokenException('The web identity token has no expiration time (exp).');
  if (now >= claims.exp) {
    throw new ExpiredTokenException(`Token expired: current date/time ${now} must be before the expiration date/time ${claims.exp}`);
  }
  if (typeof claims.nbf === 'number' && claims.nbf > now + SKEW_SECONDS) throw new InvalidIdentityTokenException('The web identity token is not valid yet (nbf).');
  if (typeof claims.iat === 'number' && claims.iat > now + SKEW_SECONDS) throw new InvalidIdentityTokenException('The web identity token was issued in the future (iat).');
}

function stringList(v: unknown): string | string[] | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
}
