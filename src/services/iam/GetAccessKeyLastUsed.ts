import type { GetAccessKeyLastUsedRequest, GetAccessKeyLastUsedResponse } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';

// A key never used answers N/A for region and service and no date (IAM API Reference, AccessKeyLastUsed).
export const GetAccessKeyLastUsed: Handler<GetAccessKeyLastUsedRequest, GetAccessKeyLastUsedResponse> = async ({ AccessKeyId }, ctx) => {
  const key = await ctx.store.accessKeys.get(AccessKeyId);
  if (!key || key.accountId !== ctx.accountId) throw new NoSuchEntityException(`The Access Key with id ${AccessKeyId} cannot be found.`);
  const used = key.lastUsed;
  return {
    ...(key.userName !== null ? { UserName: key.userName } : {}),
    AccessKeyLastUsed: used
      ? { LastUsedDate: new Date(used.date), ServiceName: used.serviceName, Region: used.region }
      : { Region: 'N/A', ServiceName: 'N/A' },
  };
};
