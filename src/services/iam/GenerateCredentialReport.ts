import type { GenerateCredentialReportResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { credentialReportCsv } from './credential-report.js';

// IAM makes a new report only when the last is older than four hours (configurable); rolegate makes
// it at once, so the call that starts it answers STARTED and the report is ready for the next call,
// which answers COMPLETE.
export const GenerateCredentialReport: Handler<Record<string, never>, GenerateCredentialReportResponse> = async (_input, ctx) =>
  ctx.store.transaction(async (t) => {
    const last = await t.accountSettings.getCredentialReport(ctx.accountId);
    if (last && ctx.now.getTime() - Date.parse(last.generatedTime) < ctx.settings.iam.credentialReportMs) return { State: 'COMPLETE' as const };
    await t.accountSettings.putCredentialReport(ctx.accountId, { generatedTime: ctx.now.toISOString(), csv: await credentialReportCsv(t, ctx.accountId) });
    return { State: 'STARTED' as const, Description: 'No report exists. Starting a new report generation task' };
  });
