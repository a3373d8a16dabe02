import type { GenerateServiceLastAccessedDetailsRequest, GenerateServiceLastAccessedDetailsResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { generateAccessReport } from './access-reports.js';

// The report is computed here, from the decision log as it stands, so the job is already COMPLETED
// when its id is answered (AWS's jobs run for a while and report IN_PROGRESS first).
export const GenerateServiceLastAccessedDetails: Handler<GenerateServiceLastAccessedDetailsRequest, GenerateServiceLastAccessedDetailsResponse> = async (input, ctx) => {
  const report = await generateAccessReport(ctx.store, ctx.accountId, input.Arn, input.Granularity ?? 'SERVICE_LEVEL', ctx.now);
  await ctx.store.accessReports.put(report);
  return { JobId: report.jobId };
};
