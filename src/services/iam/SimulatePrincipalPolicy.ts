import type { SimulatePolicyResponse, SimulatePrincipalPolicyRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { arnInPartition } from '../../shared/partitions.js';
import { policySource } from './principal-sources.js';
import { InvalidInputException } from '../../generated/iam/errors.js';
import { accountOf, checkSimulationInput, contextFrom, inputPolicies, simulate, type NamedPolicy } from './simulation.js';

/**
 * The principal's own policies (its groups' too, for a user) plus PolicyInputList; the given
 * boundary documents replace the principal's boundary, as AWS's simulator does.
 */
export const SimulatePrincipalPolicy: Handler<SimulatePrincipalPolicyRequest, SimulatePolicyResponse> = async (input, ctx) => {
  checkSimulationInput(input.ActionNames, input.CallerArn);
  const source = await policySource(ctx.store, ctx.accountId, input.PolicySourceArn, ctx.partition);
  if (input.ResourcePolicy && !input.CallerArn && source.kind !== 'user') {
    throw new InvalidInputException('CallerArn is required when ResourcePolicy is given and PolicySourceArn is not an IAM user.');
  }
  // IAM's simulator reports every identity policy, inline or managed, as SourcePolicyType "IAM Policy".
  const own: NamedPolicy[] = source.policies.identity.map((p) => ({ id: p.id, policy: p.policy, sourceId: p.name, sourceType: 'IAM Policy' }));
  const boundary = input.PermissionsBoundaryPolicyInputList?.length
    ? inputPolicies(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', 'boundary')
    : source.policies.boundary
      ? [{ id: source.policies.boundary.id, policy: source.policies.boundary.policy, sourceId: source.policies.boundary.name, sourceType: 'PermissionsBoundaryPolicy' }]
      : undefined;
  const resourcePolicy = input.ResourcePolicy ? inputPolicies([input.ResourcePolicy], 'ResourcePolicy', 'resource')[0] : undefined;
  // Decided in the request's partition, as the authorize step decides (src/authz/partition.ts).
  const principal = arnInPartition(input.CallerArn ?? source.arn, ctx.partition);
  const callerAccount = accountOf(principal) ?? ctx.accountId;
  const owner = accountOf(input.ResourceOwner) ?? callerAccount;
  return simulate({
    actions: input.ActionNames,
    resources: input.ResourceArns?.length ? input.ResourceArns.map((r) => arnInPartition(r, ctx.partition)) : ['*'],
    principal,
    context: contextFrom(input.ContextEntries),
    identity: [...own, ...inputPolicies(input.PolicyInputList, 'PolicyInputList', 'identity')],
    boundary,
    resourcePolicy,
    crossAccount: Boolean(resourcePolicy) && owner !== callerAccount,
    resourcesGiven: Boolean(input.ResourceArns?.length),
    marker: input.Marker,
    maxItems: input.MaxItems,
  });
};
