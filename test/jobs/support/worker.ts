// A worker process for the crash tests: runs a job runner with the append kind on the database
// and timings its environment names, until it is killed (SIGTERM stops it cleanly).
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import { JobRunner } from '../../../src/jobs/runner.js';
import { appendKind } from './append-kind.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const store = openSqliteStore(env('JOBS_DB'));
const runner = new JobRunner({
  jobs: store.jobs,
  owner: env('JOBS_OWNER'),
  kinds: [appendKind(env('JOBS_LINES'), Number(env('JOBS_STEP_MS')))],
  timings: { pollMs: 20, leaseMs: Number(env('JOBS_LEASE_MS')), renewMs: Number(env('JOBS_RENEW_MS')) },
});
runner.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void runner.stop().then(() => store.close()).then(() => process.exit(0));
});
