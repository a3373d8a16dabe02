// The status of a DeleteServiceLinkedRole task. rolegate's deletions finish at once, so a task it
// handed out reports SUCCEEDED; an id not of the task form answers InvalidInput, and one naming a
// service-linked role that is still there (a deletion rolegate never ran) NoSuchEntity.
import type { GetServiceLinkedRoleDeletionStatusRequest, GetServiceLinkedRoleDeletionStatusResponse } from '../../generated/iam/shapes.js';
import { InvalidInputException, NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { parseDeletionTaskId, taskNamesRole } from './service-linked.js';

export const GetServiceLinkedRoleDeletionStatus: Handler<GetServiceLinkedRoleDeletionStatusRequest, GetServiceLinkedRoleDeletionStatusResponse> = async ({ DeletionTaskId }, ctx) => {
  const task = parseDeletionTaskId(DeletionTaskId);
  if (!task) throw new InvalidInputException(`Invalid deletion task id: ${DeletionTaskId}`);
  const role = await ctx.store.roles.get(ctx.accountId, task.roleName);
  if (role && taskNamesRole(ctx.accountId, task, role)) throw new NoSuchEntityException(`Deletion task ${DeletionTaskId} cannot be found.`);
  return { Status: 'SUCCEEDED' };
};
