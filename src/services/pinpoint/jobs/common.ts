// What Pinpoint's import and export jobs share: the job record (its ImportJobResponse /
// ExportJobResponse members beside rolegate's private progress, whose keys start with "_"), the
// S3 URLs they name, the session they act with, and how a failure ends them.
import type { PinpointJobRecord, StoreTables } from '../../../store/types.js';
import type { RoleSession } from '../../../shared/acting.js';
import { appArn, isoDate, type PinpointJobDeps, type PinpointStepResult } from '../common.js';

/** The job's first 100 failures are kept, as AWS's Failures list. */
export const MAX_FAILURES = 100;

export interface JobData {
  ApplicationId: string;
  Id: string;
  Type: 'IMPORT' | 'EXPORT';
  JobStatus: string;
  CreationDate: string;
  CompletionDate?: string;
  Definition: Record<string, unknown>;
  TotalPieces: number;
  CompletedPieces: number;
  FailedPieces: number;
  TotalProcessed: number;
  TotalFailures: number;
  Failures: string[];
  _accountId: string;
  _region: string;
  [privateKey: `_${string}`]: unknown;
}

export const jobData = (j: PinpointJobRecord) => j.data as unknown as JobData;

/** The job as GetImportJob / GetExportJob show it: without rolegate's private keys. */
export function jobResponse(j: PinpointJobRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(j.data)) if (!k.startsWith('_')) out[k] = v;
  return out;
}

/** s3://bucket/key → its bucket and key (the key may be empty or a prefix). */
export function parseS3Url(url: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  return m ? { bucket: m[1], key: m[2] ?? '' } : undefined;
}

/** The job's role, assumed as Pinpoint with the confused-deputy keys: the app's account and ARN, and the job's external id. */
export function assumeJobRole(deps: PinpointJobDeps, d: JobData, roleArn: string, externalId?: string): Promise<RoleSession> {
  return deps.acting.assumeRoleAsService({
    service: 'pinpoint.amazonaws.com', roleArn, sessionName: `pinpoint-${d.Type.toLowerCase()}-${d.Id.slice(0, 16)}`,
    sourceAccount: d._accountId, sourceArn: appArn(d._region, d._accountId, d.ApplicationId),
    ...(externalId ? { externalId } : {}),
  });
}

/** An error as a job's failure reads it: AWS's code and message, never a stack or a secret. */
export function failureText(e: unknown): string {
  const err = e as { code?: string; name?: string; message?: string };
  const code = err.code ?? err.name;
  return code && code !== 'Error' ? `${code}: ${err.message ?? ''}` : String(err.message ?? e);
}

/** Writes the job's next state; `false` when the job (or its app) is gone. */
export async function saveJob(tables: StoreTables, j: PinpointJobRecord, d: JobData): Promise<boolean> {
  if (!(await tables.pinpoint.getAppById(j.appId))) return false;
  await tables.pinpoint.putJob({ ...j, data: d as unknown as Record<string, unknown> });
  return true;
}

/** The job ended FAILED with `reason` first among its failures (and, when a piece was lost, one more failed piece). */
export function failed(d: JobData, reason: string, nowMs: number, pieceFailed = false): JobData {
  return {
    ...d, JobStatus: 'FAILED', CompletionDate: isoDate(nowMs), Failures: [reason, ...d.Failures].slice(0, MAX_FAILURES),
    ...(pieceFailed ? { FailedPieces: d.FailedPieces + 1 } : {}),
  };
}

/** A step's answers: run again at `runAt`, or nothing more to do. */
export const next = (runAt: number): PinpointStepResult => ({ checkpoint: null, done: false, runAt });
export const finished: PinpointStepResult = { checkpoint: null, done: true };
