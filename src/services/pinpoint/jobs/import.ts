// Pinpoint's import jobs as steps: to come.
import type { PinpointJobDeps, PinpointStepResult } from '../common.js';

export const IMPORT_JOB_KIND = 'pinpoint.import';
export interface ImportInput { appId: string; jobId: string }

export async function importStep(_input: ImportInput, _deps: PinpointJobDeps): Promise<PinpointStepResult> {
  return { checkpoint: null, done: true };
}
