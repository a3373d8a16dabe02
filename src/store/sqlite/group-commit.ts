// Group commit on SQLite: writes that arrive in the same turn of the event loop are committed in
// one transaction (one disk sync for all of them), each in its own SAVEPOINT so one failing write
// fails alone, and each caller is answered only after the COMMIT. Names no table.
import type Database from 'better-sqlite3';
import type { Gate } from './lock.js';

export interface GroupCommitHooks<I> {
  /** A write that failed alone: its SAVEPOINT rolled back (drop what it may have cached). */
  onWriteFailed?(item: I): void;
  /** The whole group failed to commit (drop every cache). */
  onGroupFailed?(): void;
}

/** `write` run for each queued item in one transaction; the returned function queues an item. */
export function groupCommitter<I, R>(db: Database.Database, gate: Gate, write: (item: I) => R, hooks: GroupCommitHooks<I> = {}): (item: I) => Promise<R> {
  const one = db.transaction(write);
  type Pending = { item: I; resolve: (r: R) => void; reject: (e: unknown) => void };
  const group = db.transaction((batch: readonly Pending[], results: (R | Error)[]) => {
    for (let i = 0; i < batch.length; i++) {
      try {
        results[i] = one(batch[i].item);
      } catch (e) {
        hooks.onWriteFailed?.(batch[i].item);
        results[i] = e instanceof Error ? e : new Error(String(e));
      }
    }
  });
  let queue: Pending[] = [];
  let scheduled = false;
  const take = () => {
    const batch = queue;
    queue = [];
    scheduled = false;
    return batch;
  };
  const flush = async () => {
    try {
      // Never inside another caller's open transaction: a rollback there would take these writes with it.
      do await gate();
      while (db.inTransaction);
    } catch (e) {
      for (const p of take()) p.reject(e);
      return;
    }
    const batch = take();
    const results: (R | Error)[] = new Array(batch.length);
    try {
      group.immediate(batch, results);
    } catch (e) {
      hooks.onGroupFailed?.();
      for (const p of batch) p.reject(e);
      return;
    }
    for (let i = 0; i < batch.length; i++) {
      const r = results[i];
      if (r instanceof Error) batch[i].reject(r);
      else batch[i].resolve(r);
    }
  };
  return (item) => new Promise<R>((resolve, reject) => {
    queue.push({ item, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}
