// Permissions boundaries: a managed policy ARN that must exist and be attachable.
import { InvalidInputException, NoSuchEntityException } from '../../generated/iam/errors.js';
import type { AttachedPermissionsBoundary } from '../../generated/iam/shapes.js';
import type { StoreTables } from '../../store/types.js';
import { findPolicy } from '../../directory/managed-policies.js';
import { parsePolicyArn } from '../../directory/arns.js';

export async function checkBoundary(t: StoreTables, account: string, arn: string): Promise<string> {
  if (!parsePolicyArn(arn)) throw new InvalidInputException(`ARN ${arn} is not valid.`);
  if (!(await findPolicy(t, account, arn))) throw new NoSuchEntityException(`Scope ARN: ${arn} does not exist or is not attachable.`);
  return arn;
}

/**
 * A boundary as users, roles and GetAccountAuthorizationDetails show it. AWS answers
 * PermissionsBoundaryType "Policy", although its model's enum names the value
 * "PermissionsBoundaryPolicy" (the AWS CLI's put-user-permissions-boundary example, and every
 * recorded GetRole/GetUser answer, show "Policy").
 */
export function attachedBoundary(arn: string | undefined): { PermissionsBoundary?: AttachedPermissionsBoundary } {
  return arn ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy' as unknown as AttachedPermissionsBoundary['PermissionsBoundaryType'], PermissionsBoundaryArn: arn } } : {};
}
