// The service last-accessed reports' contract: one record per GenerateServiceLastAccessedDetails
// job, computed when it is generated and read back by its id. Engine-neutral: no SQL, no engine types.

export interface AccessReportEntity { arn: string; name: string; type: 'USER' | 'ROLE' | 'GROUP'; id: string; path: string }

export interface AccessReportService {
  namespace: string;
  /** Newest allowed request of the service by any reported entity, and that entity's ARN. */
  lastAuthenticated?: string;
  lastAuthenticatedEntity?: string;
  /** Per entity ARN, its newest allowed request of the service. */
  entities: Record<string, string>;
  /** ACTION_LEVEL only: the actions requested, each with its newest time and entity. */
  actions?: { name: string; time: string; entity: string }[];
}

export interface AccessReportRecord {
  /** A UUID, 36 characters. */
  jobId: string;
  accountId: string;
  arn: string;
  granularity: 'SERVICE_LEVEL' | 'ACTION_LEVEL';
  createDate: string;
  completionDate: string;
  /** The entities whose requests count: the user or role itself, or a group's members. */
  entities: AccessReportEntity[];
  /** Every service the entity's policies grant, ordered by namespace. */
  services: AccessReportService[];
}

export interface AccessReportTable {
  get(accountId: string, jobId: string): Promise<AccessReportRecord | undefined>;
  put(report: AccessReportRecord): Promise<void>;
}
