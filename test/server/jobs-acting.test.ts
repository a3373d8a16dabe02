// A background job acting for a customer, end to end in one server: the job's step assumes the
// customer's role as a service principal and calls IAM with the session, through the one authorize
// step; the decision log shows both; a role that does not trust the service fails the job with
// STS's AccessDenied as its reason. (The crash and takeover of jobs are proven in test/jobs/kill.test.ts.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/server/app.js';
import { startServer, type Listening } from '../../src/server/listen.js';
import { AwsError } from '../../src/protocol/errors.js';
import { NonRetryableJobError } from '../../src/jobs/errors.js';
import type { JobKind } from '../../src/jobs/types.js';
import type { JobDeps } from '../../src/server/job-kinds.js';

const ROOT = { accessKeyId: 'AKIAROLEGATEJOBS0001', secretAccessKey: 'jobs-test-secret-00000000000000000000000' };
const ACCOUNT = '111122223333';
const dir = mkdtempSync(join(tmpdir(), 'rolegate-jobs-acting-'));

/** Reads a role's description as the customer's role, the way Pinpoint reads the customer's bucket. */
const readAsCustomer: JobKind<{ described?: string }, { roleArn: string; target: string; appArn: string }, JobDeps> = {
  kind: 'test.read-as-customer',
  async step(job, ctx) {
    try {
      const session = await ctx.acting.assumeRoleAsService({
        service: 'pinpoint.amazonaws.com', roleArn: job.input.roleArn, sessionName: 'job', sourceAccount: job.accountId, sourceArn: job.input.appArn,
      });
      const out = await ctx.acting.call<{ Role: { Description?: string } }>(session.caller, 'iam', 'GetRole', { RoleName: job.input.target });
      return { checkpoint: { described: out.Role.Description }, progress: { Read: 1 }, done: true };
    } catch (e) {
      // A refusal is the job's answer, not a reason to retry (Pinpoint fails its job with the reason).
      if (e instanceof AwsError && e.code === 'AccessDenied') throw new NonRetryableJobError(e.message);
      throw e;
    }
  },
};

let app: App;
let server: Listening;
before(async () => {
  const config = loadConfig([], {
    ROLEGATE_DATA: dir, ROLEGATE_PORT: '0', ROLEGATE_ACCOUNT_ID: ACCOUNT, ROLEGATE_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
    ROLEGATE_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey, ROLEGATE_JOB_POLL_MS: '20', ROLEGATE_JOB_LEASE_MS: '3000',
  });
  ({ app } = await createApp(config, { info() {}, error() {} }, { jobKinds: [readAsCustomer] }));
  server = await startServer(app);
  app.jobs.start();
  const addr = server.address();
  const iam = new IAMClient({ endpoint: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
  const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }] });
  await iam.send(new CreateRoleCommand({ RoleName: 'PinpointReader', AssumeRolePolicyDocument: trust('pinpoint.amazonaws.com') }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'PinpointReader', PolicyName: 'read', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetRole', Resource: `arn:aws:iam::${ACCOUNT}:role/Target` }] }) }));
  await iam.send(new CreateRoleCommand({ RoleName: 'FirehoseOnly', AssumeRolePolicyDocument: trust('firehose.amazonaws.com') }));
  await iam.send(new CreateRoleCommand({ RoleName: 'Target', Description: 'read by a job', AssumeRolePolicyDocument: trust('pinpoint.amazonaws.com') }));
});
after(async () => {
  await app.jobs.stop();
  server.closeAllConnections();
  await new Promise((r) => server.close(() => r(undefined)));
  await app.decisions?.close();
  await app.store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function finished(id: string) {
  for (let i = 0; i < 250; i++) {
    const job = await app.store.jobs.get(id);
    if (job && (job.state === 'SUCCEEDED' || job.state === 'FAILED')) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`job ${id} did not finish in time`);
}

const appArn = `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/app1`;

test("a job reads with the customer's role, assumed as the service principal, and every call is in the decision log", async () => {
  const { id } = await app.jobs.enqueue({ kind: readAsCustomer.kind, accountId: ACCOUNT, input: { roleArn: `arn:aws:iam::${ACCOUNT}:role/PinpointReader`, target: 'Target', appArn } });
  const job = await finished(id);
  assert.equal(job.state, 'SUCCEEDED', job.lastError ?? '');
  assert.deepEqual(job.checkpoint, { described: 'read by a job' });
  assert.deepEqual(job.progress, { Read: 1 });
  await app.decisions!.flush();
  const assumed = await app.store.decisions.list({ principal: 'pinpoint.amazonaws.com', action: 'sts:AssumeRole', result: 'Allowed' }, { maxItems: 5 });
  assert.ok(assumed.items.some((d) => d.resource === `arn:aws:iam::${ACCOUNT}:role/PinpointReader`));
  const read = await app.store.decisions.list({ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/PinpointReader/job`, action: 'iam:GetRole' }, { maxItems: 5 });
  assert.equal(read.items[0]?.result, 'Allowed');
  assert.equal(read.items[0]?.resource, `arn:aws:iam::${ACCOUNT}:role/Target`);
});

test("the role's own policy still decides: reading another role is refused, and the job fails with IAM's reason", async () => {
  const { id } = await app.jobs.enqueue({ kind: readAsCustomer.kind, accountId: ACCOUNT, input: { roleArn: `arn:aws:iam::${ACCOUNT}:role/PinpointReader`, target: 'FirehoseOnly', appArn } });
  const job = await finished(id);
  assert.equal(job.state, 'FAILED');
  assert.equal(job.lastError, `User: arn:aws:sts::${ACCOUNT}:assumed-role/PinpointReader/job is not authorized to perform: iam:GetRole on resource: arn:aws:iam::${ACCOUNT}:role/FirehoseOnly because no identity-based policy allows the iam:GetRole action`);
  assert.equal(job.attempts, 1);
});

test('a role that does not trust the service fails the job with STS\'s AccessDenied, at once', async () => {
  const { id } = await app.jobs.enqueue({ kind: readAsCustomer.kind, accountId: ACCOUNT, input: { roleArn: `arn:aws:iam::${ACCOUNT}:role/FirehoseOnly`, target: 'Target', appArn } });
  const job = await finished(id);
  assert.equal(job.state, 'FAILED');
  assert.equal(job.lastError, `User: pinpoint.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/FirehoseOnly`);
});
