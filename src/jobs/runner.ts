// Runs due jobs: claims one, runs its steps one after another, commits each step's checkpoint
// under the lease, retries failures with backoff. Its timers only poll and renew; it holds no work
// of its own, so everything acknowledged is in the store and a crash loses nothing.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { JobProgress, JobRecord, JobTable } from '../store/contract/jobs.js';
import type { Log } from '../shared/log.js';
import type { EnqueueJob, JobQueue } from '../shared/jobs.js';
import { retryDelay } from './backoff.js';
import { describeError, NonRetryableJobError } from './errors.js';
import { Lease } from './lease.js';
import { defaultJobTimings, type Job, type JobKind, type JobTimings, type StepContext } from './types.js';

export interface JobRunnerOptions<D extends object> {
  jobs: JobTable;
  /** Unique per runner: the store tells leases apart by it (newOwnerId() makes one). */
  owner: string;
  /** Milliseconds since the epoch; every time the runner writes comes from here. */
  clock?: () => number;
  /** Each kind has its own checkpoint and input types, hence `any` here. */
  kinds: readonly JobKind<any, any, D>[];
  /** What steps need besides the job (the store, service clients…), passed in their context. */
  deps?: D;
  timings?: Partial<JobTimings>;
  log?: Log;
}


export const newOwnerId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

function validTimings(t: JobTimings): JobTimings {
  for (const [name, value] of Object.entries(t)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`job timing ${name} must be a positive number`);
  }
  if (t.renewMs >= t.leaseMs) throw new RangeError('job timing renewMs must be below leaseMs');
  if (t.backoffMaxMs < t.backoffBaseMs) throw new RangeError('job timing backoffMaxMs must not be below backoffBaseMs');
  return t;
}

