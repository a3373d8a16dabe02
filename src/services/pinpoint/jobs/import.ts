// Pinpoint's import jobs as steps of a durable job (registered in src/server/job-kinds.ts). Each
// step assumes the job's role as pinpoint.amazonaws.com (aws:SourceAccount = the app's account,
// aws:SourceArn = the app's ARN, sts:ExternalId when the job has one) and reads S3 with that
// session through the one authorize path:
//   CREATED → PENDING_JOB while the account already runs 2 imports ("Amazon Pinpoint quotas":
//   2 concurrent import jobs per account; the others wait) → INITIALIZING: the objects under S3Url
//   are listed (one object, or every object under a prefix; at most 1 GB in all) and cut into
//   pieces of PIECE_BYTES (1 MiB: a piece's endpoints are held in memory until it commits) → PROCESSING: one piece per step, read with a ranged GetObject and parsed
//   row by row (./rows.ts); its endpoints, the imported segment's member list and the job's
//   progress commit in one store transaction, so a piece is applied all or nothing and a crash
//   resumes at the first piece not committed → COMPLETING: the imported segment's new version is
//   written → COMPLETED. A role that cannot be assumed or cannot read ends the job FAILED with why.
// A piece is the rows that start within its PIECE_BYTES of an object; the row after a piece
// starts the next, so the byte offset of that row is the whole resume point.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ListObjectsV2Output } from '../../../generated/s3/shapes.js';
import type { PinpointJobRecord } from '../../../store/types.js';
import type { RoleSession } from '../../../shared/acting.js';
import { appArn, isoDate, type PinpointJobDeps, type PinpointStepResult } from '../common.js';
import { applyEndpoints, type EndpointWrite } from '../endpoints/model.js';
import { assumeJobRole, failed, failureText, finished, jobData, MAX_FAILURES, next, parseS3Url, saveJob, type JobData } from './common.js';
import { csvColumns, csvRow, jsonRow, RowProblem, rowId } from './rows.js';

export const IMPORT_JOB_KIND = 'pinpoint.import';
export const importJobId = (appId: string, jobId: string) => `pinpoint-import-${appId}-${jobId}`;
/** An import is given up on only through its own failure (FAILED), never for the runner's retries of a flaky step. */
export const IMPORT_MAX_ATTEMPTS = 20;

export interface ImportInput { appId: string; jobId: string }

/** A piece: the rows starting within this many bytes of an object. */
export const PIECE_BYTES = 1024 * 1024;
/** "Maximum size of all files in an import job: 1 GB". */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
export const MAX_CONCURRENT_IMPORTS = 2;
const WAIT_MS = 1_000;

interface ImportPlan {
  bucket: string;
  objects: { key: string; size: number }[];
}

/** Where the next piece starts: object `o`, piece `k` of it, its first row at byte `offset`. */
interface ImportCursor {
  o: number;
  k: number;
  offset: number;
  /** The CSV header row of object `o`, once read. */
  header?: string[];
}

const ACTIVE = new Set(['INITIALIZING', 'PROCESSING', 'COMPLETING']);

const definition = (d: JobData) => d.Definition as {
  S3Url: string; RoleArn: string; Format: 'CSV' | 'JSON'; ExternalId?: string; DefineSegment?: boolean; RegisterEndpoints?: boolean; SegmentId?: string; SegmentName?: string;
};


/** How many of the account's imports hold one of its 2 places (besides this one). */
async function activeImports(deps: PinpointJobDeps, self: PinpointJobRecord): Promise<number> {
  const d = jobData(self);
  const page = await deps.store.jobs.list({ kind: IMPORT_JOB_KIND, accountId: d._accountId, state: ['QUEUED', 'RUNNING'] }, { maxItems: 1_000 });
  let n = 0;
  for (const r of page.items) {
    const input = r.input as ImportInput;
    if (input.jobId === self.id && input.appId === self.appId) continue;
    const other = await deps.store.pinpoint.getJob(input.appId, input.jobId);
    if (other && ACTIVE.has(jobData(other).JobStatus)) n++;
  }
  return n;
}

