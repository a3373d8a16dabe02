// The IAM principal a PolicySourceArn names (a user, group or role of the caller's account) and
// its policies, for SimulatePrincipalPolicy and GetContextKeysForPrincipalPolicy.
import { InvalidInputException, NoSuchEntityException } from '../../generated/iam/errors.js';
import { groupPolicies, rolePolicies, userPolicies, type PrincipalPolicies } from '../../directory/principal-policies.js';
import type { StoreTables } from '../../store/types.js';

export interface PolicySource { kind: 'user' | 'group' | 'role'; name: string; arn: string; policies: PrincipalPolicies }

/** `partition`: the request's, in which AWS managed policies name their resources. */
export async function policySource(t: StoreTables, account: string, arn: string, partition: string): Promise<PolicySource> {
  const m = /^arn:aws:iam::(\d{12}):(user|group|role)(\/(?:[^/]+\/)*)?([^/]+)$/.exec(arn);
  if (!m) throw new InvalidInputException(`Invalid ARN ${arn}: the policy source must be an IAM user, group or role.`);
  const [, owner, kind, , name] = m;
  const missing = () => new NoSuchEntityException(`The ${kind} with name ${name} cannot be found.`);
  if (owner !== account) throw missing();
  if (kind === 'user') {
    const u = await t.users.get(account, name);
    if (!u || u.arn !== arn) throw missing();
    return { kind, name: u.name, arn, policies: await userPolicies(t, account, u.name, partition) };
  }
  if (kind === 'role') {
    const r = await t.roles.get(account, name);
    if (!r || r.arn !== arn) throw missing();
    return { kind, name: r.name, arn, policies: await rolePolicies(t, account, r.name, partition) };
  }
  const g = await t.groups.get(account, name);
  if (!g || g.arn !== arn) throw missing();
  return { kind: 'group', name: g.name, arn, policies: await groupPolicies(t, account, g.name, partition) };
}
