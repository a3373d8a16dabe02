import type { ListMFADeviceTagsRequest, ListMFADeviceTagsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireDevice } from './mfa-devices.js';
import { pageTags } from './tags.js';

export const ListMFADeviceTags: Handler<ListMFADeviceTagsRequest, ListMFADeviceTagsResponse> = async (input, ctx) => {
  const device = await requireDevice(ctx.store, ctx.accountId, input.SerialNumber);
  return pageTags(device.tags, input.Marker, input.MaxItems);
};
