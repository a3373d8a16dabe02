import type { ListAttachedGroupPoliciesRequest, ListAttachedGroupPoliciesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { listAttached } from './attachments.js';

export const ListAttachedGroupPolicies: Handler<ListAttachedGroupPoliciesRequest, ListAttachedGroupPoliciesResponse> = async (input, ctx) =>
  listAttached(ctx, 'group', input.GroupName, input.PathPrefix, input.Marker, input.MaxItems);
