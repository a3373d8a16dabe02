// The job runner on a real store with short timings: steps to completion, retries with backoff,
// non-retryable failures, lease renewal, cancellation, and stopping cleanly.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { NonRetryableJobError } from '../../src/jobs/errors.js';
import type { JobKind, JobTimings } from '../../src/jobs/types.js';
import { sleep, waitFor } from './support/wait.js';

const fast: Partial<JobTimings> = { pollMs: 10, leaseMs: 200, renewMs: 50, backoffBaseMs: 30, backoffMaxMs: 200, maxAttempts: 3 };
const ACCOUNT = '111122223333';

describe('job runner', () => {
  let dir: string;
  let store: Store;
  let runners: JobRunner<object>[];
  const runner = (kinds: JobKind<any, any>[], owner = 'node-a', timings: Partial<JobTimings> = {}) => {
    const r = new JobRunner({ jobs: store.jobs, owner, kinds, timings: { ...fast, ...timings } });
    runners.push(r);
    return r;
  };
  const finished = (id: string, timeoutMs = 5_000) =>
    waitFor(`job ${id} to finish`, async () => {
      const j = await store.jobs.get(id);
      return j && j.finishedAt !== null ? j : undefined;
    }, timeoutMs);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolegate-runner-'));
    store = openSqliteStore(join(dir, 'jobs.db'));
    runners = [];
  });
  afterEach(async () => {
    for (const r of runners) await r.stop({ timeoutMs: 1_000 });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a multi-step job runs each step once, in order, to SUCCEEDED with its progress summed', async () => {
    const seen: unknown[] = [];
    const count: JobKind<number, { steps: number }, { tag: string }> = {
      kind: 'test.count',
      async step(job, ctx) {
        assert.equal(ctx.tag, 'deps reach the step');
        seen.push(job.checkpoint);
        const next = (job.checkpoint ?? 0) + 1;
        return { checkpoint: next, progress: { Steps: 1, Rows: 7 }, done: next === job.input.steps };
      },
    };
    const r = new JobRunner({ jobs: store.jobs, owner: 'node-a', kinds: [count], deps: { tag: 'deps reach the step' }, timings: fast });
    runners.push(r as JobRunner<object>);
    r.start();
    const { id } = await r.enqueue({ kind: 'test.count', accountId: ACCOUNT, input: { steps: 5 } });
    const job = await finished(id);
    assert.equal(job.state, 'SUCCEEDED');
    assert.deepEqual(seen, [null, 1, 2, 3, 4]);
    assert.equal(job.checkpoint, 5);
    assert.deepEqual(job.progress, { Steps: 5, Rows: 35 });
    assert.equal(job.attempts, 1);
    assert.equal(job.lastError, null);
    assert.equal(job.leaseOwner, null);
  });

  test('a failing step is retried from the last checkpoint after an exponential backoff', async () => {
    const calls: { checkpoint: unknown; at: number }[] = [];
    const failures: number[] = [];
    const flaky: JobKind<number> = {
      kind: 'test.flaky',
      async step(job) {
        calls.push({ checkpoint: job.checkpoint, at: Date.now() });
        if (job.checkpoint === 1 && failures.length < 2) {
          failures.push(Date.now());
          throw new Error('SlowDown: try again');
        }
        const next = (job.checkpoint ?? 0) + 1;
        return { checkpoint: next, progress: { Steps: 1 }, done: next === 3 };
      },
    };
    const r = runner([flaky]);
    r.start();
    const { id } = await r.enqueue({ kind: 'test.flaky', accountId: ACCOUNT, input: {} });
    const job = await finished(id);
    assert.equal(job.state, 'SUCCEEDED');
    assert.deepEqual(calls.map((c) => c.checkpoint), [null, 1, 1, 1, 2], 'step 0 is not redone; step 1 runs again');
    assert.equal(job.attempts, 3);
    assert.deepEqual(job.progress, { Steps: 3 });
    assert.equal(job.lastError, 'SlowDown: try again');
    // Backoff: base 30 ms after the first failed attempt, 60 ms after the second.
    assert.ok(calls[2].at - failures[0] >= 30, `first retry waited ${calls[2].at - failures[0]} ms`);
    assert.ok(calls[3].at - failures[1] >= 60, `second retry waited ${calls[3].at - failures[1]} ms`);
  });

  test('a step that keeps failing ends the job as FAILED after max attempts, with the last error', async () => {
    let calls = 0;
    const broken: JobKind<null> = { kind: 'test.broken', async step() { calls++; throw new Error(`failure ${calls}`); } };
    const r = runner([broken], 'node-a', { backoffBaseMs: 5 });
    r.start();
    const { id } = await r.enqueue({ kind: 'test.broken', accountId: ACCOUNT, input: {} });
    const job = await finished(id);
    assert.equal(job.state, 'FAILED');
    assert.equal(job.attempts, 3);
    assert.equal(calls, 3);
    assert.equal(job.lastError, 'failure 3');
  });

  test('a non-retryable error fails the job at once', async () => {
    let calls = 0;
    const denied: JobKind<null> = {
      kind: 'test.denied',
      async step() {
        calls++;
        throw new NonRetryableJobError('AccessDenied: the role does not trust pinpoint.amazonaws.com');
      },
    };
    const r = runner([denied]);
    r.start();
    const { id } = await r.enqueue({ kind: 'test.denied', accountId: ACCOUNT, input: {}, maxAttempts: 5 });
    const job = await finished(id);
    assert.deepEqual([job.state, job.attempts, calls], ['FAILED', 1, 1]);
    assert.equal(job.lastError, 'AccessDenied: the role does not trust pinpoint.amazonaws.com');
  });

  test('the lease is renewed while a long step runs, so another runner never takes the job', async () => {
    const ran: string[] = [];
    const slow = (owner: string): JobKind<number> => ({
      kind: 'test.slow',
      async step(job) {
        ran.push(owner);
        await sleep(350);
        return { checkpoint: 1, progress: { Steps: 1 }, done: true };
      },
    });
    const timings = { leaseMs: 100, renewMs: 25 };
    const a = runner([slow('a')], 'node-a', timings);
    a.start();
    const { id } = await a.enqueue({ kind: 'test.slow', accountId: ACCOUNT, input: {} });
    await waitFor('node-a to start the step', () => ran.length === 1);
    runner([slow('b')], 'node-b', timings).start();
    const job = await finished(id);
    assert.deepEqual(ran, ['a']);
    assert.equal(job.state, 'SUCCEEDED');
    assert.equal(job.attempts, 1);
  });

  test('a job cancelled while its step runs: the step is told, its result is dropped, no step follows', async () => {
    let calls = 0;
    let signal: AbortSignal | undefined;
    const kind: JobKind<number> = {
      kind: 'test.cancel',
      async step(job, ctx) {
        calls++;
        signal = ctx.signal;
        await sleep(150);
        return { checkpoint: (job.checkpoint ?? 0) + 1, progress: { Steps: 1 }, done: false };
      },
    };
    const r = runner([kind], 'node-a', { renewMs: 25 });
    r.start();
    const { id } = await r.enqueue({ kind: 'test.cancel', accountId: ACCOUNT, input: {} });
    await waitFor('the step to start', () => calls === 1);
    assert.equal(await store.jobs.cancel(id, Date.now()), true);
    await waitFor('the step to learn of the lost lease', () => signal?.aborted);
    await sleep(200);
    const job = await store.jobs.get(id);
    assert.deepEqual([job?.state, job?.checkpoint, job?.progress, calls], ['CANCELLED', null, {}, 1]);
  });

  test('stop lets the step in flight commit, then releases the job to another runner', async () => {
    const seen: [string, unknown][] = [];
    const kind = (owner: string): JobKind<number> => ({
      kind: 'test.handover',
      async step(job) {
        seen.push([owner, job.checkpoint]);
        await sleep(80);
        const next = (job.checkpoint ?? 0) + 1;
        return { checkpoint: next, progress: { Steps: 1 }, done: next === 3 };
      },
    });
    const a = runner([kind('a')], 'node-a', { pollMs: 10 });
    a.start();
    const { id } = await a.enqueue({ kind: 'test.handover', accountId: ACCOUNT, input: {} });
    await waitFor('the first step to start', () => seen.length === 1);
    await a.stop();
    const released = await store.jobs.get(id);
    assert.deepEqual([released?.state, released?.checkpoint, released?.attempts, released?.leaseOwner], ['QUEUED', 1, 0, null]);
    runner([kind('b')], 'node-b').start();
    const job = await finished(id);
    assert.equal(job.state, 'SUCCEEDED');
    assert.deepEqual(seen, [['a', null], ['b', 1], ['b', 2]]);
    assert.deepEqual(job.progress, { Steps: 3 });
  });

  test('stop past its timeout abandons the step: nothing it returns is committed; another runner takes over', async () => {
    const seen: [string, unknown][] = [];
    const ended: string[] = [];
    const kind = (owner: string, ms: number): JobKind<number> => ({
      kind: 'test.abandon',
      async step(job) {
        seen.push([owner, job.checkpoint]);
        await sleep(ms);
        ended.push(owner);
        return { checkpoint: (job.checkpoint ?? 0) + 1, progress: { Steps: 1 }, done: true };
      },
    });
    const a = runner([kind('a', 300)], 'node-a');
    a.start();
    const { id } = await a.enqueue({ kind: 'test.abandon', accountId: ACCOUNT, input: {} });
    await waitFor('the step to start', () => seen.length === 1);
    await a.stop({ timeoutMs: 30 });
    assert.deepEqual(ended, [], 'stop did not wait for the step');
    await sleep(350);
    const left = await store.jobs.get(id);
    assert.deepEqual([left?.state, left?.checkpoint], ['RUNNING', null], 'the abandoned result was not committed');
    runner([kind('b', 1)], 'node-b').start();
    const job = await finished(id);
    assert.deepEqual([job.state, job.attempts, job.progress], ['SUCCEEDED', 2, { Steps: 1 }]);
    assert.deepEqual(seen, [['a', null], ['b', null]]);
  });

  test('enqueue wakes an idle runner at once; repeating an id creates nothing', async () => {
    let calls = 0;
    const kind: JobKind<null> = { kind: 'test.wake', async step() { calls++; return { checkpoint: null, done: true }; } };
    const r = runner([kind], 'node-a', { pollMs: 60_000, leaseMs: 120_000, renewMs: 60_000 });
    r.start();
    await sleep(30); // the first look found nothing; the next poll is a minute away
    const { id, isCreated } = await r.enqueue({ kind: 'test.wake', accountId: ACCOUNT, input: {}, id: 'job-1' });
    assert.equal(isCreated, true);
    await finished(id, 2_000); // long before the next poll
    assert.equal((await r.enqueue({ kind: 'test.wake', accountId: ACCOUNT, input: {}, id: 'job-1' })).isCreated, false);
    await sleep(30);
    assert.equal(calls, 1);
  });

  test('a step answering runAt is handed back and runs again then, other jobs running meanwhile; hasten brings it forward', async () => {
    const runs: number[] = [];
    const started = Date.now();
    const later: JobKind<number, Record<string, never>> = {
      kind: 'test.later',
      async step(job) {
        const n = (job.checkpoint ?? 0) + 1;
        runs.push(Date.now() - started);
        // The first step asks for a minute; hasten brings the second forward; the third ends the job.
        return n >= 3 ? { checkpoint: n, done: true } : { checkpoint: n, done: false, runAt: Date.now() + 60_000 };
      },
    };
    const quick: JobKind<null, Record<string, never>> = { kind: 'test.quick', async step() { return { checkpoint: null, done: true }; } };
    const r = runner([later, quick]);
    r.start();
    const { id } = await r.enqueue({ kind: 'test.later', accountId: ACCOUNT, input: {} });
    await waitFor('the first step', async () => (await store.jobs.get(id))?.checkpoint === 1);
    const waiting = await store.jobs.get(id);
    assert.equal(waiting?.state, 'QUEUED');
    assert.equal(waiting?.attempts, 0);
    const other = await r.enqueue({ kind: 'test.quick', accountId: ACCOUNT, input: {} });
    assert.equal((await finished(other.id)).state, 'SUCCEEDED', 'another job runs while the first waits');
    await r.hasten(id, Date.now());
    await waitFor('the second step', async () => (await store.jobs.get(id))?.checkpoint === 2);
    await r.hasten(id, Date.now());
    const job = await finished(id);
    assert.equal(job.state, 'SUCCEEDED');
    assert.equal(runs.length, 3);
    assert.ok(runs[2] < 5_000, 'hastened, not a minute later');
  });

  test('timings are checked when the runner is made', () => {
    assert.throws(() => runner([], 'x', { renewMs: 500, leaseMs: 500 }), /renewMs must be below leaseMs/);
    assert.throws(() => runner([], 'x', { pollMs: 0 }), /pollMs must be a positive number/);
  });
});
