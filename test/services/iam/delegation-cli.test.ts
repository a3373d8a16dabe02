// The AWS CLI v2 through IAM temporary delegation, as a partner and a customer would type it: the
// partner's template and request, the customer's associate, update, accept and send, the token from
// the partner's topic messages, get-delegated-access-token, and the delegated credentials allowed
// what was delegated and refused the rest. The Debian CLI (2.9.19) predates these operations: it is
// given IAM's and STS's models from models/aws/ in ~/.aws/models, as `aws configure add-model` does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basicAuth, startRolegate, TEST_ACCOUNT, type Credentials, type Rolegate } from '../../support/server.js';
import { awsCli, cliDiagnostic, runCli } from '../../support/cli.js';

const PARTNER = '444455556666';
const TOPIC = `arn:aws:sns:us-east-1:${PARTNER}:delegation-updates`;
const cli = awsCli();
let server: Rolegate;
let partner: Credentials;
let home: string;

before(async () => {
  server = await startRolegate({ env: { ROLEGATE_ACCOUNTS: PARTNER } });
  const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(server.printed)!;
  partner = { accessKeyId: m[1], secretAccessKey: m[2] };
  home = mkdtempSync(join(tmpdir(), 'rolegate-cli-delegation-'));
  for (const [service, version] of [['iam', '2010-05-08'], ['sts', '2011-06-15']]) {
    mkdirSync(join(home, '.aws', 'models', service, version), { recursive: true });
    copyFileSync(new URL(`../../../models/aws/${service}-${version}.json`, import.meta.url), join(home, '.aws', 'models', service, version, 'service-2.json'));
  }
});
after(async () => {
  if (server) await server.stop();
  rmSync(home, { recursive: true, force: true });
});

const cliAs = (credentials: Credentials, args: string[]) => runCli(cli, server.endpoint, credentials, args, home, home);
const ok = (credentials: Credentials, ...args: string[]) => {
  const r = cliAs(credentials, args);
  assert.equal(r.status, 0, r.stderr);
  return r.json;
};

test('aws iam create-delegation-request … send-delegation-token, then aws sts get-delegated-access-token and the delegated credentials', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const customer = server.credentials;
  const template = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:CreateBucket', Resource: 'arn:aws:s3:::@{bucketName}' }] });
  writeFileSync(join(home, 'template.json'), template);
  const policyArn = ok(partner, 'iam', 'create-policy', '--policy-name', 'BucketSetup', '--policy-document', 'file://template.json').Policy.Arn;
  const permissions = JSON.stringify({ PolicyTemplateArn: policyArn, Parameters: [{ Name: 'bucketName', Values: ['cli-bucket'], Type: 'string' }] });
  const id = ok(partner, 'iam', 'create-delegation-request', '--owner-account-id', TEST_ACCOUNT, '--description', 'Set up a bucket',
    '--permissions', permissions, '--requestor-workflow-id', 'cli-workflow-1', '--notification-channel', TOPIC, '--session-duration', '900').DelegationRequestId;
  assert.match(id, /^[\w-]{16,128}$/);

  ok(customer, 'iam', 'associate-delegation-request', '--delegation-request-id', id);
  ok(customer, 'iam', 'update-delegation-request', '--delegation-request-id', id, '--notes', 'for approval');
  const got = ok(customer, 'iam', 'get-delegation-request', '--delegation-request-id', id).DelegationRequest;
  assert.equal(got.State, 'PENDING_APPROVAL');
  assert.equal(got.Notes, 'for approval');
  assert.equal(got.OwnerId, `arn:aws:iam::${TEST_ACCOUNT}:root`);
  assert.deepEqual(JSON.parse(got.PermissionPolicy).Statement[0].Resource, 'arn:aws:s3:::cli-bucket');
  const summary = ok(customer, 'iam', 'get-human-readable-summary', '--entity-arn', `arn:aws:iam::${TEST_ACCOUNT}:delegation-request/${id}`);
  assert.equal(summary.SummaryState, 'AVAILABLE');
  assert.match(summary.SummaryContent, /Allows s3:CreateBucket on arn:aws:s3:::cli-bucket/);
  ok(customer, 'iam', 'accept-delegation-request', '--delegation-request-id', id);
  const listed = ok(customer, 'iam', 'list-delegation-requests');
  assert.deepEqual(listed.DelegationRequests.map((r: { DelegationRequestId: string; State: string }) => [r.DelegationRequestId, r.State]), [[id, 'ACCEPTED']]);
  ok(customer, 'iam', 'send-delegation-token', '--delegation-request-id', id);
  const again = cliAs(customer, ['iam', 'send-delegation-token', '--delegation-request-id', id]);
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /InvalidInput.*state FINALIZED/);

  const r = await server.fetch(`/_rolegate/iam/delegation-notifications?topic=${encodeURIComponent(TOPIC)}`, { headers: { authorization: basicAuth(partner) } });
  const messages = (JSON.parse(r.body) as { Notifications: { Message: string }[] }).Notifications.map((n) => JSON.parse(n.Message) as Record<string, string>);
  const token = messages.find((m) => m.State === 'FINALIZED')!.ExchangeToken;
  const out = ok(partner, 'sts', 'get-delegated-access-token', '--trade-in-token', token);
  assert.equal(out.AssumedPrincipal, `arn:aws:iam::${TEST_ACCOUNT}:root`);
  const used = cliAs(partner, ['sts', 'get-delegated-access-token', '--trade-in-token', token]);
  assert.notEqual(used.status, 0);
  assert.match(used.stderr, /ExpiredTradeInTokenException/);
  assert.ok(!used.stderr.includes(token));

  const delegated: Credentials = { accessKeyId: out.Credentials.AccessKeyId, secretAccessKey: out.Credentials.SecretAccessKey, sessionToken: out.Credentials.SessionToken };
  ok(delegated, 's3api', 'create-bucket', '--bucket', 'cli-bucket');
  const other = cliAs(delegated, ['s3api', 'create-bucket', '--bucket', 'not-delegated']);
  assert.notEqual(other.status, 0);
  assert.match(other.stderr, /AccessDenied/);
  const iam = cliAs(delegated, ['iam', 'list-users']);
  assert.notEqual(iam.status, 0);
  assert.match(iam.stderr, /AccessDenied.*iam:ListUsers/);

  const second = ok(partner, 'iam', 'create-delegation-request', '--description', 'Another', '--permissions', permissions,
    '--requestor-workflow-id', 'cli-workflow-2', '--notification-channel', TOPIC, '--session-duration', '900').DelegationRequestId;
  ok(customer, 'iam', 'associate-delegation-request', '--delegation-request-id', second);
  ok(customer, 'iam', 'reject-delegation-request', '--delegation-request-id', second, '--notes', 'not now');
  assert.equal(ok(customer, 'iam', 'get-delegation-request', '--delegation-request-id', second).DelegationRequest.RejectionReason, 'not now');
});
