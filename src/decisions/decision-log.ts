// The decision log's write side: requests hand their decisions over without waiting, and the log
// writes them to the store in batches. It never throws into a request and never logs a record's
// contents (only counts and the store's error), so nothing secret can reach the log.
import type { DecisionRecord } from '../shared/decision-record.js';
import type { Store } from '../store/types.js';
import type { Log } from '../shared/log.js';
import { suggestStatement } from './suggest.js';

export interface DecisionLogOptions {
  /** How long a record may wait in memory before its batch is written (default 50 ms). */
  flushMs?: number;
  /** A batch is written as soon as it has this many records (default 500). */
  maxBatch?: number;
  /** Records kept in memory while the store falls behind; older ones are dropped (default 50,000). */
  maxPending?: number;
}

/** A batch the store refused is tried this many times, then dropped (and counted), so one bad batch cannot stall the log. */
const ATTEMPTS = 3;
/** Longest wait between retries while the store keeps failing. */
const MAX_BACKOFF_MS = 5_000;

export class DecisionLog {
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly maxPending: number;
  /** Unwritten records, oldest first; `head` skips the ones taken without copying the array. */
  private pending: DecisionRecord[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private failures = 0;
  private dropped = 0;
  private closed = false;
  private readonly listeners = new Set<(r: DecisionRecord) => void>();

  constructor(private readonly store: Store, private readonly log: Log, options: DecisionLogOptions = {}) {
    this.flushMs = options.flushMs ?? 50;
    this.maxBatch = options.maxBatch ?? 250;
    this.maxPending = options.maxPending ?? 50_000;
  }

  /**
   * Queues a record and tells live followers; returns at once, whatever the store is doing. A
   * denial without a `suggestion` gets the smallest statement that would have allowed it.
   */
  record(r: DecisionRecord): void {
    if (this.closed) {
      this.dropped++;
      return;
    }
    if (r.result !== 'Allowed' && r.suggestion === undefined) {
      const suggestion = suggestStatement(r);
      if (suggestion) r = { ...r, suggestion };
    }
    this.pending.push(r);
    if (this.pending.length - this.head > this.maxPending) {
      // The store has fallen behind: the oldest unwritten records go first, so memory stays bounded.
      this.head++;
      this.dropped++;
      if (this.head > 1024 && this.head * 2 > this.pending.length) this.compact();
    }
    if (this.listeners.size !== 0) this.notify(r);
    if (this.writing) return;
    if (this.pending.length - this.head >= this.maxBatch) this.schedule(0);
    else if (!this.timer) this.schedule(this.flushMs);
  }

  /** Live followers in this process (the admin stream); returns the unsubscribe function. */
  subscribe(listener: (r: DecisionRecord) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Writes everything recorded so far. Resolves even when the store fails (the failure is logged). */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.writing) await this.writing;
    // Bounded: records arriving meanwhile go with the next timer, so a busy server cannot keep flush() running.
    let batches = Math.ceil(this.size() / this.maxBatch) + ATTEMPTS;
    while (this.size() > 0 && batches-- > 0) await this.writeBatch();
    this.afterWrite();
  }

  /** Writes what is left and stops taking records; followers are let go. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    this.listeners.clear();
  }

  /** Unwritten records in memory. */
  size(): number {
    return this.pending.length - this.head;
  }

  private notify(r: DecisionRecord): void {
    for (const listener of this.listeners) {
      try {
        listener(r);
      } catch (e) {
        this.log.error({ error: errorText(e) }, 'decision log follower failed');
      }
    }
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeBatch().then(() => this.afterWrite());
    }, ms);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private afterWrite(): void {
    this.reportDropped();
    if (this.closed || this.writing || this.timer || this.size() === 0) return;
    if (this.failures > 0) this.schedule(Math.min(this.flushMs * 2 ** this.failures, MAX_BACKOFF_MS));
    else this.schedule(this.size() >= this.maxBatch ? 0 : this.flushMs);
  }

  /** Takes up to maxBatch of the oldest records and writes them in one append. */
  private writeBatch(): Promise<void> {
    if (this.writing) return this.writing;
    const n = Math.min(this.size(), this.maxBatch);
    if (n === 0) return Promise.resolve();
    const batch = this.pending.slice(this.head, this.head + n);
    this.head += n;
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.pending.length) this.compact();
    const done = new Promise<void>((resolve) => resolve(this.store.decisions.append(batch))).then(
      () => {
        this.failures = 0;
      },
      (e: unknown) => this.failed(batch, e),
    );
    this.writing = done.finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private failed(batch: DecisionRecord[], e: unknown): void {
    this.failures++;
    if (this.failures >= ATTEMPTS) {
      this.log.error({ error: errorText(e), records: batch.length, attempts: this.failures }, 'decision log: batch dropped after failed writes');
      this.failures = 0;
      return;
    }
    this.log.error({ error: errorText(e), records: batch.length, attempt: this.failures }, 'decision log: write failed; will retry');
    // Put the batch back in front, still within the memory bound.
    const room = this.maxPending - this.size();
    const keep = room >= batch.length ? batch : batch.slice(batch.length - Math.max(room, 0));
    this.dropped += batch.length - keep.length;
    this.pending = keep.concat(this.pending.slice(this.head));
    this.head = 0;
  }

  private compact(): void {
    this.pending = this.pending.slice(this.head);
    this.head = 0;
  }

  private reportDropped(): void {
    if (this.dropped === 0) return;
    this.log.error({ dropped: this.dropped }, 'decision log: the store fell behind; oldest unwritten decisions dropped');
    this.dropped = 0;
  }
}

/** The store's error in one line: its name, code and message; records are never included. */
function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}${'code' in e && typeof e.code === 'string' ? ` ${e.code}` : ''}: ${e.message}`;
  return String(e);
}
