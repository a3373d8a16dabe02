import type { ListAttachedUserPoliciesRequest, ListAttachedUserPoliciesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { listAttached } from './attachments.js';

export const ListAttachedUserPolicies: Handler<ListAttachedUserPoliciesRequest, ListAttachedUserPoliciesResponse> = async (input, ctx) =>
  listAttached(ctx, 'user', input.UserName, input.PathPrefix, input.Marker, input.MaxItems);
