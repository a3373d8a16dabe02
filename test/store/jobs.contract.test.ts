// The jobs contract (contract/jobs.ts) on SQLite, with a second connection to the same file as
// another node; and store.reset, which must take the jobs with the rest of the state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { job, jobsContract } from './contract/jobs.js';

jobsContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-jobs-'));
  const file = join(dir, 'test.db');
  const store = openSqliteStore(file);
  const others: ReturnType<typeof openSqliteStore>[] = [];
  return {
    jobs: store.jobs,
    async connect() {
      const other = openSqliteStore(file);
      others.push(other);
      return other.jobs;
    },
    async close() {
      for (const o of others) await o.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

test('POST /_rolegate/reset wipes jobs with the rest of the state (store.reset)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-jobs-reset-'));
  const store = openSqliteStore(join(dir, 'test.db'));
  try {
    assert.equal(await store.jobs.create(job('before-reset')), true);
    await store.reset();
    assert.equal(await store.jobs.get('before-reset'), undefined);
    assert.deepEqual((await store.jobs.list({}, { maxItems: 10 })).items, []);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