async function plan(session: RoleSession, deps: PinpointJobDeps, url: string): Promise<ImportPlan> {
  const where = parseS3Url(url)!;
  const objects: ImportPlan['objects'] = [];
  let token: string | undefined;
  do {
    const out = await deps.acting.call<ListObjectsV2Output>(session.caller, 's3', 'ListObjectsV2', {
      Bucket: where.bucket, Prefix: where.key, ...(token ? { ContinuationToken: token } : {}),
    });
    for (const c of out.Contents ?? []) {
      const key = c.Key!;
      // The S3Url names one object, or a folder: every object under it (folder markers aside).
      const inFolder = where.key === '' || where.key.endsWith('/') ? true : key === where.key || key.startsWith(`${where.key}/`);
      if (inFolder && !key.endsWith('/')) objects.push({ key, size: Number(c.Size ?? 0) });
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  if (objects.some((o) => o.key === where.key)) return { bucket: where.bucket, objects: objects.filter((o) => o.key === where.key) };
  return { bucket: where.bucket, objects };
}

const piecesOf = (size: number) => Math.max(1, Math.ceil(size / PIECE_BYTES));

interface PieceRows {
  writes: EndpointWrite[];
  /** Rows that could not be read, with where they start. */
  problems: { at: number; message: string }[];
  /** The byte offset of the row after the piece (the object's size at its end). */
  nextOffset: number;
  header?: string[];
}

/** The rows of one piece: from `offset` (a row start) while rows start before `end`. */
async function readPiece(body: Readable, format: 'CSV' | 'JSON', jobId: string, key: string, offset: number, end: number, header: string[] | undefined): Promise<PieceRows> {
  const out: PieceRows = { writes: [], problems: [], nextOffset: offset, ...(header ? { header } : {}) };
  if (format === 'JSON') {
    let carry = Buffer.alloc(0);
    let pos = offset;
    const take = (line: Buffer, at: number) => {
      const text = line.toString('utf8').replace(/\r$/, '');
      if (text.trim() === '') return;
      try {
        out.writes.push(jsonRow(text, () => rowId(jobId, key, at)));
      } catch (e) {
        if (!(e instanceof RowProblem)) throw e;
        out.problems.push({ at, message: e.message });
      }
    };
    for await (const chunk of body as AsyncIterable<Buffer>) {
      let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let nl: number;
      while ((nl = buf.indexOf(0x0a)) >= 0) {
        if (pos >= end) {
          out.nextOffset = pos;
          body.destroy();
          return out;
        }
        take(buf.subarray(0, nl), pos);
        pos += nl + 1;
        buf = buf.subarray(nl + 1);
      }
      carry = Buffer.from(buf);
    }
    if (carry.length && pos < end) {
      take(carry, pos);
      pos += carry.length;
    }
    out.nextOffset = pos;
    return out;
  }
  let columns = header ? csvColumns(header) : undefined;
  const parser = parse({ info: true, bom: offset === 0, relax_column_count: true, skip_empty_lines: true });
  body.on('error', (e) => parser.destroy(e));
  body.pipe(parser);
  let start = offset;
  for await (const r of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
    if (start >= end) break;
    const at = start;
    start = offset + r.info.bytes;
    if (!columns) {
      out.header = r.record;
      columns = csvColumns(r.record);
      continue;
    }
    try {
      if (columns instanceof RowProblem) throw columns;
      out.writes.push(csvRow(columns, r.record, () => rowId(jobId, key, at)));
    } catch (e) {
      if (!(e instanceof RowProblem)) throw e;
      out.problems.push({ at, message: e.message });
    }
  }
  body.destroy();
  out.nextOffset = start;
  return out;
}

/** One step of an import job. */
export async function importStep(input: ImportInput, deps: PinpointJobDeps): Promise<PinpointStepResult> {
  const job = await deps.store.pinpoint.getJob(input.appId, input.jobId);
  if (!job) return finished;
  const d = jobData(job);
  const def = definition(d);
  const now = deps.now;
  const fail = async (reason: string, pieceFailed = false) => {
    const end = failed(d, reason, now, pieceFailed);
    await saveJob(deps.store, job, end);
    return finished;
  };
  switch (d.JobStatus) {
    case 'COMPLETED':
    case 'FAILED':
      return finished;
    case 'CREATED':
    case 'PENDING_JOB': {
      if ((await activeImports(deps, job)) >= MAX_CONCURRENT_IMPORTS) {
        if (d.JobStatus === 'CREATED') await saveJob(deps.store, job, { ...d, JobStatus: 'PENDING_JOB' });
        return next(now + WAIT_MS);
      }
      return (await saveJob(deps.store, job, { ...d, JobStatus: 'INITIALIZING' })) ? next(now) : finished;
    }
    case 'INITIALIZING': {
      let session: RoleSession;
      try {
        session = await assumeJobRole(deps, d, def.RoleArn, def.ExternalId);
      } catch (e) {
        return fail(`Unable to assume role ${def.RoleArn}: ${failureText(e)}`);
      }
      let p: ImportPlan;
      try {
        p = await plan(session, deps, def.S3Url);
      } catch (e) {
        return fail(`Unable to list ${def.S3Url}: ${failureText(e)}`);
      }
      if (p.objects.length === 0) return fail(`No files found at ${def.S3Url}`);
      const total = p.objects.reduce((n, o) => n + o.size, 0);
      if (total > MAX_IMPORT_BYTES) return fail(`The files at ${def.S3Url} total ${total} bytes, more than the 1 GB an import job can read`);
      const cursor: ImportCursor = { o: 0, k: 0, offset: 0 };
      const ok = await saveJob(deps.store, job, {
        ...d, JobStatus: 'PROCESSING', TotalPieces: p.objects.reduce((n, o) => n + piecesOf(o.size), 0), _plan: p, _cursor: cursor, _channels: {},
      });
      return ok ? next(now) : finished;
    }
    case 'PROCESSING':
      return processPiece(deps, job, d, def);
    case 'COMPLETING':
      return complete(deps, job, d, def);
    default:
      return fail(`Unexpected job status ${d.JobStatus}`);
  }
}

async function processPiece(deps: PinpointJobDeps, job: PinpointJobRecord, d: JobData, def: ReturnType<typeof definition>): Promise<PinpointStepResult> {
  const now = deps.now;
  const p = d._plan as ImportPlan;
  const cursor = d._cursor as ImportCursor;
  if (cursor.o >= p.objects.length) {
    return (await saveJob(deps.store, job, { ...d, JobStatus: 'COMPLETING' })) ? next(now) : finished;
  }
  const object = p.objects[cursor.o];
  const end = (cursor.k + 1) * PIECE_BYTES;
  let rows: PieceRows;
  if (cursor.offset >= object.size) {
    rows = { writes: [], problems: [], nextOffset: object.size };
  } else {
    let session: RoleSession;
    try {
      session = await assumeJobRole(deps, d, def.RoleArn, def.ExternalId);
    } catch (e) {
      await saveJob(deps.store, job, failed(d, `Unable to assume role ${def.RoleArn}: ${failureText(e)}`, now, true));
      return finished;
    }
    try {
      const out = await deps.acting.call<{ Body: Readable }>(session.caller, 's3', 'GetObject', { Bucket: p.bucket, Key: object.key, Range: `bytes=${cursor.offset}-` });
      rows = await readPiece(out.Body, def.Format, job.id, object.key, cursor.offset, end, cursor.header);
    } catch (e) {
      if (!(e instanceof Error) || !('code' in e || 'name' in e)) throw e;
      await saveJob(deps.store, job, failed(d, `Unable to read s3://${p.bucket}/${object.key}: ${failureText(e)}`, now, true));
      return finished;
    }
  }
  // The next cursor: the next piece of this object, or the first of the next object.
  const objectDone = rows.nextOffset >= object.size;
  const nextCursor: ImportCursor = objectDone
    ? { o: cursor.o + 1, k: 0, offset: 0 }
    : { o: cursor.o, k: Math.max(cursor.k + 1, Math.floor(rows.nextOffset / PIECE_BYTES)), offset: rows.nextOffset, ...(rows.header ? { header: rows.header } : {}) };
  const piecesDone = objectDone ? piecesOf(object.size) - cursor.k : nextCursor.k - cursor.k;
  const register = def.RegisterEndpoints !== false || def.DefineSegment === true || def.SegmentId !== undefined;
  const defines = def.DefineSegment === true || def.SegmentId !== undefined;
  const alive = await deps.store.transaction(async (tx) => {
    const fresh = await tx.pinpoint.getJob(job.appId, job.id);
    // Another run of this step committed the piece already (a crash after the commit, a lost lease).
    if (!fresh || JSON.stringify(jobData(fresh)._cursor) !== JSON.stringify(cursor)) return fresh !== undefined;
    const app = await tx.pinpoint.getAppById(job.appId);
    if (!app) return false;
    const failures = [...d.Failures];
    const note = (at: number, message: string) => {
      if (failures.length < MAX_FAILURES) failures.push(`s3://${p.bucket}/${object.key} at byte ${at}: ${message}`);
    };
    for (const pr of rows.problems) note(pr.at, pr.message);
    const channels = { ...(d._channels as Record<string, number>) };
    if (rows.writes.length) {
      const applied = await applyEndpoints(tx, app, rows.writes, now, job.id, false, !register);
      for (const f of applied.failed) note(-1, `${rows.writes[f.index].id}: ${f.message}`);
      if (defines && applied.written.length) await tx.pinpoint.addSegmentMembers(job.appId, job.id, applied.written.map((e) => e.Id!));
      for (const e of applied.written) channels[e.ChannelType ?? 'UNKNOWN'] = (channels[e.ChannelType ?? 'UNKNOWN'] ?? 0) + 1;
      d = { ...d, TotalFailures: d.TotalFailures + applied.failed.length };
    }
    await tx.pinpoint.putJob({
      ...job,
      data: {
        ...d,
        CompletedPieces: Math.min(d.TotalPieces, d.CompletedPieces + piecesDone),
        TotalProcessed: d.TotalProcessed + rows.writes.length + rows.problems.length,
        TotalFailures: d.TotalFailures + rows.problems.length,
        Failures: failures,
        _cursor: nextCursor,
        _channels: channels,
      } as unknown as Record<string, unknown>,
    });
    return true;
  });
  return alive ? next(now) : finished;
}

async function complete(deps: PinpointJobDeps, job: PinpointJobRecord, d: JobData, def: ReturnType<typeof definition>): Promise<PinpointStepResult> {
  const now = deps.now;
  const defines = def.DefineSegment === true || def.SegmentId !== undefined;
  await deps.store.transaction(async (tx) => {
    const app = await tx.pinpoint.getAppById(job.appId);
    if (!app) return;
    if (defines && def.SegmentId) {
      const latest = await tx.pinpoint.getSegment(job.appId, def.SegmentId);
      const size = await tx.pinpoint.countSegmentMembers(job.appId, job.id);
      const old = latest?.data as Record<string, unknown> | undefined;
      const segment = {
        ApplicationId: job.appId,
        Arn: `${appArn(app.region, app.accountId, app.id)}/segments/${def.SegmentId}`,
        CreationDate: (old?.CreationDate as string | undefined) ?? isoDate(now),
        Id: def.SegmentId,
        ImportDefinition: {
          ChannelCounts: d._channels as Record<string, number>,
          ExternalId: def.ExternalId ?? job.id,
          Format: def.Format,
          RoleArn: def.RoleArn,
          S3Url: def.S3Url,
          Size: size,
        },
        LastModifiedDate: isoDate(now),
        Name: def.SegmentName ?? (old?.Name as string | undefined) ?? def.SegmentId,
        SegmentType: 'IMPORT',
        Version: (latest?.version ?? 0) + 1,
        tags: (old?.tags as Record<string, string> | undefined) ?? {},
        _members: job.id,
      };
      await tx.pinpoint.putSegment({ appId: job.appId, id: def.SegmentId, version: segment.Version, data: segment });
    }
    await tx.pinpoint.putJob({ ...job, data: { ...d, JobStatus: 'COMPLETED', CompletionDate: isoDate(now), CompletedPieces: d.TotalPieces } as unknown as Record<string, unknown> });
  });
  return finished;
}
