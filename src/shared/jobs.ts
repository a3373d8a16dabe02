// What handlers are handed of the background jobs: a way to enqueue one. The runner (src/jobs) does
// the rest from the job's row; a handler never runs background work itself.

export interface EnqueueJob {
  kind: string;
  accountId: string;
  input: unknown;
  /** Defaults to a random 32-hex-digit id; repeating an id does not create a second job. */
  id?: string;
  runAt?: number;
  maxAttempts?: number;
}

export interface JobQueue {
  /** Creates a QUEUED job (once per id) and wakes a runner. */
  enqueue(spec: EnqueueJob): Promise<{ id: string; isCreated: boolean }>;
  /**
   * Asks that a job not yet finished run no later than `at` (milliseconds since the epoch): a
   * waiting job becomes due then, a running one runs again by then after its step.
   */
  hasten(id: string, at: number): Promise<void>;
}
