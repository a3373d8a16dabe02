// The decision log's write side. A decision on an action that reads hands its record over without
// waiting, and the log writes such records in batches (within flushMs; the oldest are dropped if the
// store falls more than maxPending behind). A decision on an action that changes state (or issues
// credentials) is never dropped: `record` returns a promise that settles once its batch is committed,
// and the request's response waits for it, so a crash cannot leave an acknowledged change without its
// decision. Such a record is written at once, with every record before it, in the order recorded
// (group commit: while one write is in flight the next batch gathers). The log never throws into a request and never
// logs a record's contents (only counts and the store's error), so nothing secret can reach the log.
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

/** Verbs of actions that only read: their decisions are batched. Every other action changes state. */
const READ_VERBS = /^(Get|List|Describe|Head|Simulate|Decode|Lookup|Search|Select|Query|Scan|BatchGet|Check|Validate)(?=[A-Z]|$)/;
/** Read by name but they issue credentials: audited as changes. */
const ISSUES_CREDENTIALS = new Set(['sts:GetSessionToken', 'sts:GetFederationToken']);

/** Each action's answer, worked out once: a few hundred actions, asked on every request. */
const classified = new Map<string, boolean>();

/** Whether a decision on this action must be committed before the request is answered. */
export function changesState(action: string): boolean {
  let changes = classified.get(action);
  if (changes === undefined) {
    const colon = action.indexOf(':');
    changes = ISSUES_CREDENTIALS.has(action) || !READ_VERBS.test(colon === -1 ? action : action.slice(colon + 1));
    if (classified.size < 10_000) classified.set(action, changes);
  }
  return changes;
}

export class DecisionLog {
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly maxPending: number;
  /** Unwritten records in the order they were recorded; `head` skips the ones taken without copying the array. */
  private pending: DecisionRecord[] = [];
  private head = 0;
  /** The records of changes among them, each with the resolver of the promise its request awaits. */
  private readonly waiters = new Map<DecisionRecord, () => void>();
  /** The next write: a timer, or for a write due now an immediate (a timer of 0 ms still waits a millisecond or more). */
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
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
   * Queues a record and tells live followers, whatever the store is doing. A denial without a
   * `suggestion` gets the smallest statement that would have allowed it. For an action that
   * changes state the result is a promise that settles once the record is committed (or, after
   * the store failed every attempt, once that is logged); for a read it is undefined.
   */
  record(r: DecisionRecord): Promise<void> | undefined {
    if (this.closed) {
      this.dropped++;
      return undefined;
    }
    if (r.result !== 'Allowed' && r.suggestion === undefined) {
      const suggestion = suggestStatement(r);
      if (suggestion) r = { ...r, suggestion };
    }
    if (this.listeners.size !== 0) this.notify(r);
    this.pending.push(r);
    let written: Promise<void> | undefined;
    if (changesState(r.action)) written = new Promise<void>((resolve) => this.waiters.set(r, resolve));
    if (this.size() > this.maxPending) this.dropOldestRead();
    if (this.writing) return written;
    // Group commit: a change is written at once with what waits before it; while a write is in
    // flight, what arrives gathers for the next one (afterWrite).
    if (written || this.size() >= this.maxBatch) this.schedule(0);
    else if (!this.timer) this.schedule(this.flushMs);
    return written;
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

  /**
   * The store has fallen behind: the oldest unwritten read's record goes, so memory stays bounded.
   * A change's record is never dropped (its request is waiting for it, which bounds them).
   */
  private dropOldestRead(): void {
    if (!this.waiters.has(this.pending[this.head]!)) {
      this.head++;
      if (this.head > 1024 && this.head * 2 > this.pending.length) this.compact();
    } else {
      const i = this.pending.findIndex((r, j) => j > this.head && !this.waiters.has(r));
      if (i === -1) return;
      this.pending.splice(i, 1);
    }
    this.dropped++;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    const run = () => {
      this.timer = undefined;
      void this.writeBatch().then(() => this.afterWrite());
    };
    this.timer = ms === 0 ? setImmediate(run) : setTimeout(run, ms);
    // Reads' records do not keep the process alive; a change's answer waiting on its commit does.
    if (this.waiters.size === 0) this.timer.unref();
  }

  private clearTimer(): void {
    const t = this.timer;
    if (t === undefined) return;
    if ('refresh' in t) clearTimeout(t);
    else clearImmediate(t);
    this.timer = undefined;
  }

  private afterWrite(): void {
    this.reportDropped();
    if (this.closed || this.writing || this.timer || this.size() === 0) return;
    if (this.failures > 0) this.schedule(Math.min(this.flushMs * 2 ** this.failures, MAX_BACKOFF_MS));
    else this.schedule(this.waiters.size > 0 || this.size() >= this.maxBatch ? 0 : this.flushMs);
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
        this.settle(batch);
      },
      (e: unknown) => this.failed(batch, e),
    );
    this.writing = done.finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  /** The requests waiting on these records are answered. */
  private settle(batch: DecisionRecord[]): void {
    if (this.waiters.size === 0) return;
    for (const r of batch) {
      const resolve = this.waiters.get(r);
      if (resolve) {
        this.waiters.delete(r);
        resolve();
      }
    }
  }

  private failed(batch: DecisionRecord[], e: unknown): void {
    this.failures++;
    if (this.failures >= ATTEMPTS) {
      this.log.error({ error: errorText(e), records: batch.length, attempts: this.failures }, 'decision log: batch dropped after failed writes');
      this.failures = 0;
      // The changes are made; their requests are answered, and the loss is logged.
      this.settle(batch);
      return;
    }
    this.log.error({ error: errorText(e), records: batch.length, attempt: this.failures }, 'decision log: write failed; will retry');
    // Put the batch back in front, then keep within the memory bound (reads' records only).
    this.pending = batch.concat(this.pending.slice(this.head));
    this.head = 0;
    while (this.size() > this.maxPending && this.size() > this.waiters.size) this.dropOldestRead();
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
