import type { ListAttachedRolePoliciesRequest, ListAttachedRolePoliciesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { listAttached } from './attachments.js';

export const ListAttachedRolePolicies: Handler<ListAttachedRolePoliciesRequest, ListAttachedRolePoliciesResponse> = async (input, ctx) =>
  listAttached(ctx, 'role', input.RoleName, input.PathPrefix, input.Marker, input.MaxItems);