function added(progress: JobProgress, delta: JobProgress | undefined): JobProgress {
  const out = { ...progress };
  for (const [k, v] of Object.entries(delta ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
}

export class JobRunner<D extends object = object> implements JobQueue {
  readonly timings: Readonly<JobTimings>;
  readonly owner: string;
  private readonly jobs: JobTable;
  private readonly clock: () => number;
  private readonly kinds: Map<string, JobKind<unknown, unknown, D>>;
  private readonly kindNames: string[];
  private readonly deps: D;
  private readonly log?: Log;
  private isRunning = false;
  private pollTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private isWoken = false;
  private current?: Lease;
  private isAbandoned = false;

  constructor(options: JobRunnerOptions<D>) {
    this.jobs = options.jobs;
    this.owner = options.owner;
    this.clock = options.clock ?? Date.now;
    this.kinds = new Map(options.kinds.map((k) => [k.kind, k]));
    if (this.kinds.size !== options.kinds.length) throw new Error('job kinds must have distinct names');
    this.kindNames = [...this.kinds.keys()];
    this.deps = options.deps ?? ({} as D);
    this.timings = Object.freeze(validTimings({ ...defaultJobTimings, ...options.timings }));
    this.log = options.log;
  }

  /** Whether any kind is registered: a runner with none has nothing to claim and need not start. */
  get hasKinds(): boolean {
    return this.kindNames.length > 0;
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.isAbandoned = false;
    if (!this.draining) this.drainNow();
  }

  /** Looks for due jobs now instead of at the next poll (call it after enqueueing). */
  wake(): void {
    if (!this.isRunning) return;
    if (this.draining) {
      this.isWoken = true;
      return;
    }
    clearTimeout(this.pollTimer);
    this.drainNow();
  }

  /**
   * Stops claiming. A step in flight may finish for up to `timeoutMs` (default: the lease): its
   * checkpoint commits and the job is released, due at once for any runner. Past that the step is
   * abandoned: its result is never committed, and the lease lapses for another runner to take over.
   */
  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    this.isRunning = false;
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    const draining = this.draining;
    if (!draining) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), options.timeoutMs ?? this.timings.leaseMs)));
    const outcome = await Promise.race([draining, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.isAbandoned = true;
      this.current?.lose('the runner stopped');
      this.log?.info({ owner: this.owner }, 'job runner abandoned its step in flight');
    }
  }

  /** Creates a QUEUED job and wakes the runner. */
  async enqueue(spec: EnqueueJob): Promise<{ id: string; isCreated: boolean }> {
    const id = spec.id ?? randomUUID().replaceAll('-', '');
    const isCreated = await this.jobs.create({
      id, kind: spec.kind, accountId: spec.accountId, input: spec.input,
      maxAttempts: spec.maxAttempts ?? this.timings.maxAttempts, now: this.clock(), runAt: spec.runAt,
    });
    if (isCreated) this.wake();
    return { id, isCreated };
  }

  /** Makes a job due no later than `at` (one running now runs again by then); wakes the runner when that is now. */
  async hasten(id: string, at: number): Promise<void> {
    if ((await this.jobs.wake(id, at)) && at <= this.clock()) this.wake();
  }

  private drainNow(): void {
    this.pollTimer = undefined;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (!this.isRunning) return;
      if (this.isWoken) this.drainNow();
      else this.pollTimer = setTimeout(() => this.drainNow(), this.timings.pollMs);
    });
  }

  /** Claims and runs jobs until none is due. */
  private async drain(): Promise<void> {
    while (this.isRunning && this.kindNames.length) {
      this.isWoken = false;
      let job: JobRecord | undefined;
      try {
        job = await this.jobs.claim(this.owner, this.clock(), this.timings.leaseMs, this.kindNames);
      } catch (error) {
        this.log?.error({ owner: this.owner, error: String(error) }, 'claiming a job failed');
        return;
      }
      if (!job) return;
      await this.run(job);
    }
  }

  private async run(job: JobRecord): Promise<void> {
    const kind = this.kinds.get(job.kind)!;
    const lease = new Lease(this.jobs, job.id, this.owner, job.leaseExpiresAt!, this.clock, this.timings, this.log);
    this.current = lease;
    lease.start();
    let current: Job = job;
    try {
      for (;;) {
        if (!this.isRunning) {
          await this.jobs.release(job.id, this.owner, this.clock());
          return;
        }
        const context = { ...this.deps, now: this.clock, signal: lease.signal, owner: this.owner } as StepContext<D>;
        let result;
        try {
          result = await kind.step(current, context);
          if (typeof result?.done !== 'boolean') throw new NonRetryableJobError(`the step of ${job.kind} returned no result`);
        } catch (error) {
          if (!lease.isLost && !this.isAbandoned) await this.failed(current, error);
          return;
        }
        // A step that outlived its lease may already be running elsewhere: its result is dropped.
        if (lease.isLost || this.isAbandoned) return;
        const now = this.clock();
        const step = { now, checkpoint: result.checkpoint, progressDelta: result.progress, done: result.done, runAt: result.runAt };
        if (!(await this.jobs.checkpoint(job.id, this.owner, step))) {
          this.log?.info({ jobId: job.id, owner: this.owner }, 'job lease lost; the step result was not committed');
          return;
        }
        if (result.done || result.runAt !== undefined) return;
        current = { ...current, checkpoint: result.checkpoint, progress: added(current.progress, result.progress), updatedAt: now };
      }
    } catch (error) {
      // The store failed: nothing more is written; the lease lapses and the job is taken over.
      this.log?.error({ jobId: job.id, owner: this.owner, error: String(error) }, 'job store write failed');
    } finally {
      lease.end();
      this.current = undefined;
    }
  }

  private async failed(job: Job, error: unknown): Promise<void> {
    const now = this.clock();
    const message = describeError(error);
    const isFinal = error instanceof NonRetryableJobError || job.attempts >= job.maxAttempts;
    const failure = isFinal ? { error: message, now, final: true as const } : { error: message, now, retryAt: now + retryDelay(job.attempts, this.timings) };
    const state = await this.jobs.fail(job.id, this.owner, failure);
    this.log?.info({ jobId: job.id, kind: job.kind, attempt: job.attempts, state, error: message }, 'job step failed');
  }
}
