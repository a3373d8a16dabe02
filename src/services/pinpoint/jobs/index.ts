// Pinpoint's import and export jobs as the API shows them: CreateImportJob, GetImportJob,
// GetImportJobs, GetSegmentImportJobs, CreateExportJob, GetExportJob, GetExportJobs,
// GetSegmentExportJobs. Creating a job checks its request, queues the durable job that does the
// work (./import.ts, ./export.ts) and writes the job CREATED; reading one shows its progress.
import type { Operations } from '../../../generated/pinpoint/operations.js';
import type { ExportJobRequest, ImportJobRequest } from '../../../generated/pinpoint/shapes.js';
import type { PinpointJobRecord, PinpointJobType } from '../../../store/types.js';
import type { HandlerContext, ServiceHandlers } from '../../types.js';
import { badRequest, isoDate, listPage, newId, notFound, requireApp } from '../common.js';
import { jobResponse, parseS3Url, type JobData } from './common.js';
import { IMPORT_JOB_KIND, IMPORT_MAX_ATTEMPTS, importJobId } from './import.js';
import { EXPORT_JOB_KIND, EXPORT_MAX_ATTEMPTS, exportJobId } from './export.js';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;


function checkRole(ctx: HandlerContext, arn: unknown): string {
  if (typeof arn !== 'string' || !ROLE_ARN.test(arn)) throw badRequest(ctx, `Invalid RoleArn: ${String(arn ?? '').slice(0, 200)}`);
  return arn;
}

function newJob(ctx: HandlerContext, appId: string, type: PinpointJobType, definition: Record<string, unknown>, segmentId?: string): PinpointJobRecord {
  const now = ctx.now.getTime();
  const data: JobData = {
    ApplicationId: appId, Id: newId(), Type: type, JobStatus: 'CREATED', CreationDate: isoDate(now), Definition: definition,
    TotalPieces: 0, CompletedPieces: 0, FailedPieces: 0, TotalProcessed: 0, TotalFailures: 0, Failures: [],
    _accountId: ctx.accountId, _region: ctx.region,
  };
  return { appId, id: data.Id, type, ...(segmentId ? { segmentId } : {}), createdAt: now, data: data as unknown as Record<string, unknown> };
}

/** Queues the job's work, then writes it (a queued job whose record never came finds nothing to do). */
async function start(ctx: HandlerContext, job: PinpointJobRecord, kind: string, id: string, maxAttempts: number): Promise<void> {
  await ctx.jobs.enqueue({ id, kind, accountId: ctx.accountId, input: { appId: job.appId, jobId: job.id }, maxAttempts });
  await ctx.store.pinpoint.putJob(job);
}

async function list(ctx: HandlerContext, appId: string, type: PinpointJobType, segmentId: string | undefined, input: { PageSize?: string; Token?: string }) {
  await requireApp(ctx, appId);
  return listPage(ctx, input, (o) => ctx.store.pinpoint.listJobs(appId, type, segmentId, o), jobResponse, (j) => ctx.store.pinpoint.jobKey(j));
}

async function getJob(ctx: HandlerContext, appId: string, jobId: string, type: PinpointJobType) {
  await requireApp(ctx, appId);
  const job = await ctx.store.pinpoint.getJob(appId, jobId);
  if (!job || job.type !== type) throw notFound(ctx);
  return jobResponse(job);
}

