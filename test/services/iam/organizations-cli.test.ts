// The organizations access report with the real AWS CLI: aws iam generate-organizations-access-report
// for a member account's path, then get-organizations-access-report with --sort-key, against a server
// started with ROLEGATE_ORGANIZATION=on. (The CLI installed here predates ListOrganizationsFeatures
// and sts assume-root, which the SDK tests cover.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { printedRoot, startRolegate, TEST_ROOT, type Rolegate } from '../../support/server.js';
import { awsCli, cliDiagnostic, runCli } from '../../support/cli.js';

const MEMBER = '444455556666';
const cli = awsCli();
let server: Rolegate;
before(async () => {
  server = await startRolegate({ env: { ROLEGATE_ORGANIZATION: 'on', ROLEGATE_ACCOUNTS: MEMBER } });
});
after(async () => {
  if (server) await server.stop();
});

test("aws iam generate-organizations-access-report for a member account, then get-organizations-access-report: that account's S3 use, newest first", async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const m = /rolegate: organization (o-[a-z0-9]{10}), root (r-[a-z0-9]{4})/.exec(server.printed)!;
  const path = `${m[1]}/${m[2]}/${MEMBER}`;
  await server.s3(printedRoot(server, MEMBER)).send(new ListBucketsCommand({}));
  const deadline = Date.now() + 5000;
  let report: any;
  do {
    const generated = runCli(cli, server.endpoint, TEST_ROOT, ['iam', 'generate-organizations-access-report', '--entity-path', path]);
    assert.equal(generated.status, 0, generated.stderr);
    assert.match(generated.json.JobId, /^[0-9a-f-]{36}$/);
    const got = runCli(cli, server.endpoint, TEST_ROOT, ['iam', 'get-organizations-access-report', '--job-id', generated.json.JobId, '--sort-key', 'LAST_AUTHENTICATED_TIME_DESCENDING']);
    assert.equal(got.status, 0, got.stderr);
    report = got.json;
  } while (!report.AccessDetails?.[0]?.LastAuthenticatedTime && Date.now() < deadline);
  assert.equal(report.JobStatus, 'COMPLETED');
  const [first, second] = report.AccessDetails;
  assert.deepEqual([first.ServiceNamespace, first.ServiceName, first.EntityPath, first.TotalAuthenticatedEntities], ['s3', 'Amazon S3', path, 1]);
  assert.ok(!Number.isNaN(Date.parse(first.LastAuthenticatedTime)));
  assert.equal(second.LastAuthenticatedTime, undefined, 'the member called nothing else');
  assert.equal(report.NumberOfServicesNotAccessed, report.NumberOfServicesAccessible - 1);

  const wrong = runCli(cli, server.endpoint, TEST_ROOT, ['iam', 'generate-organizations-access-report', '--entity-path', 'x-a1b2c3d4e5/r-f6g7h8i9']);
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /ValidationError.*entityPath/);
});
