import type { SimulateCustomPolicyRequest, SimulatePolicyResponse } from '../../generated/iam/shapes.js';
import { InvalidInputException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { arnInPartition } from '../../shared/partitions.js';
import { accountOf, checkSimulationInput, contextFrom, inputPolicies, simulate } from './simulation.js';

export const SimulateCustomPolicy: Handler<SimulateCustomPolicyRequest, SimulatePolicyResponse> = async (input, ctx) => {
  checkSimulationInput(input.ActionNames, input.CallerArn);
  const resourcePolicy = input.ResourcePolicy ? inputPolicies([input.ResourcePolicy], 'ResourcePolicy', 'resource')[0] : undefined;
  if (resourcePolicy && !input.CallerArn) {
    throw new InvalidInputException('CallerArn is required when ResourcePolicy is given, so that the policy\'s Principal element has a value to evaluate.');
  }
  // Decided in the request's partition, as the authorize step decides (src/authz/partition.ts).
  const principal = arnInPartition(input.CallerArn ?? `arn:aws:iam::${ctx.accountId}:root`, ctx.partition);
  const callerAccount = accountOf(principal) ?? ctx.accountId;
  const owner = accountOf(input.ResourceOwner) ?? callerAccount;
  return simulate({
    actions: input.ActionNames,
    resources: input.ResourceArns?.length ? input.ResourceArns.map((r) => arnInPartition(r, ctx.partition)) : ['*'],
    principal,
    context: contextFrom(input.ContextEntries),
    identity: inputPolicies(input.PolicyInputList, 'PolicyInputList', 'identity'),
    boundary: input.PermissionsBoundaryPolicyInputList?.length ? inputPolicies(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', 'boundary') : undefined,
    resourcePolicy,
    crossAccount: Boolean(resourcePolicy) && owner !== callerAccount,
    resourcesGiven: Boolean(input.ResourceArns?.length),
    marker: input.Marker,
    maxItems: input.MaxItems,
  });
};
