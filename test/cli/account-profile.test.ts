// `rolegate account profile`: a ready AWS CLI profile for an account's root, written into the files
// the AWS CLI reads (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), then used by the real AWS CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsCli, cliDiagnostic } from '../support/cli.js';
import { startRolegate, TEST_ACCOUNT, TEST_ROOT } from '../support/server.js';

const cli = awsCli();
const OTHER = '444455556666';

function rolegate(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/rolegate.js', 'account', ...args], {
    encoding: 'utf8', timeout: 30_000, env: { ...process.env, ROLEGATE_MASTER_KEY: '', ROLEGATE_MASTER_KEY_FILE: '', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The AWS CLI with nothing but the profile's files: no key in the environment. */
function aws(files: Record<string, string>, home: string, args: string[]) {
  const r = spawnSync(cli.path, args, {
    encoding: 'utf8', timeout: 60_000,
    env: { PATH: process.env.PATH, HOME: home, AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1', ...files },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('account profile writes [profile NAME] and [NAME] beside the other profiles, and the AWS CLI signs in with it', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-profile-'));
  const dataDir = join(dir, 'data');
  const server = await startRolegate({ dataDir, env: { ROLEGATE_ACCOUNTS: OTHER } });
  try {
    const config = join(dir, 'aws', 'config');
    const credentials = join(dir, 'aws', 'credentials');
    const files = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
    spawnSync('mkdir', ['-p', join(dir, 'aws')]);
    const configBefore = '# kept as written\n[default]\nregion = eu-west-1\noutput = json\n\n[profile rg]\nregion = ap-south-1\n\n[profile work]\nregion = us-west-2\n';
    const credentialsBefore = '[default]\naws_access_key_id = AKIADEFAULTEXAMPLE01\naws_secret_access_key = default-secret\n';
    writeFileSync(config, configBefore, { mode: 0o644 });
    writeFileSync(credentials, credentialsBefore, { mode: 0o644 });
    // As the server was started: its data folder, account, keys and port give the profile.
    const env = {
      ...files, ROLEGATE_DATA: dataDir, ROLEGATE_ACCOUNT_ID: TEST_ACCOUNT, ROLEGATE_PORT: String(server.port),
      ROLEGATE_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
    };
    const written = rolegate(env, 'profile', '--name', 'rg');
    assert.equal(written.status, 0, written.stderr);
    assert.equal(written.stdout, `profile rg (account ${TEST_ACCOUNT}, root access key ${TEST_ROOT.accessKeyId}, ${server.endpoint}):\n  [profile rg] in ${config}\n  [rg] in ${credentials}\n`);
    assert.ok(!written.stdout.includes(TEST_ROOT.secretAccessKey) && !written.stderr.includes(TEST_ROOT.secretAccessKey));
    const section = `[profile rg]\nregion = us-east-1\nendpoint_url = ${server.endpoint}\n`;
    assert.equal(readFileSync(config, 'utf8'), configBefore.replace('[profile rg]\nregion = ap-south-1\n', section));
    const expectedCredentials = `${credentialsBefore}\n[rg]\naws_access_key_id = ${TEST_ROOT.accessKeyId}\naws_secret_access_key = ${TEST_ROOT.secretAccessKey}\n`;
    assert.equal(readFileSync(credentials, 'utf8'), expectedCredentials);
    assert.equal(statSync(credentials).mode & 0o777, 0o600);
    assert.equal(statSync(config).mode & 0o777, 0o644, "the config file's mode is kept");

    // The CLI v2 here (2.9) ignores endpoint_url in a profile, so it is given again on the command line.
    const me = aws(files, dir, ['--profile', 'rg', '--endpoint-url', server.endpoint, 'sts', 'get-caller-identity', '--output', 'json']);
    assert.equal(me.status, 0, me.stderr);
    assert.deepEqual(JSON.parse(me.stdout), { UserId: TEST_ACCOUNT, Account: TEST_ACCOUNT, Arn: `arn:aws:iam::${TEST_ACCOUNT}:root` });
    const region = aws(files, dir, ['configure', 'get', 'region', '--profile', 'rg']);
    assert.equal(region.stdout.trim(), 'us-east-1');

    // Written again: the same files, no second section.
    assert.equal(rolegate(env, 'profile', '--name', 'rg').status, 0);
    assert.equal(readFileSync(credentials, 'utf8'), expectedCredentials);

    // Another account whose only root key is inactive: the profile gets a fresh key, within the quota.
    const [otherKey] = rolegate(env, 'keys', OTHER).stdout.trim().split('\t');
    assert.equal(rolegate(env, 'deactivate-key', OTHER, otherKey).status, 0);
    const fresh = rolegate(env, 'profile', '--name', 'other', OTHER, '--endpoint-url', `http://localhost:${server.port}`);
    assert.equal(fresh.status, 0, fresh.stderr);
    const made = /made (AKIA[A-Z0-9]{16}) for the profile/.exec(fresh.stderr);
    assert.ok(made, fresh.stderr);
    assert.notEqual(made[1], otherKey);
    assert.ok(readFileSync(config, 'utf8').endsWith(`[profile work]\nregion = us-west-2\n\n[profile other]\nregion = us-east-1\nendpoint_url = http://localhost:${server.port}\n`));
    const other = aws(files, dir, ['--profile', 'other', '--endpoint-url', server.endpoint, 'sts', 'get-caller-identity', '--output', 'json']);
    assert.equal(other.status, 0, other.stderr);
    assert.equal(JSON.parse(other.stdout).Account, OTHER);
    assert.equal(JSON.parse(other.stdout).Arn, `arn:aws:iam::${OTHER}:root`);
    // The default profile is still the one it was.
    assert.ok(readFileSync(credentials, 'utf8').startsWith(credentialsBefore));
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('account profile refuses a name that would break the files, and a port chosen at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-profile-args-'));
  try {
    const env = { ROLEGATE_DATA: join(dir, 'data'), AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
    assert.equal(rolegate(env, 'create', TEST_ACCOUNT).status, 0);
    const bad = rolegate(env, 'profile', '--name', 'a]b', TEST_ACCOUNT);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'rolegate: --name "a]b": a profile name is letters, digits and _ . + @ = , : - (at most 64)\n');
    const zero = rolegate({ ...env, ROLEGATE_PORT: '0' }, 'profile', '--name', 'rg', TEST_ACCOUNT);
    assert.equal(zero.status, 2);
    assert.equal(zero.stderr, 'rolegate: the configured port is 0 (chosen when the server starts): give --endpoint-url http://HOST:PORT\n');
    assert.equal(spawnSync('test', ['-e', join(dir, 'credentials')]).status, 1, 'nothing was written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
