// The jobs aggregate's contract: durable background work as rows, claimed under a lease and
// resumed from a checkpoint. Engine-neutral: no SQL, no engine types, and no clock (every time is
// an argument, in milliseconds since the epoch), so SQLite and PostgreSQL implement the same thing.

export type JobState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** Counters a job reports as it goes (rows read, pieces done…); always numbers. */
export type JobProgress = Record<string, number>;

export interface JobRecord<I = unknown, C = unknown> {
  id: string;
  kind: string;
  accountId: string;
  state: JobState;
  /** What the job was asked to do; never changes. */
  input: I;
  /** The last checkpoint a step committed; null before the first. */
  checkpoint: C | null;
  progress: JobProgress;
  /** How many times the job was claimed (a run that ends in a crash counts; a clean release does not). */
  attempts: number;
  maxAttempts: number;
  /**
   * A QUEUED job is not claimed before this time (the retry backoff, or the time a step asked to
   * run again at). While the job is RUNNING: the earliest time a `wake` asked for during the run
   * (NO_WAKE when none), which the step's hand-back honours.
   */
  nextRunAt: number;
  /** Set exactly while the job is RUNNING. */
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  /** Set once the job reaches SUCCEEDED, FAILED or CANCELLED. */
  finishedAt: number | null;
}

export interface NewJob {
  /** Chosen by the caller, so an enqueue can be repeated safely (a taken id is refused). */
  id: string;
  kind: string;
  accountId: string;
  input: unknown;
  maxAttempts: number;
  now: number;
  /** Not claimed before this time; defaults to `now`. */
  runAt?: number;
}

export interface JobFilter {
  kind?: string;
  accountId?: string;
  state?: JobState | readonly JobState[];
}

export interface JobPage {
  items: JobRecord[];
  /** Present when more jobs match; pass it back as `nextToken` to continue. */
  nextToken?: string;
}

export interface JobCheckpoint {
  now: number;
  /** The state to resume from; stored as JSON. */
  checkpoint: unknown;
  /** Added to the counters (a counter not there yet starts at 0). */
  progressDelta?: JobProgress;
  /** Replaces the counters it names, after `progressDelta` is applied. */
  progress?: JobProgress;
  /** The job is finished: it becomes SUCCEEDED and its lease ends. */
  done?: boolean;
  /**
   * Not done, but nothing more to do before this time: the job is handed back, QUEUED until the
   * earlier of `runAt` and any `wake` asked for while it ran, its lease ends, and its attempts start
   * again from 0 (a step that succeeded forgives the failures before it). Ignored with `done`.
   */
  runAt?: number;
}

/** The `nextRunAt` of a RUNNING job that no `wake` has asked to run again sooner. */
export const NO_WAKE = Number.MAX_SAFE_INTEGER;

export type JobFailure = { error: string; now: number } & ({ retryAt: number } | { final: true });

/**
 * Every write made on behalf of a worker (`renew`, `checkpoint`, `fail`, `release`) takes effect
 * only while that owner holds a live lease: the job is RUNNING, `leaseOwner` is the owner, and
 * `leaseExpiresAt` is after `now`. Otherwise the write changes nothing and answers `false`, so a
 * worker that lost its lease (expired, taken over, or the job cancelled) can never write.
 * Owner ids must be unique per worker.
 */
export interface JobTable {
  /** `false` when the id is taken (the existing job is left as it is). */
  create(job: NewJob): Promise<boolean>;
  get(id: string): Promise<JobRecord | undefined>;
  /**
   * Newest first: by creation time, then by id in byte order (PostgreSQL: COLLATE "C"). A token
   * that this store did not hand out, or `maxItems` below 1, is refused with a RangeError.
   */
  list(filter: JobFilter, options: { nextToken?: string; maxItems: number }): Promise<JobPage>;
  /**
   * Atomically takes one due job — QUEUED with `nextRunAt <= now`, or RUNNING with an expired lease —
   * of one of `kinds` (all kinds when absent): it becomes RUNNING under `owner` until
   * `now + leaseMs`, and its attempts grow by one. Two callers never get the same job for the same
   * lease. A RUNNING job whose lease expired on its last allowed attempt is not taken but FAILED.
   */
  claim(owner: string, now: number, leaseMs: number, kinds?: readonly string[]): Promise<JobRecord | undefined>;
  /** Moves the lease's expiry to `now + leaseMs`. */
  renew(id: string, owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Commits a step's checkpoint and progress together. */
  checkpoint(id: string, owner: string, step: JobCheckpoint): Promise<boolean>;
  /**
   * Records the error and ends the lease: QUEUED again until `retryAt`, or FAILED when `final` or
   * when the job has used its attempts. Answers the state the job is left in.
   */
  fail(id: string, owner: string, failure: JobFailure): Promise<'QUEUED' | 'FAILED' | false>;
  /**
   * Asks that a job not yet finished run no later than `at`: a QUEUED job becomes due by then; a
   * RUNNING one is queued again for no later than `at` when its step hands it back with a later
   * `runAt`. Any caller may ask (no lease); `false` when the job is finished or absent.
   */
  wake(id: string, at: number): Promise<boolean>;
  /** Gives the job back, due at once, without counting the attempt (a worker stopping cleanly). */
  release(id: string, owner: string, now: number): Promise<boolean>;
  /** A QUEUED or RUNNING job becomes CANCELLED (its lease ends); `false` when already finished or absent. */
  cancel(id: string, now: number): Promise<boolean>;
}
