// Who holds each consumer's subscription to each shard (SubscribeToShard): a second call within
// 5 seconds of a successful one is refused; one 5 seconds or more later takes the subscription
// over, and the earlier stream ends with ResourceInUseException (SubscribeToShard, API Reference).
// This process's memory, keyed by the consumer (its stream's id, never reused, its name and its
// creation time) and the shard.

/** The 5 seconds after a successful SubscribeToShard in which the consumer and shard cannot be subscribed again. */
export const RESUBSCRIBE_AFTER_MS = 5_000;
/** Past this many keys, those without a live subscription whose 5 seconds are over are dropped. */
const MAX_KEYS = 100_000;

export interface Subscription {
  /** Set once a later call took the subscription over: the stream ends with ResourceInUseException. */
  takenOver: boolean;
  /** Wakes the stream while it waits for records (set by the waiter, arrivals.ts). */
  wake?: () => void;
  /** Ends the hold; the 5 seconds after the call still count. */
  release(): void;
}

interface Held { startedAt: number; live?: Subscription }

const held = new Map<string, Held>();

/** The subscription of the call received at `now`, or undefined when one of the same key began less than 5 seconds before it. */
export function subscribe(key: string, now: number): Subscription | undefined {
  const prior = held.get(key);
  if (prior && now - prior.startedAt < RESUBSCRIBE_AFTER_MS) return undefined;
  if (prior?.live) {
    prior.live.takenOver = true;
    prior.live.wake?.();
  }
  if (!prior && held.size >= MAX_KEYS) {
    for (const [k, h] of held) if (!h.live && now - h.startedAt >= RESUBSCRIBE_AFTER_MS) held.delete(k);
  }
  const entry: Held = { startedAt: now };
  const sub: Subscription = {
    takenOver: false,
    release() {
      if (entry.live === sub) entry.live = undefined;
    },
  };
  entry.live = sub;
  held.set(key, entry);
  return sub;
}
