// The target role of AssumeRole*: found by ARN in its own account, and the session limits AWS
// applies (the role's MaxSessionDuration, one hour when chaining).
import { AccessDenied, ValidationError } from '../../protocol/errors.js';
import type { RoleRecord, StoreTables } from '../../store/types.js';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[^/]+\/)*([^/]+)$/;

/** AWS does not tell a caller whether a role exists: a missing role is an AccessDenied. */
export async function targetRole(t: StoreTables, roleArn: string, callerArn: string, action: string): Promise<{ account: string; role: RoleRecord }> {
  const m = ROLE_ARN.exec(roleArn);
  const role = m ? await t.roles.get(m[1], m[2]) : undefined;
  if (!m || !role || role.arn !== roleArn) {
    throw AccessDenied(`User: ${callerArn} is not authorized to perform: ${action} on resource: ${roleArn}`);
  }
  return { account: m[1], role };
}

export function sessionDuration(requested: number | undefined, role: RoleRecord, chained: boolean): number {
  const duration = requested ?? 3600;
  if (chained && duration > 3600) {
    throw ValidationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration > role.maxSessionDuration) {
    throw ValidationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  return duration;
}

/** The assumed-role ARN leaves the role's path out, as AWS's does. */
export const assumedRoleArn = (account: string, roleName: string, session: string) => `arn:aws:sts::${account}:assumed-role/${roleName}/${session}`;
