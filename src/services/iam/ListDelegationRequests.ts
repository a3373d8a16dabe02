// ListDelegationRequests: the requests of the caller's account that have an owner (an assigned
// account without an owner id is not listed: API Reference, ListDelegationRequests), oldest first,
// only OwnerId's when given; IAM's Marker and MaxItems. The answer's truncation flag is the model's
// lower-case `isTruncated`.
import type { ListDelegationRequestsRequest, ListDelegationRequestsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { delegationRequestShape } from './delegation-requests.js';
import { pageList } from './pages.js';

export const ListDelegationRequests: Handler<ListDelegationRequestsRequest, ListDelegationRequestsResponse> = async (input, ctx) => {
  const all = await ctx.store.delegationRequests.listOwnedBy(ctx.caller.accountId);
  const matching = input.OwnerId === undefined ? all : all.filter((r) => r.ownerId === input.OwnerId);
  const page = pageList(matching, input.Marker, input.MaxItems);
  return {
    DelegationRequests: page.items.map((r) => delegationRequestShape(r, ctx.now, ctx.settings.iam)),
    isTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
  };
};
