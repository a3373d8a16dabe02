// Retry delays double from the base per failed attempt and stop at the maximum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retryDelay } from '../../src/jobs/backoff.js';

test('the retry after attempt n waits base·2^(n−1), capped at the maximum', () => {
  const t = { backoffBaseMs: 1_000, backoffMaxMs: 60_000 };
  assert.deepEqual([1, 2, 3, 4].map((n) => retryDelay(n, t)), [1_000, 2_000, 4_000, 8_000]);
  assert.equal(retryDelay(7, t), 60_000);
  assert.equal(retryDelay(10_000, t), 60_000, 'no overflow for a very late attempt');
});
