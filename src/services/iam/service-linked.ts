// Service-linked roles: the roles under /aws-service-role/, which only CreateServiceLinkedRole makes
// (CreateRole refuses the path) and only DeleteServiceLinkedRole removes. The ordinary operations
// that change a role's trust, permissions, boundary or membership refuse them with UnmodifiableEntity,
// as IAM does; reading them, tagging them and editing their description stay open.
import { createHash } from 'node:crypto';
import { InvalidInputException, UnmodifiableEntityException } from '../../generated/iam/errors.js';
import type { RoleRecord } from '../../store/types.js';

export const SERVICE_LINKED_PATH = '/aws-service-role/';

export const isServiceLinked = (role: Pick<RoleRecord, 'path'>) => role.path.startsWith(SERVICE_LINKED_PATH);

/** Throws IAM's UnmodifiableEntity (400) when the role is service-linked. */
export function refuseServiceLinked(role: RoleRecord): void {
  if (isServiceLinked(role)) {
    throw new UnmodifiableEntityException(`Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`);
  }
}

/** CreateRole may not put a role under the service-linked path (InvalidInput, 400). */
export function refuseServiceLinkedPath(path: string): void {
  if (path.startsWith(SERVICE_LINKED_PATH)) {
    throw new InvalidInputException(`Path prefix '${SERVICE_LINKED_PATH}' can only be used for AWS Service linked Roles`);
  }
}

// Deletion tasks. rolegate deletes a service-linked role at once, so a task has succeeded by the time
// its id is handed out. The id has AWS's form, task/aws-service-role/<service>/<role-name>/<uuid>,
// with the uuid derived from the account and the deleted role's unique id: a later
// GetServiceLinkedRoleDeletionStatus reads the task back from the id alone, needing no stored record.

const TASK = /^task(\/aws-service-role\/[^/]+\/)([\w+=,.@-]{1,64})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function taskUuid(account: string, role: Pick<RoleRecord, 'id' | 'arn'>): string {
  const h = createHash('sha256').update(`${account}\n${role.arn}\n${role.id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function deletionTaskId(account: string, role: RoleRecord): string {
  return `task${role.path}${role.name}/${taskUuid(account, role)}`;
}

export interface ParsedTask { path: string; roleName: string; uuid: string }

export function parseDeletionTaskId(id: string): ParsedTask | undefined {
  const m = TASK.exec(id);
  return m ? { path: m[1], roleName: m[2], uuid: m[3] } : undefined;
}

/** Whether `role`, still present, is the one the task would have deleted (then there was no such task). */
export const taskNamesRole = (account: string, task: ParsedTask, role: RoleRecord) =>
  role.path === task.path && taskUuid(account, role) === task.uuid;
