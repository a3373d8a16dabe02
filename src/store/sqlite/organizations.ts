// The organization aggregate on SQLite: one row per enabled feature, and the organizations access
// reports as JSON text by (account, job id). No other table's SQL.
import type Database from 'better-sqlite3';
import type { OrganizationFeature, OrganizationsAccessReportRecord, OrganizationTable } from '../contract/organizations.js';
import type { Gate } from './lock.js';

/** What reset removes: every enabled feature and every report. */
export const organizationsResetSql = 'DELETE FROM organization_features; DELETE FROM organizations_access_reports';

export function sqliteOrganizationTable(db: Database.Database, gate: Gate): OrganizationTable {
  const list = db.prepare('SELECT feature FROM organization_features WHERE organization_id = ?').pluck();
  const enable = db.prepare('INSERT INTO organization_features (organization_id, feature, enabled) VALUES (?, ?, ?) ON CONFLICT (organization_id, feature) DO NOTHING');
  const disable = db.prepare('DELETE FROM organization_features WHERE organization_id = ? AND feature = ?');
  const getReport = db.prepare('SELECT data FROM organizations_access_reports WHERE account_id = ? AND job_id = ?').pluck();
  const putReport = db.prepare('INSERT INTO organizations_access_reports (account_id, job_id, created, data) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, job_id) DO UPDATE SET data = excluded.data');
  return {
    async features(organizationId) {
      await gate();
      return list.all(organizationId) as OrganizationFeature[];
    },
    async setFeature(organizationId, feature, enabled, now) {
      await gate();
      if (enabled) enable.run(organizationId, feature, now);
      else disable.run(organizationId, feature);
    },
    async getAccessReport(accountId, jobId) {
      await gate();
      const d = getReport.get(accountId, jobId) as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as OrganizationsAccessReportRecord);
    },
    async putAccessReport(r) {
      await gate();
      putReport.run(r.accountId, r.jobId, r.createDate, JSON.stringify(r));
    },
  };
}
