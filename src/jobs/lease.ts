// Holds one job's lease while its steps run: renews it on a timer and says when it is lost. It
// never writes job state; losing the lease only aborts the signal, so the runner drops the step.
import type { JobTable } from '../store/contract/jobs.js';
import type { Log } from '../shared/log.js';

export class Lease {
  private readonly controller = new AbortController();
  private timer?: NodeJS.Timeout;
  private renewing = false;
  /** When the lease runs out as far as this process knows (the last claim or renewal + leaseMs). */
  private expiresAt: number;

  constructor(
    private readonly jobs: JobTable,
    readonly jobId: string,
    readonly owner: string,
    expiresAt: number,
    private readonly clock: () => number,
    private readonly timing: { leaseMs: number; renewMs: number },
    private readonly log?: Log,
  ) {
    this.expiresAt = expiresAt;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isLost(): boolean {
    return this.controller.signal.aborted || this.clock() >= this.expiresAt;
  }

  start(): void {
    this.timer = setInterval(() => void this.renew(), this.timing.renewMs);
  }

  /** Stops renewing; the lease itself ends in the store (by a commit, a release or expiry). */
  end(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  lose(reason: string): void {
    this.end();
    if (!this.controller.signal.aborted) this.controller.abort(new Error(reason));
  }

  private async renew(): Promise<void> {
    if (this.renewing || this.controller.signal.aborted) return;
    this.renewing = true;
    try {
      const now = this.clock();
      if (await this.jobs.renew(this.jobId, this.owner, now, this.timing.leaseMs)) this.expiresAt = now + this.timing.leaseMs;
      else this.lose('the lease was lost');
    } catch (error) {
      // The store did not answer: the lease may still hold; it is lost once it would have run out.
      this.log?.error({ jobId: this.jobId, error: String(error) }, 'job lease renewal failed');
      if (this.clock() >= this.expiresAt) this.lose('the lease ran out while renewal failed');
    } finally {
      this.renewing = false;
    }
  }
}
