import type { GetServiceLastAccessedDetailsRequest, GetServiceLastAccessedDetailsResponse, ServiceLastAccessed } from '../../generated/iam/shapes.js';
import type { AccessReportService } from '../../store/types.js';
import type { Handler } from '../types.js';
import { requireAccessReport, serviceDisplayName } from './access-reports.js';
import { pageList } from './pages.js';

function serviceShape(s: AccessReportService): ServiceLastAccessed {
  return {
    ServiceName: serviceDisplayName(s.namespace), ServiceNamespace: s.namespace,
    TotalAuthenticatedEntities: Object.keys(s.entities).length,
    ...(s.lastAuthenticated ? { LastAuthenticated: new Date(s.lastAuthenticated), LastAuthenticatedEntity: s.lastAuthenticatedEntity } : {}),
    ...(s.actions
      ? { TrackedActionsLastAccessed: s.actions.map((a) => ({ ActionName: a.name, LastAccessedEntity: a.entity, LastAccessedTime: new Date(a.time) })) }
      : {}),
  };
}

export const GetServiceLastAccessedDetails: Handler<GetServiceLastAccessedDetailsRequest, GetServiceLastAccessedDetailsResponse> = async (input, ctx) => {
  const r = await requireAccessReport(ctx.store, ctx.accountId, input.JobId);
  const page = pageList(r.services.map(serviceShape), input.Marker, input.MaxItems);
  return {
    JobStatus: 'COMPLETED', JobType: r.granularity, JobCreationDate: new Date(r.createDate), JobCompletionDate: new Date(r.completionDate),
    ServicesLastAccessed: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}),
  };
};
