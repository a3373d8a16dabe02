import type { ListGroupPoliciesRequest, ListGroupPoliciesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { listInline } from './inline-policies.js';

export const ListGroupPolicies: Handler<ListGroupPoliciesRequest, ListGroupPoliciesResponse> = async (input, ctx) =>
  listInline(ctx, 'group', input.GroupName, input.Marker, input.MaxItems);
