// STS's resources as the engine sees them. sts:AssumeRole is decided on the target role, in the
// role's account, with its trust policy as the resource-based policy, whichever account it is in;
// passing session tags and source identities are further actions on the same role.
import { callScope, str, type ResourceResolver } from './types.js';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[^/]+\/)*([^/]+)$/;

/** The role named by the ARN in `name`, its trust policy (null when no such role), and sts:TagSession / sts:SetSourceIdentity as needed. */
const role: ResourceResolver = async (source, input, facts) => {
  const { store, caller } = callScope(facts);
  const roleArn = String((source.name ? input[source.name] : undefined) ?? '');
  const m = ROLE_ARN.exec(roleArn);
  const account = m?.[1] ?? facts.account;
  const found = m ? await store.roles.get(account, m[2]) : undefined;
  const r = found && found.arn === roleArn ? found : undefined;
  // Passing session tags (or carrying a chained session's transitive tags) needs sts:TagSession, and
  // setting or carrying a source identity needs sts:SetSourceIdentity, both allowed like
  // sts:AssumeRole itself (IAM User Guide: "Passing session tags in AWS STS", "Monitor and control
  // actions taken with assumed roles").
  const also: string[] = [];
  const session = caller.type === 'assumed-role' ? caller.session : undefined;
  const tags = Array.isArray(input.Tags) && input.Tags.length > 0;
  const transitive = Array.isArray(input.TransitiveTagKeys) && input.TransitiveTagKeys.length > 0;
  if (tags || transitive || (session?.transitiveTagKeys?.length ?? 0) > 0) also.push('sts:TagSession');
  if (str(input.SourceIdentity) !== undefined || session?.sourceIdentity !== undefined) also.push('sts:SetSourceIdentity');
  return {
    resource: roleArn,
    account,
    trust: r ? { id: `trust:${r.arn}`, document: r.assumeRolePolicyDocument } : null,
    ...(also.length ? { also } : {}),
  };
};

/**
 * AssumeRoot's target, arn:aws:iam::MEMBER:root, from TargetPrincipal (an account id or that ARN).
 * The caller's own identity policies decide it: a root has no resource policy, and the member
 * account's side is the organization's (the handler checks it), so the request is not cross-account.
 */
const root: ResourceResolver = async (source, input, facts) => {
  const target = String((source.name ? input[source.name] : undefined) ?? '');
  const account = /^\d{12}$/.test(target) ? target : /^arn:aws:iam::(\d{12}):root$/.exec(target)?.[1];
  return { resource: account ? `arn:aws:iam::${account}:root` : target, account: facts.account };
};

export const stsResourceResolvers: Record<string, ResourceResolver> = { 'sts:role': role, 'sts:root': root };
