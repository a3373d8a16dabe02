// The AWS CLI with temporary credentials: after AssumeRole, `aws sts get-caller-identity` prints the
// assumed-role ARN, as it does against AWS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startRolegate, type Rolegate } from '../../support/server.js';
import { awsCli, runCli, cliDiagnostic } from '../../support/cli.js';

const cli = awsCli();
let server: Rolegate;
before(async () => {
  server = await startRolegate();
});
after(async () => {
  if (server) await server.stop();
});

test('aws sts assume-role, then aws sts get-caller-identity with the session prints the assumed-role ARN', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const iam = server.iam();
  await iam.send(new CreateUserCommand({ UserName: 'ops' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'ops', PolicyName: 'assume', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'ops' }));
  await iam.send(new CreateRoleCommand({ RoleName: 'PinpointEventStreamRole', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }] }) }));
  const ops = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  const assumed = runCli(cli, server.endpoint, ops, ['sts', 'assume-role', '--role-arn', 'arn:aws:iam::111122223333:role/PinpointEventStreamRole', '--role-session-name', 'cli-session']);
  assert.equal(assumed.status, 0, assumed.stderr);
  assert.deepEqual(Object.keys(assumed.json).sort(), ['AssumedRoleUser', 'Credentials']);
  const c = assumed.json.Credentials;
  assert.match(c.AccessKeyId, /^ASIA/);
  assert.ok(c.Expiration);
  const who = runCli(cli, server.endpoint, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }, ['sts', 'get-caller-identity']);
  assert.equal(who.status, 0, who.stderr);
  assert.equal(who.json.Arn, 'arn:aws:sts::111122223333:assumed-role/PinpointEventStreamRole/cli-session');
  assert.equal(who.json.Account, '111122223333');
  assert.match(who.json.UserId, /^AROA[A-Z2-7]{17}:cli-session$/);
  const denied = runCli(cli, server.endpoint, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }, ['iam', 'list-users']);
  assert.notEqual(denied.status, 0);
  assert.match(denied.stderr, /AccessDenied/);
  assert.match(denied.stderr, /assumed-role\/PinpointEventStreamRole\/cli-session is not authorized to perform: iam:ListUsers/);
});
