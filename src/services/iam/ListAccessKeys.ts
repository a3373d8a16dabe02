import type { ListAccessKeysRequest, ListAccessKeysResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { keyMetadata, keyOwner } from './access-keys.js';
import { pageList } from './pages.js';

export const ListAccessKeys: Handler<ListAccessKeysRequest, ListAccessKeysResponse> = async (input, ctx) => {
  const owner = await keyOwner(ctx.store, ctx, input.UserName);
  const keys = await ctx.store.accessKeys.forUser(ctx.accountId, owner);
  const page = pageList(keys.map(keyMetadata), input.Marker, input.MaxItems);
  return { AccessKeyMetadata: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};
