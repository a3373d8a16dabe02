import type { CreateInstanceProfileRequest, CreateInstanceProfileResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, LimitExceededException } from '../../generated/iam/errors.js';
import type { InstanceProfileRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { uniqueId } from '../../shared/ids.js';
import { instanceProfileArn } from '../../directory/arns.js';
import { instanceProfileShape } from './instance-profiles.js';
import { limits } from './limits.js';
import { checkNewTags } from './tags.js';

export const CreateInstanceProfile: Handler<CreateInstanceProfileRequest, CreateInstanceProfileResponse> = async (input, ctx) => {
  const path = input.Path ?? '/';
  const tags = checkNewTags(input.Tags);
  return ctx.store.transaction(async (t) => {
    if (await t.instanceProfiles.get(ctx.accountId, input.InstanceProfileName)) {
      throw new EntityAlreadyExistsException(`Instance Profile ${input.InstanceProfileName} already exists.`);
    }
    if ((await t.instanceProfiles.count(ctx.accountId)) >= limits.instanceProfilesPerAccount) {
      throw new LimitExceededException(`Cannot exceed quota for InstanceProfilesPerAccount: ${limits.instanceProfilesPerAccount}`);
    }
    const profile: InstanceProfileRecord = {
      name: input.InstanceProfileName,
      id: uniqueId('AIPA'),
      path,
      arn: instanceProfileArn(ctx.accountId, path, input.InstanceProfileName),
      createDate: ctx.now.toISOString(),
      tags,
      roles: [],
    };
    await t.instanceProfiles.create(ctx.accountId, profile);
    return { InstanceProfile: await instanceProfileShape(t, ctx.accountId, profile, ctx.partition) };
  });
};
