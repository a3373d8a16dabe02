import type { CreateGroupRequest, CreateGroupResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, LimitExceededException } from '../../generated/iam/errors.js';
import type { GroupRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { uniqueId } from '../../shared/ids.js';
import { groupArn } from '../../directory/arns.js';
import { groupShape } from './groups.js';
import { limits } from './limits.js';

export const CreateGroup: Handler<CreateGroupRequest, CreateGroupResponse> = async (input, ctx) => {
  const path = input.Path ?? '/';
  return ctx.store.transaction(async (t) => {
    if (await t.groups.get(ctx.accountId, input.GroupName)) {
      throw new EntityAlreadyExistsException(`Group with name ${input.GroupName} already exists.`);
    }
    if ((await t.groups.count(ctx.accountId)) >= limits.groupsPerAccount) {
      throw new LimitExceededException(`Cannot exceed quota for GroupsPerAccount: ${limits.groupsPerAccount}`);
    }
    const group: GroupRecord = {
      name: input.GroupName,
      id: uniqueId('AGPA'),
      path,
      arn: groupArn(ctx.accountId, path, input.GroupName),
      createDate: ctx.now.toISOString(),
    };
    await t.groups.create(ctx.accountId, group);
    return { Group: groupShape(group) };
  });
};
