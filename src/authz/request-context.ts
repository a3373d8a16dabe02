// The global condition keys of a request, from its caller and transport (AWS's "global condition
// context keys" page). Service- and operation-specific keys are added by the authorization map.
import type { ContextValue } from '../policy/index.js';
import type { Caller } from '../shared/caller.js';
import type { Tag } from '../store/types.js';

/** A request made in-process (a service acting for a customer) has no source address. */
export interface TransportFacts { sourceIp?: string; secure: boolean; region: string; now: Date }

const PRINCIPAL_TYPE = { root: 'Account', user: 'User', 'assumed-role': 'AssumedRole', 'federated-user': 'FederatedUser', anonymous: 'Anonymous' } as const;

/**
 * A service principal's request carries the service's name and, as the confused-deputy guard, the
 * account and resource it acts for (IAM User Guide, "The confused deputy problem"; global keys
 * aws:PrincipalServiceName, aws:SourceAccount, aws:SourceArn).
 */
function serviceContext(caller: Caller, facts: TransportFacts): Record<string, ContextValue> {
  return {
    'aws:CurrentTime': facts.now.toISOString(),
    'aws:EpochTime': String(Math.floor(facts.now.getTime() / 1000)),
    'aws:PrincipalServiceName': caller.arn,
    'aws:RequestedRegion': facts.region,
    ...(caller.actingFor ? { 'aws:SourceAccount': caller.actingFor.sourceAccount, 'aws:SourceArn': caller.actingFor.sourceArn } : {}),
  };
}

export function globalContext(caller: Caller, facts: TransportFacts, principalTags: readonly Tag[]): Record<string, ContextValue> {
  if (caller.type === 'service') return serviceContext(caller, facts);
  if (caller.type === 'federated') {
    // The token's own keys (`<provider>:sub`, `:aud` …) come from the operation that verified it.
    return { 'aws:CurrentTime': facts.now.toISOString(), 'aws:EpochTime': String(Math.floor(facts.now.getTime() / 1000)) };
  }
  const ctx: Record<string, ContextValue> = {
    'aws:CurrentTime': facts.now.toISOString(),
    'aws:EpochTime': String(Math.floor(facts.now.getTime() / 1000)),
    'aws:SecureTransport': facts.secure ? 'true' : 'false',
  };
  if (facts.sourceIp !== undefined) ctx['aws:SourceIp'] = facts.sourceIp;
  ctx['aws:RequestedRegion'] = facts.region;
  if (caller.type === 'anonymous') {
    // An unsigned request (S3) has no principal ARN, account or tags: only what the transport tells.
    ctx['aws:PrincipalType'] = 'Anonymous';
    ctx['aws:userid'] = 'anonymous';
    return ctx;
  }
  ctx['aws:PrincipalArn'] = caller.type === 'assumed-role' ? caller.session!.roleArn! : caller.arn;
  ctx['aws:PrincipalAccount'] = caller.accountId;
  ctx['aws:PrincipalType'] = PRINCIPAL_TYPE[caller.type];
  ctx['aws:userid'] = caller.userId;
  ctx['aws:ViaAWSService'] = 'false';
  if (caller.type === 'user' && caller.userName) ctx['aws:username'] = caller.userName;
  if (caller.session) {
    ctx['aws:TokenIssueTime'] = new Date(caller.session.issuedAt).toISOString();
    if (caller.session.sourceIdentity) ctx['aws:SourceIdentity'] = caller.session.sourceIdentity;
    // Present, and true, only in a privileged session from AssumeRoot (IAM User Guide, global condition keys: aws:AssumedRoot).
    if (caller.session.kind === 'root') ctx['aws:AssumedRoot'] = 'true';
  }
  // Present for temporary credentials (false without MFA); for long-term keys only when this very
  // request proved a code (AssumeRole or GetSessionToken with SerialNumber and TokenCode). The age
  // counts from that proof (IAM User Guide, global condition keys: aws:MultiFactorAuthAge).
  const mfaAt = caller.mfaAuthenticatedAt ?? caller.session?.mfaAuthenticatedAt;
  if (caller.session || mfaAt !== undefined) {
    ctx['aws:MultiFactorAuthPresent'] = mfaAt !== undefined || caller.session?.mfa ? 'true' : 'false';
  }
  if (mfaAt !== undefined) ctx['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor((facts.now.getTime() - mfaAt) / 1000)));
  // Session tags override the principal's own tags of the same key.
  const tags = new Map<string, string>();
  for (const t of principalTags) tags.set(t.Key.toLowerCase(), `${t.Key}\u0000${t.Value}`);
  for (const t of caller.session?.tags ?? []) tags.set(t.Key.toLowerCase(), `${t.Key}\u0000${t.Value}`);
  for (const kv of tags.values()) {
    const [k, v] = kv.split('\u0000');
    ctx[`aws:PrincipalTag/${k}`] = v;
  }
  return ctx;
}

export function resourceTagContext(ctx: Record<string, ContextValue>, tags: readonly Tag[] | undefined) {
  for (const t of tags ?? []) {
    ctx[`aws:ResourceTag/${t.Key}`] = t.Value;
    ctx[`iam:ResourceTag/${t.Key}`] = t.Value;
  }
}
