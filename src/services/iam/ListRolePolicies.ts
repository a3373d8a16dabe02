import type { ListRolePoliciesRequest, ListRolePoliciesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { listInline } from './inline-policies.js';

export const ListRolePolicies: Handler<ListRolePoliciesRequest, ListRolePoliciesResponse> = async (input, ctx) =>
  listInline(ctx, 'role', input.RoleName, input.Marker, input.MaxItems);
