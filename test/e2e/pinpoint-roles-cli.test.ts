// The seed workflows' IAM steps, run with the real AWS CLI against a started rolegate:
// "IAM role for importing endpoints or segments" and "IAM role for streaming events to Kinesis".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRolegate, type Rolegate } from '../support/server.js';
import { awsCli, runCli, cliDiagnostic } from '../support/cli.js';

const cli = awsCli();
let server: Rolegate;
const dir = mkdtempSync(join(tmpdir(), 'rolegate-cli-'));

const importTrust = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AllowUserToImportEndpointDefinitions', Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const streamTrust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const streamPermissions = {
  Version: '2012-10-17',
  Statement: { Action: ['kinesis:PutRecords', 'kinesis:DescribeStream'], Effect: 'Allow', Resource: ['arn:aws:kinesis:us-east-1:111122223333:stream/stream-name'] },
};

before(async () => {
  server = await startRolegate();
  writeFileSync(join(dir, 'PinpointImportTrustPolicy.json'), JSON.stringify(importTrust, null, 2));
  writeFileSync(join(dir, 'PinpointEventStreamTrustPolicy.json'), JSON.stringify(streamTrust, null, 2));
  writeFileSync(join(dir, 'PinpointEventStreamPermissionsPolicy.json'), JSON.stringify(streamPermissions, null, 4));
});

after(async () => {
  if (server) await server.stop();
});

const aws = (args: string[]) => runCli(cli, server.endpoint, server.credentials, args, dir);

test('aws iam create-role for the segment-import role prints the Role as the seed shows it', (t) => {
  t.diagnostic(cliDiagnostic(cli));
  t.diagnostic(`using ${cli.version}`);
  const r = aws(['iam', 'create-role', '--role-name', 'PinpointSegmentImport', '--assume-role-policy-document', 'file://PinpointImportTrustPolicy.json']);
  assert.equal(r.status, 0, r.stderr);
  const role = r.json.Role;
  assert.deepEqual(Object.keys(r.json), ['Role']);
  // Exactly the keys the seed's output shows: no MaxSessionDuration, no RoleLastUsed.
  assert.deepEqual(Object.keys(role).sort(), ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Path', 'RoleId', 'RoleName']);
  assert.equal(role.RoleName, 'PinpointSegmentImport');
  assert.equal(role.Path, '/');
  assert.equal(role.Arn, 'arn:aws:iam::111122223333:role/PinpointSegmentImport');
  assert.match(role.RoleId, /^AROA[A-Z0-9]{17}$/);
  assert.match(role.CreateDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  assert.deepEqual(role.AssumeRolePolicyDocument, importTrust);
});

test('aws iam attach-role-policy attaches AmazonS3ReadOnlyAccess and prints nothing', (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const r = aws(['iam', 'attach-role-policy', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', '--role-name', 'PinpointSegmentImport']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '');
  const listed = aws(['iam', 'list-attached-role-policies', '--role-name', 'PinpointSegmentImport']);
  assert.deepEqual(listed.json.AttachedPolicies, [{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }]);
});

test('the event-stream role is created and its permissions policy put with put-role-policy', (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const created = aws(['iam', 'create-role', '--role-name', 'PinpointEventStreamRole', '--assume-role-policy-document', 'file://PinpointEventStreamTrustPolicy.json']);
  assert.equal(created.status, 0, created.stderr);
  assert.equal(created.json.Role.Arn, 'arn:aws:iam::111122223333:role/PinpointEventStreamRole');
  assert.deepEqual(Object.keys(created.json.Role).sort(), ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Path', 'RoleId', 'RoleName']);
  assert.deepEqual(created.json.Role.AssumeRolePolicyDocument, streamTrust);
  const put = aws(['iam', 'put-role-policy', '--role-name', 'PinpointEventStreamRole', '--policy-name', 'PinpointEventStreamPermissionsPolicy', '--policy-document', 'file://PinpointEventStreamPermissionsPolicy.json']);
  assert.equal(put.status, 0, put.stderr);
  assert.equal(put.stdout.trim(), '');
  const got = aws(['iam', 'get-role-policy', '--role-name', 'PinpointEventStreamRole', '--policy-name', 'PinpointEventStreamPermissionsPolicy']);
  assert.equal(got.status, 0, got.stderr);
  assert.deepEqual(got.json.PolicyDocument, streamPermissions);
});

test('creating the same role again fails with EntityAlreadyExists in the CLI', (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const r = aws(['iam', 'create-role', '--role-name', 'pinpointsegmentimport', '--assume-role-policy-document', 'file://PinpointImportTrustPolicy.json']);
  assert.ok(r.status === 254 || r.status === 255, `exit ${r.status}`);
  assert.match(r.stderr, /EntityAlreadyExists/);
  assert.match(r.stderr, /Role with name pinpointsegmentimport already exists/);
});
