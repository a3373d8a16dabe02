// Retry delays: exponential from a base, capped. Pure; the runner adds the result to its clock.
import type { JobTimings } from './types.js';

/** The wait after a failed attempt number `attempt` (1 for the first): base·2^(attempt−1), at most max. */
export function retryDelay(attempt: number, t: Pick<JobTimings, 'backoffBaseMs' | 'backoffMaxMs'>): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(t.backoffMaxMs, t.backoffBaseMs * 2 ** exponent);
}