export const handlers = {
  async CreateImportJob(input, ctx) {
    const r = (input.ImportJobRequest ?? {}) as ImportJobRequest;
    await requireApp(ctx, input.ApplicationId);
    if (r.Format !== 'CSV' && r.Format !== 'JSON') throw badRequest(ctx, `Invalid Format: ${String(r.Format)}. Valid values: CSV, JSON`);
    if (typeof r.S3Url !== 'string' || !parseS3Url(r.S3Url)) throw badRequest(ctx, `Invalid S3Url: ${String(r.S3Url ?? '').slice(0, 200)}. It must be an s3://bucket/path URL.`);
    const roleArn = checkRole(ctx, r.RoleArn);
    let segmentId = r.SegmentId;
    if (segmentId !== undefined) {
      const segment = await ctx.store.pinpoint.getSegment(input.ApplicationId, segmentId);
      if (!segment) throw notFound(ctx, `Segment not found: ${segmentId}`);
      if ((segment.data as { SegmentType?: string }).SegmentType !== 'IMPORT') throw badRequest(ctx, `Segment ${segmentId} is not an imported segment; only imported segments can be updated by an import job.`);
    } else if (r.DefineSegment) {
      if (typeof r.SegmentName !== 'string' || r.SegmentName.trim() === '') throw badRequest(ctx, 'SegmentName is required when DefineSegment is true.');
      segmentId = newId();
    }
    const definition: Record<string, unknown> = {
      DefineSegment: r.DefineSegment ?? false,
      ...(r.ExternalId !== undefined ? { ExternalId: r.ExternalId } : {}),
      Format: r.Format,
      RegisterEndpoints: r.RegisterEndpoints ?? true,
      RoleArn: roleArn,
      S3Url: r.S3Url,
      ...(segmentId !== undefined ? { SegmentId: segmentId } : {}),
      ...(r.SegmentName !== undefined ? { SegmentName: r.SegmentName } : {}),
    };
    const job = newJob(ctx, input.ApplicationId, 'IMPORT', definition, segmentId);
    await start(ctx, job, IMPORT_JOB_KIND, importJobId(job.appId, job.id), IMPORT_MAX_ATTEMPTS);
    return { ImportJobResponse: jobResponse(job) as never };
  },

  async GetImportJob(input, ctx) {
    return { ImportJobResponse: (await getJob(ctx, input.ApplicationId, input.JobId, 'IMPORT')) as never };
  },

  async GetImportJobs(input, ctx) {
    return { ImportJobsResponse: (await list(ctx, input.ApplicationId, 'IMPORT', undefined, input)) as never };
  },

  async GetSegmentImportJobs(input, ctx) {
    return { ImportJobsResponse: (await list(ctx, input.ApplicationId, 'IMPORT', input.SegmentId, input)) as never };
  },

  async CreateExportJob(input, ctx) {
    const r = (input.ExportJobRequest ?? {}) as ExportJobRequest;
    await requireApp(ctx, input.ApplicationId);
    if (typeof r.S3UrlPrefix !== 'string' || !parseS3Url(r.S3UrlPrefix)) throw badRequest(ctx, `Invalid S3UrlPrefix: ${String(r.S3UrlPrefix ?? '').slice(0, 200)}. It must be an s3://bucket/prefix URL.`);
    const roleArn = checkRole(ctx, r.RoleArn);
    if (r.SegmentVersion !== undefined && r.SegmentId === undefined) throw badRequest(ctx, 'SegmentVersion requires SegmentId.');
    if (r.SegmentId !== undefined) {
      if (r.SegmentVersion !== undefined && (!Number.isInteger(r.SegmentVersion) || r.SegmentVersion < 1)) throw badRequest(ctx, `Invalid SegmentVersion: ${r.SegmentVersion}`);
      const segment = await ctx.store.pinpoint.getSegment(input.ApplicationId, r.SegmentId, r.SegmentVersion);
      if (!segment) throw notFound(ctx, r.SegmentVersion !== undefined ? `Segment version not found: ${r.SegmentId} version ${r.SegmentVersion}` : `Segment not found: ${r.SegmentId}`);
    }
    const definition: Record<string, unknown> = {
      RoleArn: roleArn, S3UrlPrefix: r.S3UrlPrefix,
      ...(r.SegmentId !== undefined ? { SegmentId: r.SegmentId } : {}),
      ...(r.SegmentVersion !== undefined ? { SegmentVersion: r.SegmentVersion } : {}),
    };
    const job = newJob(ctx, input.ApplicationId, 'EXPORT', definition, r.SegmentId);
    await start(ctx, job, EXPORT_JOB_KIND, exportJobId(job.appId, job.id), EXPORT_MAX_ATTEMPTS);
    return { ExportJobResponse: jobResponse(job) as never };
  },

  async GetExportJob(input, ctx) {
    return { ExportJobResponse: (await getJob(ctx, input.ApplicationId, input.JobId, 'EXPORT')) as never };
  },

  async GetExportJobs(input, ctx) {
    return { ExportJobsResponse: (await list(ctx, input.ApplicationId, 'EXPORT', undefined, input)) as never };
  },

  async GetSegmentExportJobs(input, ctx) {
    return { ExportJobsResponse: (await list(ctx, input.ApplicationId, 'EXPORT', input.SegmentId, input)) as never };
  },
} satisfies ServiceHandlers<Operations>;
