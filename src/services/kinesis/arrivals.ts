// Wakes the SubscribeToShard streams waiting on a stream's shards when records are appended to it,
// so a subscriber gets a record as soon as it is committed rather than at its next look. This
// process's memory only: a reader still looks at the store on its own every so often.

type Waiter = () => void;

const waiting = new Map<number, Set<Waiter>>();

/** Records were committed to the stream: every waiter on it wakes (and looks at its own shard). */
export function recordsArrived(streamId: number): void {
  const set = waiting.get(streamId);
  if (!set) return;
  waiting.delete(streamId);
  for (const wake of set) wake();
}

/**
 * Resolves on the stream's next append, on `interrupt`'s call, or after `ms`, whichever comes first;
 * the waiter is gone once it resolved.
 */
export function nextArrival(streamId: number, ms: number, interrupt: { wake?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    let set = waiting.get(streamId);
    if (!set) waiting.set(streamId, (set = new Set()));
    const done = () => {
      clearTimeout(timer);
      interrupt.wake = undefined;
      const s = waiting.get(streamId);
      if (s) {
        s.delete(done);
        if (s.size === 0) waiting.delete(streamId);
      }
      resolve();
    };
    const timer = setTimeout(done, ms);
    interrupt.wake = done;
    set.add(done);
  });
}
