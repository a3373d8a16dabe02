// Virtual MFA with the real AWS CLI: create-virtual-mfa-device writes the seed or the QR code PNG to
// --outfile, enable-mfa-device takes two consecutive codes, and sts get-session-token with
// --serial-number and --token-code answers credentials that may call IAM.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startRolegate, TEST_ROOT, type Rolegate } from '../../support/server.js';
import { awsCli, cliDiagnostic, runCli } from '../../support/cli.js';
import { fromBase32, stepNow, totp } from '../../support/totp.js';

const cli = awsCli();
let server: Rolegate;
before(async () => {
  server = await startRolegate();
});
after(async () => {
  if (server) await server.stop();
});

test('aws iam create-virtual-mfa-device, enable-mfa-device, then aws sts get-session-token with the code; the session may call IAM', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-mfa-cli-'));
  const png = runCli(cli, server.endpoint, TEST_ROOT, ['iam', 'create-virtual-mfa-device', '--virtual-mfa-device-name', 'ops-qr', '--outfile', 'qr.png', '--bootstrap-method', 'QRCodePNG'], dir);
  assert.equal(png.status, 0, png.stderr);
  assert.deepEqual([...readFileSync(join(dir, 'qr.png')).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

  const created = runCli(cli, server.endpoint, TEST_ROOT, ['iam', 'create-virtual-mfa-device', '--virtual-mfa-device-name', 'ops', '--outfile', 'seed.txt', '--bootstrap-method', 'Base32StringSeed'], dir);
  assert.equal(created.status, 0, created.stderr);
  const serial = created.json.VirtualMFADevice.SerialNumber;
  assert.equal(serial, 'arn:aws:iam::111122223333:mfa/ops');
  const seed = fromBase32(readFileSync(join(dir, 'seed.txt'), 'utf8').trim());

  const iam = server.iam();
  await iam.send(new CreateUserCommand({ UserName: 'ops' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'ops', PolicyName: 'self', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] }) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'ops' }));
  const ops = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  const s = stepNow() - 3;
  const enabled = runCli(cli, server.endpoint, TEST_ROOT, ['iam', 'enable-mfa-device', '--user-name', 'ops', '--serial-number', serial,
    '--authentication-code1', totp(seed, s), '--authentication-code2', totp(seed, s + 1)]);
  assert.equal(enabled.status, 0, enabled.stderr);
  const listed = runCli(cli, server.endpoint, TEST_ROOT, ['iam', 'list-mfa-devices', '--user-name', 'ops']);
  assert.equal(listed.json.MFADevices[0].SerialNumber, serial);

  const session = runCli(cli, server.endpoint, ops, ['sts', 'get-session-token', '--serial-number', serial, '--token-code', totp(seed, stepNow())]);
  assert.equal(session.status, 0, session.stderr);
  const c = session.json.Credentials;
  const me = runCli(cli, server.endpoint, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }, ['iam', 'get-user']);
  assert.equal(me.status, 0, me.stderr);
  assert.equal(me.json.User.UserName, 'ops');

  const stale = runCli(cli, server.endpoint, ops, ['sts', 'get-session-token', '--serial-number', serial, '--token-code', totp(seed, stepNow() - 1)]);
  assert.notEqual(stale.status, 0);
  assert.match(stale.stderr, /AccessDenied.*MultiFactorAuthentication failed with invalid MFA one time pass code\./);
});
