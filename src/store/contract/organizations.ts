// The organization aggregate's contract: the centralized root access features IAM has enabled for
// an organization, and the organizations access reports (GenerateOrganizationsAccessReport jobs),
// computed when generated and read back by id. Engine-neutral: no SQL and no engine types.

/** IAM's centralized root access features, as ListOrganizationsFeatures names them. */
export type OrganizationFeature = 'RootCredentialsManagement' | 'RootSessions';

/** One service of a completed report: the newest attempt by a principal of the reported entity's accounts. */
export interface OrganizationsAccessService {
  namespace: string;
  /** ISO 8601; absent when no principal in the entity attempted the service. */
  lastAuthenticated?: string;
  /** The account path (o-…/r-…/ACCOUNT) of that newest attempt. */
  entityPath?: string;
  region?: string;
  /** How many of the entity's accounts had a principal attempt the service. */
  accounts: number;
}

export interface OrganizationsAccessReportRecord {
  /** A UUID, 36 characters. */
  jobId: string;
  /** The account that generated it (the management account; another gets a failed job). */
  accountId: string;
  entityPath: string;
  policyId?: string;
  createDate: string;
  completionDate: string;
  status: 'COMPLETED' | 'FAILED';
  /** FAILED: why, as Organizations answered it. */
  error?: { code: string; message: string };
  /** COMPLETED: every service the entity's SCPs allow, ordered by namespace. */
  services: OrganizationsAccessService[];
}

export interface OrganizationTable {
  /** The features enabled for the organization, in no particular order. */
  features(organizationId: string): Promise<OrganizationFeature[]>;
  /** Enables or disables one feature; either is a no-op when it is already so. */
  setFeature(organizationId: string, feature: OrganizationFeature, enabled: boolean, now: string): Promise<void>;
  getAccessReport(accountId: string, jobId: string): Promise<OrganizationsAccessReportRecord | undefined>;
  putAccessReport(report: OrganizationsAccessReportRecord): Promise<void>;
}
