import type { GetCredentialReportResponse } from '../../generated/iam/shapes.js';
import { CredentialReportExpiredException, CredentialReportNotPresentException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';

export const GetCredentialReport: Handler<Record<string, never>, GetCredentialReportResponse> = async (_input, ctx) => {
  const report = await ctx.store.accountSettings.getCredentialReport(ctx.accountId);
  if (!report) {
    throw new CredentialReportNotPresentException('The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.');
  }
  if (ctx.now.getTime() - Date.parse(report.generatedTime) >= ctx.settings.iam.credentialReportMs) {
    throw new CredentialReportExpiredException('The request was rejected because the most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport. For more information about credential report expiration, see Getting credential reports in the IAM User Guide.');
  }
  // The arn column in the request's partition: `,arn:aws:iam::ACCOUNT:` begins it and nothing else (names have no colon).
  const csv = ctx.partition === 'aws' ? report.csv : report.csv.replaceAll(`,arn:aws:iam::${ctx.accountId}:`, `,arn:${ctx.partition}:iam::${ctx.accountId}:`);
  return { Content: new Uint8Array(Buffer.from(csv, 'utf8')), ReportFormat: 'text/csv', GeneratedTime: new Date(report.generatedTime) };
};
