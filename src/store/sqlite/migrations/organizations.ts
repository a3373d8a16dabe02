// The schema of the organization's IAM state on SQLite: the centralized root access features enabled
// per organization, and the organizations access reports by job id. An applied version is never edited: a change is a new version.
import type { Migration } from '../migrate.js';

export const organizationMigrations: readonly Migration[] = [
  {
    version: 80,
    sql: `
CREATE TABLE organization_features (organization_id TEXT NOT NULL, feature TEXT NOT NULL, enabled TEXT NOT NULL, PRIMARY KEY (organization_id, feature));
CREATE TABLE organizations_access_reports (account_id TEXT NOT NULL, job_id TEXT NOT NULL, created TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (account_id, job_id));
`,
  },
];
