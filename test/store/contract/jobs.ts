// The jobs aggregate's contract cases, written once for every engine: jobs.contract.test.ts runs
// them on SQLite; the PostgreSQL engine calls jobsContract with its own factory. Times are plain
// numbers: the store reads no clock.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobTable, NewJob } from '../../../src/store/contract/jobs.js';

/** A fresh, empty database, and a way to open a second connection to it (another node). */
export interface JobsEngine { jobs: JobTable; connect(): Promise<JobTable>; close(): Promise<void> }

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const LEASE = 1_000;
export const job = (id: string, over: Partial<NewJob> = {}): NewJob => ({
  id, kind: 'test.kind', accountId: '111122223333', input: { bucket: 'b', n: 1 }, maxAttempts: 3, now: T0, ...over,
});

export function jobsContract(engine: string, open: () => Promise<JobsEngine>) {
  describe(`jobs store contract on ${engine}`, () => {
    let e: JobsEngine;
    let jobs: JobTable;
    beforeEach(async () => {
      e = await open();
      jobs = e.jobs;
    });
    afterEach(() => e.close());

    test('a created job is QUEUED with its input, no checkpoint, empty progress; a taken id is refused', async () => {
      assert.equal(await jobs.create(job('j1')), true);
      assert.equal(await jobs.create(job('j1', { input: 'other' })), false);
      assert.deepEqual(await jobs.get('j1'), {
        id: 'j1', kind: 'test.kind', accountId: '111122223333', state: 'QUEUED', input: { bucket: 'b', n: 1 },
        checkpoint: null, progress: {}, attempts: 0, maxAttempts: 3, nextRunAt: T0, leaseOwner: null,
        leaseExpiresAt: null, lastError: null, createdAt: T0, updatedAt: T0, finishedAt: null,
      });
      assert.equal(await jobs.get('nope'), undefined);
    });

    test('claim takes due jobs only, of the kinds asked for, and leases them to the owner', async () => {
      await jobs.create(job('later', { runAt: T0 + 500 }));
      await jobs.create(job('other-kind', { kind: 'test.other' }));
      assert.equal(await jobs.claim('a', T0 + 499, LEASE, ['test.kind']), undefined, 'not before its run time');
      const got = await jobs.claim('a', T0 + 500, LEASE, ['test.kind']);
      assert.equal(got?.id, 'later');
      assert.equal(got?.state, 'RUNNING');
      assert.equal(got?.leaseOwner, 'a');
      assert.equal(got?.leaseExpiresAt, T0 + 500 + LEASE);
      assert.equal(got?.attempts, 1);
      assert.equal(await jobs.claim('b', T0 + 600, LEASE, ['test.kind']), undefined, 'a live lease is not taken');
      assert.equal(await jobs.claim('b', T0 + 600, LEASE, []), undefined, 'no kinds, no job');
      assert.equal((await jobs.claim('b', T0 + 600, LEASE))?.id, 'other-kind', 'any kind when none is named');
      await jobs.create(job('finished'));
      await jobs.create(job('cancelled'));
      assert.equal(await jobs.cancel('cancelled', T0), true);
      const f = await jobs.claim('c', T0 + 700, LEASE);
      assert.equal(f?.id, 'finished');
      await jobs.checkpoint('finished', 'c', { now: T0 + 701, checkpoint: 1, done: true });
      assert.equal(await jobs.claim('c', T0 + 10 * LEASE, LEASE, ['nothing']), undefined);
      assert.equal(await jobs.claim('c', T0 + 800, LEASE), undefined, 'finished and cancelled jobs are never claimed');
    });

    test('two owners racing for one job: only one gets it, on one connection or two', async () => {
      await jobs.create(job('race'));
      const [a, b] = await Promise.all([jobs.claim('a', T0, LEASE), jobs.claim('b', T0, LEASE)]);
      assert.equal([a, b].filter(Boolean).length, 1);
      const other = await e.connect();
      await jobs.create(job('race2'));
      const [c, d] = await Promise.all([jobs.claim('c', T0, LEASE), other.claim('d', T0, LEASE)]);
      assert.equal([c, d].filter(Boolean).length, 1);
      assert.equal((await jobs.get('race2'))?.leaseOwner, (c ?? d)!.leaseOwner);
    });

    test('interleaved claims by two nodes take every job exactly once', async () => {
      const other = await e.connect();
      for (let i = 0; i < 20; i++) await jobs.create(job(`j${String(i).padStart(2, '0')}`));
      const taken: string[] = [];
      const worker = async (table: JobTable, owner: string) => {
        for (;;) {
          const j = await table.claim(owner, T0, LEASE);
          if (!j) return;
          taken.push(j.id);
        }
      };
      await Promise.all([worker(jobs, 'a'), worker(other, 'b'), worker(jobs, 'c'), worker(other, 'd')]);
      assert.equal(taken.length, 20);
      assert.equal(new Set(taken).size, 20);
    });

    test('renew extends the lease for its owner only, and not once it has run out', async () => {
      await jobs.create(job('r'));
      await jobs.claim('a', T0, LEASE);
      assert.equal(await jobs.renew('r', 'a', T0 + 900, LEASE), true);
      assert.equal((await jobs.get('r'))?.leaseExpiresAt, T0 + 900 + LEASE);
      assert.equal(await jobs.claim('b', T0 + 1_500, LEASE), undefined, 'the renewed lease still holds');
      assert.equal(await jobs.renew('r', 'b', T0 + 1_000, LEASE), false, 'another owner cannot renew');
      assert.equal(await jobs.renew('r', 'a', T0 + 900 + LEASE, LEASE), false, 'an expired lease cannot be renewed');
    });

    test('an expired lease is taken over by another owner, who resumes from the last checkpoint', async () => {
      await jobs.create(job('t'));
      await jobs.claim('a', T0, LEASE);
      assert.equal(await jobs.checkpoint('t', 'a', { now: T0 + 10, checkpoint: { offset: 3 }, progressDelta: { Rows: 3 } }), true);
      const taken = await jobs.claim('b', T0 + LEASE, LEASE);
      assert.equal(taken?.id, 't');
      assert.equal(taken?.leaseOwner, 'b');
      assert.equal(taken?.attempts, 2);
      assert.deepEqual(taken?.checkpoint, { offset: 3 });
      assert.deepEqual(taken?.progress, { Rows: 3 });
      assert.equal(await jobs.renew('t', 'a', T0 + LEASE + 1, LEASE), false, 'the old owner lost it');
    });

    test('a checkpoint from a stale owner is refused and changes nothing', async () => {
      await jobs.create(job('s'));
      await jobs.claim('a', T0, LEASE);
      await jobs.claim('b', T0 + LEASE, LEASE);
      const before = await jobs.get('s');
      assert.equal(await jobs.checkpoint('s', 'a', { now: T0 + LEASE + 1, checkpoint: 99, progressDelta: { Rows: 1 }, done: true }), false);
      assert.equal(await jobs.fail('s', 'a', { now: T0 + LEASE + 1, error: 'stale', final: true }), false);
      assert.equal(await jobs.release('s', 'a', T0 + LEASE + 1), false);
      assert.deepEqual(await jobs.get('s'), before);
    });

    test('a checkpoint adds progress deltas, sets named counters, and done ends the job as SUCCEEDED', async () => {
      await jobs.create(job('p'));
      await jobs.claim('a', T0, LEASE);
      await jobs.checkpoint('p', 'a', { now: T0 + 1, checkpoint: 1, progressDelta: { Pieces: 1, Rows: 10 }, progress: { Total: 3 } });
      await jobs.checkpoint('p', 'a', { now: T0 + 2, checkpoint: 2, progressDelta: { Pieces: 1, Rows: 5 } });
      assert.equal(await jobs.checkpoint('p', 'a', { now: T0 + 3, checkpoint: 3, progressDelta: { Pieces: 1 }, done: true }), true);
      const p = await jobs.get('p');
      assert.equal(p?.state, 'SUCCEEDED');
      assert.deepEqual(p?.progress, { Pieces: 3, Rows: 15, Total: 3 });
      assert.equal(p?.checkpoint, 3);
      assert.equal(p?.finishedAt, T0 + 3);
      assert.equal(p?.leaseOwner, null);
      assert.equal(await jobs.checkpoint('p', 'a', { now: T0 + 4, checkpoint: 4 }), false, 'a finished job takes no more steps');
    });

    test('a failure with a retry time queues the job again, not claimed before that time (backoff)', async () => {
      await jobs.create(job('b'));
      await jobs.claim('a', T0, LEASE);
      assert.equal(await jobs.fail('b', 'a', { now: T0 + 10, error: 'SlowDown', retryAt: T0 + 210 }), 'QUEUED');
      const queued = await jobs.get('b');
      assert.equal(queued?.state, 'QUEUED');
      assert.equal(queued?.nextRunAt, T0 + 210);
      assert.equal(queued?.lastError, 'SlowDown');
      assert.equal(queued?.leaseOwner, null);
      assert.equal(await jobs.claim('a', T0 + 209, LEASE), undefined);
      assert.equal((await jobs.claim('b', T0 + 210, LEASE))?.attempts, 2);
    });

    test('max attempts: a failure on the last attempt, or a final one, ends the job as FAILED', async () => {
      await jobs.create(job('m', { maxAttempts: 2 }));
      await jobs.claim('a', T0, LEASE);
      assert.equal(await jobs.fail('m', 'a', { now: T0, error: 'one', retryAt: T0 }), 'QUEUED');
      await jobs.claim('a', T0, LEASE);
      assert.equal(await jobs.fail('m', 'a', { now: T0 + 5, error: 'two', retryAt: T0 + 10 }), 'FAILED');
      const m = await jobs.get('m');
      assert.deepEqual([m?.state, m?.attempts, m?.lastError, m?.finishedAt], ['FAILED', 2, 'two', T0 + 5]);
      assert.equal(await jobs.claim('a', T0 + 10, LEASE), undefined);
      await jobs.create(job('f'));
      await jobs.claim('a', T0, LEASE);
      assert.equal(await jobs.fail('f', 'a', { now: T0, error: 'AccessDenied', final: true }), 'FAILED');
    });

    test('a job whose lease expires on its last attempt is FAILED, not claimed again', async () => {
      await jobs.create(job('x', { maxAttempts: 1 }));
      await jobs.claim('a', T0, LEASE);
      assert.equal(await jobs.claim('b', T0 + LEASE, LEASE), undefined);
      const x = await jobs.get('x');
      assert.equal(x?.state, 'FAILED');
      assert.equal(x?.finishedAt, T0 + LEASE);
      assert.match(x?.lastError ?? '', /lease expired/);
    });

    test('a step that hands the job back with runAt queues it until then, lease ended and attempts forgiven', async () => {
      await jobs.create(job('h'));
      await jobs.claim('a', T0, LEASE);
      assert.equal(await jobs.checkpoint('h', 'a', { now: T0 + 5, checkpoint: { n: 1 }, progressDelta: { Rows: 2 }, runAt: T0 + 300 }), true);
      const h = await jobs.get('h');
      assert.deepEqual([h?.state, h?.attempts, h?.leaseOwner, h?.leaseExpiresAt, h?.nextRunAt, h?.checkpoint, h?.progress], ['QUEUED', 0, null, null, T0 + 300, { n: 1 }, { Rows: 2 }]);
      assert.equal(await jobs.claim('b', T0 + 299, LEASE), undefined, 'not before runAt');
      assert.equal((await jobs.claim('b', T0 + 300, LEASE))?.attempts, 1);
      assert.equal(await jobs.checkpoint('h', 'a', { now: T0 + 301, checkpoint: 2, runAt: T0 + 400 }), false, 'only the lease holder hands it back');
    });

    test('wake makes a queued job due sooner, never later; a wake while it runs shortens the runAt it is handed back with', async () => {
      await jobs.create(job('w', { runAt: T0 + 1_000 }));
      assert.equal(await jobs.wake('w', T0 + 2_000), true);
      assert.equal((await jobs.get('w'))?.nextRunAt, T0 + 1_000, 'a later wake changes nothing');
      assert.equal(await jobs.wake('w', T0 + 100), true);
      assert.equal(await jobs.claim('a', T0 + 99, LEASE), undefined);
      assert.equal((await jobs.claim('a', T0 + 100, LEASE))?.id, 'w');
      // Woken while its step runs: handed back for later, it is due at the wake instead.
      assert.equal(await jobs.wake('w', T0 + 150), true);
      await jobs.checkpoint('w', 'a', { now: T0 + 120, checkpoint: 1, runAt: T0 + 10_000 });
      assert.equal((await jobs.get('w'))?.nextRunAt, T0 + 150);
      // Not woken during the next run: its own runAt holds.
      await jobs.claim('a', T0 + 150, LEASE);
      await jobs.checkpoint('w', 'a', { now: T0 + 160, checkpoint: 2, runAt: T0 + 10_000 });
      assert.equal((await jobs.get('w'))?.nextRunAt, T0 + 10_000);
      await jobs.claim('a', T0 + 10_000, LEASE);
      await jobs.checkpoint('w', 'a', { now: T0 + 10_001, checkpoint: 3, done: true });
      assert.equal(await jobs.wake('w', T0), false, 'a finished job is not woken');
      assert.equal(await jobs.wake('absent', T0), false);
    });

    test('release gives the job back at once without counting the attempt', async () => {
      await jobs.create(job('rel'));
      await jobs.claim('a', T0, LEASE);
      assert.equal(await jobs.release('rel', 'a', T0 + 5), true);
      const r = await jobs.get('rel');
      assert.deepEqual([r?.state, r?.attempts, r?.leaseOwner, r?.nextRunAt], ['QUEUED', 0, null, T0 + 5]);
      assert.equal((await jobs.claim('b', T0 + 5, LEASE))?.attempts, 1);
    });

    test('cancel ends a queued or running job; its owner can then write nothing', async () => {
      await jobs.create(job('c1'));
      await jobs.create(job('c2'));
      assert.equal(await jobs.cancel('c1', T0 + 1), true);
      await jobs.claim('a', T0 + 2, LEASE);
      assert.equal(await jobs.cancel('c2', T0 + 3), true);
      assert.equal(await jobs.checkpoint('c2', 'a', { now: T0 + 4, checkpoint: 1 }), false);
      assert.equal(await jobs.renew('c2', 'a', T0 + 4, LEASE), false);
      const c2 = await jobs.get('c2');
      assert.deepEqual([c2?.state, c2?.finishedAt, c2?.leaseOwner, c2?.checkpoint], ['CANCELLED', T0 + 3, null, null]);
      assert.equal(await jobs.cancel('c2', T0 + 5), false, 'a finished job stays as it is');
      assert.equal(await jobs.cancel('absent', T0), false);
    });

    test('list filters by kind, account and state, newest first, paged by a token', async () => {
      for (let i = 0; i < 5; i++) await jobs.create(job(`l${i}`, { now: T0 + i, accountId: i % 2 ? '444455556666' : '111122223333' }));
      await jobs.create(job('lx', { kind: 'test.other', now: T0 + 2 }));
      const p1 = await jobs.list({ kind: 'test.kind' }, { maxItems: 2 });
      assert.deepEqual(p1.items.map((j) => j.id), ['l4', 'l3']);
      const p2 = await jobs.list({ kind: 'test.kind' }, { maxItems: 2, nextToken: p1.nextToken });
      assert.deepEqual(p2.items.map((j) => j.id), ['l2', 'l1']);
      const p3 = await jobs.list({ kind: 'test.kind' }, { maxItems: 2, nextToken: p2.nextToken });
      assert.deepEqual(p3.items.map((j) => j.id), ['l0']);
      assert.equal(p3.nextToken, undefined);
      const account = await jobs.list({ accountId: '444455556666' }, { maxItems: 10 });
      assert.deepEqual(account.items.map((j) => j.id), ['l3', 'l1']);
      await jobs.cancel('l0', T0 + 9);
      assert.deepEqual((await jobs.list({ state: 'CANCELLED' }, { maxItems: 10 })).items.map((j) => j.id), ['l0']);
      const active = await jobs.list({ state: ['QUEUED', 'RUNNING'], accountId: '111122223333' }, { maxItems: 10 });
      assert.deepEqual(active.items.map((j) => j.id), ['l4', 'lx', 'l2']);
      await assert.rejects(jobs.list({}, { maxItems: 2, nextToken: 'not-a-token' }), RangeError);
      await assert.rejects(jobs.list({}, { maxItems: 0 }), RangeError);
    });
  });
}
