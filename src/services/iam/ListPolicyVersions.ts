import type { ListPolicyVersionsRequest, ListPolicyVersionsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requirePolicy } from './lookups.js';
import { pageList } from './pages.js';
import { versionShape } from './policies.js';

/** Newest first, as AWS lists them. */
export const ListPolicyVersions: Handler<ListPolicyVersionsRequest, ListPolicyVersionsResponse> = async (input, ctx) => {
  const p = await requirePolicy(ctx.store, ctx.accountId, input.PolicyArn);
  const all = [...p.versions].reverse().map((v) => versionShape(p, v.versionId, false)!);
  const page = pageList(all, input.Marker, input.MaxItems);
  return { Versions: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};
