import type { GetWebIdentityTokenRequest, GetWebIdentityTokenResponse } from '../../generated/sts/shapes.js';
import { OutboundWebIdentityFederationDisabledException, SessionDurationEscalationException } from '../../generated/sts/errors.js';
import { ValidationError } from '../../protocol/errors.js';
import { SIGNING_ALGORITHMS, signJwt, tokenId, type SigningAlgorithm } from '../../directory/outbound-federation.js';
import { checkSessionTags } from './session-policies.js';
import type { Handler } from '../types.js';

const DEFAULT_DURATION_SECONDS = 300;
/** The namespace AWS nests its own claims and the request's tags under. */
const AWS_CLAIMS = 'https://sts.amazonaws.com/';

/**
 * A JWT for the caller, signed with its account's outbound federation key for SigningAlgorithm:
 * iss the account's issuer, sub the caller (a role session's role), aud the Audience (one string,
 * or a list of several), iat, exp (DurationSeconds, default 300), jti, and under
 * https://sts.amazonaws.com/ the account, the region, the caller's tags as principal_tags and the
 * request's Tags as request_tags.
 * Refused while the account's feature is disabled; a session's token cannot outlive the session.
 */
export const GetWebIdentityToken: Handler<GetWebIdentityTokenRequest, GetWebIdentityTokenResponse> = async (input, ctx) => {
  const alg = input.SigningAlgorithm as SigningAlgorithm;
  if (!SIGNING_ALGORITHMS.includes(alg)) {
    throw ValidationError(`1 validation error detected: Value '${input.SigningAlgorithm}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [${SIGNING_ALGORITHMS.join(', ')}]`);
  }
  checkSessionTags(input.Tags, undefined);
  const record = await ctx.store.accountSettings.getOutboundWebIdentity(ctx.accountId);
  if (!record?.enabled) {
    throw new OutboundWebIdentityFederationDisabledException('The outbound web identity federation feature is not enabled for this account. To use this feature, you must first enable it through the Amazon Web Services Management Console or API.');
  }
  const duration = input.DurationSeconds ?? DEFAULT_DURATION_SECONDS;
  const iat = Math.floor(ctx.now.getTime() / 1000);
  const exp = iat + duration;
  const session = ctx.caller.session;
  if (session && exp * 1000 > session.expiresAt) {
    throw new SessionDurationEscalationException('The requested token duration would extend beyond the expiration of the session that requests it.');
  }
  const aws: Record<string, unknown> = { aws_account: ctx.accountId, source_region: ctx.region };
  const principalTags = await callerTags(ctx);
  if (principalTags.size) aws.principal_tags = Object.fromEntries(principalTags.values());
  if (input.Tags?.length) aws.request_tags = Object.fromEntries(input.Tags.map((t) => [t.Key, t.Value]));
  const claims = {
    iss: record.issuer,
    sub: session?.kind === 'assumed-role' && session.roleArn ? session.roleArn : ctx.caller.arn,
    aud: input.Audience.length === 1 ? input.Audience[0] : input.Audience,
    iat, exp,
    jti: tokenId(),
    [AWS_CLAIMS]: aws,
  };
  return { WebIdentityToken: signJwt(record, alg, claims, ctx.sealer), Expiration: new Date(exp * 1000) };
};

/** A user's tags; a role session's role tags, its session tags overriding those of the same key (case-insensitive). */
async function callerTags(ctx: Parameters<typeof GetWebIdentityToken>[1]): Promise<Map<string, [string, string]>> {
  const { caller } = ctx;
  const own = caller.type === 'user' && caller.userName
    ? (await ctx.store.users.get(caller.accountId, caller.userName))?.tags
    : caller.type === 'assumed-role' && caller.session?.roleName
      ? (await ctx.store.roles.get(caller.accountId, caller.session.roleName))?.tags
      : undefined;
  const tags = new Map<string, [string, string]>();
  for (const t of [...own ?? [], ...caller.session?.tags ?? []]) tags.set(t.Key.toLowerCase(), [t.Key, t.Value]);
  return tags;
}
