// Pinpoint's export jobs as steps of a durable job (registered in src/server/job-kinds.ts): the
// endpoints of a segment (at the version asked for, or its latest), or of the whole project, written
// to S3 under S3UrlPrefix as gzip'd newline-delimited JSON (one EndpointResponse per line), through
// the job's role assumed as pinpoint.amazonaws.com with aws:SourceAccount and aws:SourceArn.
//   CREATED → INITIALIZING: the role is assumed and the bucket's location read with it
//   (s3:GetBucketLocation, as the Developer Guide's export role allows); a segment's endpoints are
//   taken as they are now into a member list of the job (a snapshot, so that the export resumes
//   over the same endpoints) → PROCESSING: one piece per step, up to PIECE_ENDPOINTS endpoints in the
//   object <S3UrlPrefix>/<job id>/<piece number>.gz; the piece's number and the last endpoint id it
//   wrote commit after its PutObject, and a step that runs again puts the same object under the same
//   key → COMPLETED. A role that cannot be assumed or may not write ends the job FAILED with why.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { EndpointRecord, PinpointJobRecord } from '../../../store/types.js';
import type { RoleSession } from '../../../shared/acting.js';
import { isoDate, type PinpointJobDeps, type PinpointStepResult } from '../common.js';
import { segmentEndpoints } from '../segments/resolve.js';
import { assumeJobRole, failed, failureText, finished, jobData, next, parseS3Url, saveJob, type JobData } from './common.js';

export const EXPORT_JOB_KIND = 'pinpoint.export';
export const exportJobId = (appId: string, jobId: string) => `pinpoint-export-${appId}-${jobId}`;
export const EXPORT_MAX_ATTEMPTS = 20;

export interface ExportInput { appId: string; jobId: string }

/** Endpoints per exported object. */
export const PIECE_ENDPOINTS = 10_000;
const SNAPSHOT_BATCH = 2_000;

const gzipped = promisify(gzip);

interface ExportCursor {
  /** The next piece's number, from 1. */
  piece: number;
  /** The last endpoint id written. */
  after?: string;
  /** Whether the endpoints are the job's snapshot (a segment's) or the project's. */
  snapshot: boolean;
}

const definition = (d: JobData) => d.Definition as { RoleArn: string; S3UrlPrefix: string; SegmentId?: string; SegmentVersion?: number };

/** The folder the job writes in: the prefix, ending in `/` unless it is the bucket's root. */
function folderOf(prefix: string): { bucket: string; folder: string } {
  const u = parseS3Url(prefix)!;
  return { bucket: u.bucket, folder: u.key === '' || u.key.endsWith('/') ? u.key : `${u.key}/` };
}

