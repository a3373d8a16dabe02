import type { ListUserPoliciesRequest, ListUserPoliciesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { listInline } from './inline-policies.js';

export const ListUserPolicies: Handler<ListUserPoliciesRequest, ListUserPoliciesResponse> = async (input, ctx) =>
  listInline(ctx, 'user', input.UserName, input.Marker, input.MaxItems);
