// The service last-accessed reports on SQLite: one row per (account, job id), the report as JSON
// text. No other table's SQL.
import type Database from 'better-sqlite3';
import type { AccessReportRecord, AccessReportTable } from '../contract/access-reports.js';
import type { Gate } from './lock.js';

/** What reset removes: every report. */
export const accessReportsResetSql = 'DELETE FROM access_reports';

export function sqliteAccessReportTable(db: Database.Database, gate: Gate): AccessReportTable {
  const get = db.prepare('SELECT data FROM access_reports WHERE account_id = ? AND job_id = ?').pluck();
  const put = db.prepare('INSERT INTO access_reports (account_id, job_id, created, data) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, job_id) DO UPDATE SET data = excluded.data');
  return {
    async get(accountId, jobId) {
      await gate();
      const d = get.get(accountId, jobId) as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as AccessReportRecord);
    },
    async put(r) {
      await gate();
      put.run(r.accountId, r.jobId, r.createDate, JSON.stringify(r));
    },
  };
}
