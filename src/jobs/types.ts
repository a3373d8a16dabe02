// What a job kind is and what the runner gives it. A kind does one bounded, idempotent step per
// call and returns the next checkpoint; it never sleeps, loops or keeps state between steps.
import type { JobProgress, JobRecord } from '../store/contract/jobs.js';

/** The job as a step sees it: its input, and the checkpoint the previous step returned (null first). */
export type Job<I = unknown, C = unknown> = Readonly<JobRecord<I, C>>;

export type StepContext<D extends object = object> = D & {
  /** The runner's clock (milliseconds since the epoch). */
  now(): number;
  /** Aborted when the lease is lost (the step's result will not be committed) or the runner abandons it. */
  signal: AbortSignal;
  owner: string;
};

export interface StepResult<C> {
  checkpoint: C;
  /** Added to the job's counters when the checkpoint commits. */
  progress?: JobProgress;
  done: boolean;
  /**
   * Not done, and nothing to do before this time (milliseconds since the epoch): the checkpoint
   * commits and the job is handed back, due again then (or sooner, when someone wakes it), and the
   * runner goes on to other jobs. Buffers and polls wait this way, never with a timer.
   */
  runAt?: number;
}

export interface JobKind<C = unknown, I = unknown, D extends object = object> {
  kind: string;
  /**
   * One piece of work from `job.checkpoint`. It may run again from the same checkpoint (after a
   * crash before its commit, or a retry), so its effects must be idempotent. Throw
   * NonRetryableJobError to fail the job at once; any other error is retried with backoff.
   */
  step(job: Job<I, C>, ctx: StepContext<D>): Promise<StepResult<C>>;
}

/** The runner's timings, from configuration; tests shorten them. All in milliseconds. */
export interface JobTimings {
  /** How often an idle runner looks for due jobs (wake() looks at once). */
  pollMs: number;
  /** How long a claim or renewal holds a job; another runner takes over once it lapses. */
  leaseMs: number;
  /** How often the lease is renewed while a job runs; well below leaseMs. */
  renewMs: number;
  /** The first retry waits this long, doubling per attempt, up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** The attempts a job enqueued through the runner gets, unless the caller says otherwise. */
  maxAttempts: number;
}

export const defaultJobTimings: Readonly<JobTimings> = Object.freeze({
  pollMs: 1_000,
  leaseMs: 30_000,
  renewMs: 10_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 5 * 60_000,
  maxAttempts: 5,
});