export async function exportStep(input: ExportInput, deps: PinpointJobDeps): Promise<PinpointStepResult> {
  const job = await deps.store.pinpoint.getJob(input.appId, input.jobId);
  if (!job) return finished;
  const d = jobData(job);
  const def = definition(d);
  const now = deps.now;
  const fail = async (reason: string, pieceFailed = false) => {
    await saveJob(deps.store, job, failed(d, reason, now, pieceFailed));
    if (d._cursor && (d._cursor as ExportCursor).snapshot) await deps.store.pinpoint.removeSegmentMembers(job.appId, job.id);
    return finished;
  };
  if (d.JobStatus === 'COMPLETED' || d.JobStatus === 'FAILED') return finished;
  let session: RoleSession;
  try {
    session = await assumeJobRole(deps, d, def.RoleArn);
  } catch (e) {
    return fail(`Unable to assume role ${def.RoleArn}: ${failureText(e)}`);
  }
  const { bucket, folder } = folderOf(def.S3UrlPrefix);
  if (d.JobStatus === 'CREATED' || d.JobStatus === 'INITIALIZING') {
    if (d.JobStatus === 'CREATED') {
      if (!(await saveJob(deps.store, job, { ...d, JobStatus: 'INITIALIZING' }))) return finished;
      return next(now);
    }
    try {
      await deps.acting.call(session.caller, 's3', 'GetBucketLocation', { Bucket: bucket });
    } catch (e) {
      return fail(`Unable to access s3://${bucket}: ${failureText(e)}`);
    }
    return initialize(deps, job, d, def);
  }
  if (d.JobStatus !== 'PROCESSING') return fail(`Unexpected job status ${d.JobStatus}`);
  const cursor = d._cursor as ExportCursor;
  let page: EndpointRecord[];
  let last: string | undefined;
  if (cursor.snapshot) {
    const ids = await deps.store.pinpoint.scanSegmentMembers(job.appId, job.id, { after: cursor.after, limit: PIECE_ENDPOINTS });
    page = await deps.store.pinpoint.getEndpoints(job.appId, ids);
    last = ids[ids.length - 1];
  } else {
    page = await deps.store.pinpoint.scanEndpoints(job.appId, { after: cursor.after, limit: PIECE_ENDPOINTS });
    last = page[page.length - 1]?.id;
  }
  if (last === undefined) {
    if (cursor.snapshot) await deps.store.pinpoint.removeSegmentMembers(job.appId, job.id);
    await saveJob(deps.store, job, { ...d, JobStatus: 'COMPLETED', CompletionDate: isoDate(now), CompletedPieces: d.TotalPieces });
    return finished;
  }
  // A snapshot's member deleted since is skipped; a piece left with none writes no object.
  if (page.length) {
    const lines = page.map((e) => JSON.stringify({ ApplicationId: job.appId, ...e.data })).join('\n') + '\n';
    const body = await gzipped(Buffer.from(lines));
    const key = `${folder}${job.id}/${cursor.piece}.gz`;
    try {
      await deps.acting.call(session.caller, 's3', 'PutObject', { Bucket: bucket, Key: key, Body: body, ContentLength: body.length, ContentType: 'application/gzip' });
    } catch (e) {
      return fail(`Unable to write s3://${bucket}/${key}: ${failureText(e)}`, true);
    }
  }
  const ok = await saveJob(deps.store, job, {
    ...d, CompletedPieces: d.CompletedPieces + 1, TotalProcessed: d.TotalProcessed + page.length,
    _cursor: { ...cursor, piece: cursor.piece + (page.length ? 1 : 0), after: last },
  });
  return ok ? next(now) : finished;
}

async function initialize(deps: PinpointJobDeps, job: PinpointJobRecord, d: JobData, def: ReturnType<typeof definition>): Promise<PinpointStepResult> {
  const now = deps.now;
  let total: number;
  let snapshot = false;
  if (def.SegmentId !== undefined) {
    const segment = await deps.store.pinpoint.getSegment(job.appId, def.SegmentId, def.SegmentVersion);
    if (!segment) {
      await saveJob(deps.store, job, failed(d, `Segment ${def.SegmentId}${def.SegmentVersion !== undefined ? ` version ${def.SegmentVersion}` : ''} no longer exists`, now));
      return finished;
    }
    // A run cut short left part of a snapshot: it starts again.
    await deps.store.pinpoint.removeSegmentMembers(job.appId, job.id);
    for await (const batch of segmentEndpoints(deps.store, job.appId, segment, now, SNAPSHOT_BATCH)) {
      await deps.store.pinpoint.addSegmentMembers(job.appId, job.id, batch.map((e) => e.id));
    }
    total = await deps.store.pinpoint.countSegmentMembers(job.appId, job.id);
    snapshot = true;
  } else {
    total = await deps.store.pinpoint.countEndpoints(job.appId);
  }
  const cursor: ExportCursor = { piece: 1, snapshot };
  const ok = await saveJob(deps.store, job, { ...d, JobStatus: 'PROCESSING', TotalPieces: Math.ceil(total / PIECE_ENDPOINTS), _cursor: cursor });
  return ok ? next(now) : finished;
}
