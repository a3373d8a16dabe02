// Pinpoint's export jobs as steps: to come.
import type { PinpointJobDeps, PinpointStepResult } from '../common.js';

export const EXPORT_JOB_KIND = 'pinpoint.export';
export const exportJobId = (appId: string, jobId: string) => `pinpoint-export-${appId}-${jobId}`;
export const EXPORT_MAX_ATTEMPTS = 20;
export interface ExportInput { appId: string; jobId: string }

export async function exportStep(_input: ExportInput, _deps: PinpointJobDeps): Promise<PinpointStepResult> {
  return { checkpoint: null, done: true };
}
