// What AssumeRoleWithWebIdentity and AssumeRoleWithSAML share once the identity provider's token is
// verified: the trust policy decides for the provider (a Federated principal) through the one
// authorize path, with the token's session tags and source identity as condition keys (tags need
// sts:TagSession and a source identity sts:SetSourceIdentity from the same trust policy); then the
// session policies are checked and the role session is issued.
import { InvalidParameterValue } from '../../protocol/errors.js';
import type { ContextValue } from '../../policy/index.js';
import type { Caller } from '../../shared/caller.js';
import type { RoleRecord } from '../../store/types.js';
import { findPolicy } from '../../directory/managed-policies.js';
import type { HandlerContext } from '../types.js';
import { issueRoleSession } from './sessions.js';
import { checkSessionPolicy, packedPolicySize } from './session-policies.js';
import { noteRoleUse } from './role-use.js';

export interface FederatedAssume {
  account: string;
  role: RoleRecord;
  /** The provider's ARN (oidc-provider/… or saml-provider/…): the Federated principal. */
  providerArn: string;
  action: string;
  /** The AccessDenied text of the operation. */
  message: string;
  sessionName: string;
  /** The provider's own condition keys (`<host>:aud`, `saml:aud` …); the tag keys are added here. */
  context: Record<string, ContextValue>;
  sourceIdentity?: string;
  tags: { Key: string; Value: string }[];
  transitive: string[];
}

/** Decides the request against the role's trust policy for the provider; throws AccessDenied. */
export async function authorizeFederated(ctx: HandlerContext, f: FederatedAssume): Promise<void> {
  const context = f.context;
  if (f.sourceIdentity) context['sts:SourceIdentity'] = f.sourceIdentity;
  if (f.tags.length) {
    for (const t of f.tags) context[`aws:RequestTag/${t.Key}`] = t.Value;
    context['aws:TagKeys'] = f.tags.map((t) => t.Key);
  }
  if (f.transitive.length) context['sts:TransitiveTagKeys'] = f.transitive;
  const also = [...(f.tags.length ? ['sts:TagSession'] : []), ...(f.sourceIdentity ? ['sts:SetSourceIdentity'] : [])];
  const federated: Caller = { accountId: f.account, arn: f.providerArn, type: 'federated', userId: f.providerArn, accessKeyId: '' };
  await ctx.authorize(federated, [{
    action: f.action, resource: f.role.arn, resourceAccount: f.account, context,
    trust: { id: `trust:${f.role.arn}`, document: f.role.assumeRolePolicyDocument },
    ...(also.length ? { also } : {}),
  }], { message: f.message });
}

/** Checks the session policies and issues the role session of `durationSeconds`. */
export async function issueFederatedSession(
  ctx: HandlerContext, f: FederatedAssume, input: { Policy?: string; PolicyArns?: { arn?: string }[] }, durationSeconds: number,
) {
  checkSessionPolicy(input.Policy);
  for (const d of input.PolicyArns ?? []) {
    if (!d.arn || !(await findPolicy(ctx.store, f.account, d.arn))) throw InvalidParameterValue(`The policy ${d.arn ?? ''} does not exist or is not attachable.`);
  }
  const packed = packedPolicySize(input.Policy, input.PolicyArns, f.tags.length ? f.tags : undefined);
  const { credentials, assumedRoleUser } = issueRoleSession(ctx.tokens, {
    account: f.account, role: f.role, sessionName: f.sessionName, durationSeconds, now: ctx.now,
    sessionPolicy: input.Policy, sessionPolicyArns: input.PolicyArns?.map((p) => p.arn!),
    rest: {
      ...(f.sourceIdentity ? { sourceIdentity: f.sourceIdentity } : {}),
      ...(f.tags.length ? { tags: f.tags } : {}),
      ...(f.transitive.length ? { transitiveTagKeys: f.transitive } : {}),
    },
  });
  noteRoleUse(ctx.store, f.account, f.role.name, ctx.now, ctx.region);
  return { credentials, assumedRoleUser, packed };
}
