// Crash tests: a worker process is killed with SIGKILL mid-job and another runner finishes the job
// from its last committed checkpoint once the lease lapses; worker processes sharing one queue
// never run the same job twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { appendKind, readSteps } from './support/append-kind.js';
import { waitFor } from './support/wait.js';

const WORKER = fileURLToPath(new URL('./support/worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LEASE_MS = 300;
const STEPS = 20;

interface Worker { child: ChildProcess; output: () => string }

function startWorker(dir: string, owner: string, stepMs: number): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: {
      ...process.env, JOBS_DB: join(dir, 'jobs.db'), JOBS_LINES: join(dir, 'steps.log'), JOBS_OWNER: owner,
      JOBS_STEP_MS: String(stepMs), JOBS_LEASE_MS: String(LEASE_MS), JOBS_RENEW_MS: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output };
}

const alive = (w: Worker) => w.child.exitCode === null && w.child.signalCode === null;

function exited(w: Worker, timeoutMs = 5_000): Promise<void> {
  if (!alive(w)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${w.child.pid} did not exit`)), timeoutMs);
    w.child.once('exit', () => (clearTimeout(timer), resolve()));
  });
}

test('a job survives kill -9 of its worker: another owner takes it over after the lease and finishes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-jobs-kill-'));
  const store = openSqliteStore(join(dir, 'jobs.db'));
  let worker: Worker | undefined;
  let survivor: JobRunner | undefined;
  try {
    await store.jobs.create({ id: 'kill-1', kind: 'test.append', accountId: '111122223333', input: { steps: STEPS }, maxAttempts: 5, now: Date.now() });
    worker = startWorker(dir, 'doomed', 50);
    const w = worker;
    await waitFor('the worker to commit 5 steps', async () => {
      if (!alive(w)) throw new Error(`the worker exited early:\n${w.output()}`);
      return ((await store.jobs.get('kill-1'))?.progress.Steps ?? 0) >= 5;
    }, 20_000);
    process.kill(w.child.pid!, 'SIGKILL');
    await exited(w);

    const atKill = (await store.jobs.get('kill-1'))!;
    assert.equal(atKill.state, 'RUNNING');
    assert.equal(atKill.leaseOwner, 'doomed');
    const committed = atKill.checkpoint as number;
    assert.ok(committed >= 5 && committed < STEPS, `killed mid-job (checkpoint ${committed})`);

    let takenOverAt: number | undefined;
    let resumedFrom: number | undefined;
    survivor = new JobRunner({
      jobs: store.jobs, owner: 'survivor',
      kinds: [appendKind(join(dir, 'steps.log'), 5, (n) => {
        takenOverAt ??= Date.now();
        resumedFrom ??= n;
      })],
      timings: { pollMs: 20, leaseMs: LEASE_MS, renewMs: 100 },
    });
    survivor.start();
    const job = await waitFor('the survivor to finish the job', async () => {
      const j = await store.jobs.get('kill-1');
      return j?.finishedAt ? j : undefined;
    }, 15_000);

    assert.equal(job.state, 'SUCCEEDED');
    assert.equal(job.checkpoint, STEPS);
    // Every step's checkpoint committed exactly once: one Steps count per commit.
    assert.deepEqual(job.progress, { Steps: STEPS });
    assert.equal(job.attempts, 2, 'one claim by the killed worker, one by the survivor');
    assert.equal(job.lastError, null);
    assert.ok(takenOverAt! >= atKill.leaseExpiresAt!, 'the survivor waited for the lease to lapse');
    assert.equal(resumedFrom, committed, 'the survivor resumed from the last committed checkpoint');

    // Steps before the checkpoint ran once, in the killed worker; steps after it once, in the
    // survivor. Only the step in flight at the kill (ran, not committed) may have run twice.
    const lines = readSteps(readFileSync(join(dir, 'steps.log'), 'utf8'));
    for (let n = 0; n < STEPS; n++) {
      const owners = lines.filter(([, step]) => step === n).map(([, , owner]) => owner);
      if (n < committed) assert.deepEqual(owners, ['doomed'], `step ${n}`);
      else if (n > committed) assert.deepEqual(owners, ['survivor'], `step ${n}`);
      else assert.ok(['survivor', 'doomed,survivor'].includes(owners.join()), `step ${n} (in flight at the kill) ran by ${owners}`);
    }
    assert.equal(lines.filter(([id]) => id !== 'kill-1').length, 0);
  } finally {
    if (worker && alive(worker)) worker.child.kill('SIGKILL');
    await survivor?.stop({ timeoutMs: 1_000 });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('three worker processes sharing the queue run every job exactly once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-jobs-share-'));
  const store = openSqliteStore(join(dir, 'jobs.db'));
  const workers: Worker[] = [];
  try {
    for (const owner of ['w1', 'w2', 'w3']) workers.push(startWorker(dir, owner, 10));
    await waitFor('the workers to start', () => workers.every((w) => w.output().includes('ready')), 20_000);
    const now = Date.now();
    for (let i = 0; i < 30; i++) {
      await store.jobs.create({ id: `j${i}`, kind: 'test.append', accountId: '111122223333', input: { steps: 2 }, maxAttempts: 5, now });
    }
    await waitFor('all jobs to finish', async () => {
      for (const w of workers) if (!alive(w)) throw new Error(`a worker exited early:\n${w.output()}`);
      return (await store.jobs.list({ state: 'SUCCEEDED' }, { maxItems: 100 })).items.length === 30;
    }, 30_000);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => exited(w)));

    const lines = readSteps(existsSync(join(dir, 'steps.log')) ? readFileSync(join(dir, 'steps.log'), 'utf8') : '');
    assert.equal(lines.length, 60, 'two steps for each of 30 jobs, none repeated');
    assert.equal(new Set(lines.map(([id, n]) => `${id}/${n}`)).size, 60);
    const jobs = (await store.jobs.list({}, { maxItems: 100 })).items;
    assert.ok(jobs.every((j) => j.attempts === 1 && j.progress.Steps === 2));
    assert.ok(new Set(lines.map(([, , owner]) => owner)).size >= 2, 'the work was shared');
  } finally {
    for (const w of workers) if (alive(w)) w.child.kill('SIGKILL');
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
