// GetAccessKeyInfo: the account an access key belongs to, read from the key id as AWS's are.
import type { GetAccessKeyInfoRequest, GetAccessKeyInfoResponse } from '../../generated/sts/shapes.js';
import { InvalidParameterValue } from '../../protocol/errors.js';
import type { Handler } from '../types.js';
import { accountOfAccessKeyId } from '../../shared/ids.js';

export const GetAccessKeyInfo: Handler<GetAccessKeyInfoRequest, GetAccessKeyInfoResponse> = async ({ AccessKeyId }, ctx) => {
  const stored = await ctx.store.accessKeys.get(AccessKeyId);
  const account = stored?.accountId ?? accountOfAccessKeyId(AccessKeyId);
  if (!account) throw InvalidParameterValue(`The access key ID ${AccessKeyId} is not valid.`);
  return { Account: account };
};
