// The AWS CLI v2 against IAM's credentials: a password policy and a login profile, an account alias,
// an SSH key uploaded from a file and read back as PEM, and the credential report, as a user would
// type them; and a policy violation as the CLI prints it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRolegate, TEST_ACCOUNT, type Rolegate } from '../../support/server.js';
import { awsCli, runCli, cliDiagnostic } from '../../support/cli.js';

const cli = awsCli();
let server: Rolegate;
let dir: string;
before(async () => {
  server = await startRolegate();
  dir = mkdtempSync(join(tmpdir(), 'rolegate-cli-ssh-'));
});
after(async () => {
  if (server) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => {
  const r = runCli(cli, server.endpoint, server.credentials, ['iam', ...args], dir);
  assert.equal(r.status, 0, r.stderr);
  return r.json;
};

test('aws iam update-account-password-policy, create-login-profile and get-login-profile; a weak password is refused', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  run('update-account-password-policy', '--minimum-password-length', '12', '--require-numbers', '--max-password-age', '30');
  const policy = run('get-account-password-policy').PasswordPolicy;
  assert.equal(policy.MinimumPasswordLength, 12);
  assert.equal(policy.RequireNumbers, true);
  assert.equal(policy.ExpirePasswords, true);
  assert.equal(policy.MaxPasswordAge, 30);
  run('create-user', '--user-name', 'alice');
  const weak = runCli(cli, server.endpoint, server.credentials, ['iam', 'create-login-profile', '--user-name', 'alice', '--password', 'short1'], dir);
  assert.notEqual(weak.status, 0);
  assert.match(weak.stderr, /An error occurred \(PasswordPolicyViolation\) when calling the CreateLoginProfile operation( \(reached max retries: 0\))?: Password does not conform to the account password policy\./);
  assert.equal(weak.stderr.includes('short1'), false);
  const created = run('create-login-profile', '--user-name', 'alice', '--password', 'long-enough-123', '--password-reset-required').LoginProfile;
  assert.equal(created.UserName, 'alice');
  assert.equal(created.PasswordResetRequired, true);
  assert.equal(run('get-login-profile', '--user-name', 'alice').LoginProfile.UserName, 'alice');
});

test('aws iam create-account-alias and list-account-aliases', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  run('create-account-alias', '--account-alias', 'example-corp');
  assert.deepEqual(run('list-account-aliases').AccountAliases, ['example-corp']);
});

test('aws iam upload-ssh-public-key from a file, get-ssh-public-key --encoding PEM, list-ssh-public-keys', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', 'cli@test', '-f', join(dir, 'id_rsa')]);
  const fingerprint = /MD5:(\S+)/.exec(execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', join(dir, 'id_rsa.pub')], { encoding: 'utf8' }))![1];
  run('create-user', '--user-name', 'git-user');
  const up = run('upload-ssh-public-key', '--user-name', 'git-user', '--ssh-public-key-body', 'file://id_rsa.pub').SSHPublicKey;
  assert.match(up.SSHPublicKeyId, /^APKA[A-Z2-7]{16}$/);
  assert.equal(up.Fingerprint, fingerprint);
  const pem = run('get-ssh-public-key', '--user-name', 'git-user', '--ssh-public-key-id', up.SSHPublicKeyId, '--encoding', 'PEM').SSHPublicKey;
  assert.equal(pem.SSHPublicKeyBody, execFileSync('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', join(dir, 'id_rsa.pub')], { encoding: 'utf8' }).trim());
  assert.deepEqual(run('list-ssh-public-keys', '--user-name', 'git-user').SSHPublicKeys.map((k: { SSHPublicKeyId: string }) => k.SSHPublicKeyId), [up.SSHPublicKeyId]);
});

test('aws iam generate-credential-report and get-credential-report', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  run('create-user', '--user-name', 'reporter');
  run('create-login-profile', '--user-name', 'reporter', '--password', 'Reporter-Pass-1');
  assert.equal(run('generate-credential-report').State, 'STARTED');
  assert.equal(run('generate-credential-report').State, 'COMPLETE');
  const got = run('get-credential-report');
  assert.equal(got.ReportFormat, 'text/csv');
  const lines = Buffer.from(got.Content, 'base64').toString('utf8').split('\n');
  assert.match(lines[0], /^user,arn,user_creation_time,password_enabled,/);
  assert.match(lines[1], new RegExp(`^<root_account>,arn:aws:iam::${TEST_ACCOUNT}:root,`));
  assert.ok(lines.some((l) => l.startsWith(`reporter,arn:aws:iam::${TEST_ACCOUNT}:user/reporter,`) && l.split(',')[3] === 'true'));
});
