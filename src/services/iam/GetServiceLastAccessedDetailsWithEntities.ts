import type { GetServiceLastAccessedDetailsWithEntitiesRequest, GetServiceLastAccessedDetailsWithEntitiesResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requireAccessReport } from './access-reports.js';
import { pageList } from './pages.js';

// Every entity the report tracks (the user or role, or the group's members), each with its newest
// allowed request of the service when it made one; most recent first, then those that never did by name.
export const GetServiceLastAccessedDetailsWithEntities: Handler<GetServiceLastAccessedDetailsWithEntitiesRequest, GetServiceLastAccessedDetailsWithEntitiesResponse> = async (input, ctx) => {
  const r = await requireAccessReport(ctx.store, ctx.accountId, input.JobId);
  const times = r.services.find((s) => s.namespace === input.ServiceNamespace.toLowerCase())?.entities ?? {};
  const entities = [...r.entities].sort((a, b) => (times[b.arn] ?? '').localeCompare(times[a.arn] ?? '') || a.name.localeCompare(b.name));
  const details = entities.map((e) => ({
    EntityInfo: { Arn: e.arn, Name: e.name, Type: e.type, Id: e.id, Path: e.path },
    ...(times[e.arn] ? { LastAuthenticated: new Date(times[e.arn]) } : {}),
  }));
  const page = pageList(details, input.Marker, input.MaxItems);
  return {
    JobStatus: 'COMPLETED', JobCreationDate: new Date(r.createDate), JobCompletionDate: new Date(r.completionDate),
    EntityDetailsList: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}),
  };
};
