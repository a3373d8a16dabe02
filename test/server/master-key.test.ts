// The master key that seals the stored secrets: a start without it, or with another, is refused
// with one line naming the file; the key can live outside the data folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startRolegate, TEST_ACCOUNT, TEST_ROOT, type Credentials, type Rolegate } from '../support/server.js';

/** Runs the built server as startRolegate does and expects it to exit without listening. */
function refusedStart(dataDir: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env, ROLEGATE_PORT: '0', ROLEGATE_HOST: '127.0.0.1', ROLEGATE_DATA: dataDir, ROLEGATE_ACCOUNT_ID: TEST_ACCOUNT,
      ROLEGATE_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey, ROLEGATE_QUIET: '1', ...env,
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.doesNotMatch(r.stdout, /listening/, 'the server does not listen');
  return { status: r.status, stderr: r.stderr };
}

/** A first start that stores secrets: the configured root key and an IAM user's access key. */
async function firstStart(dataDir: string, env: Record<string, string> = {}): Promise<Credentials> {
  const server = await startRolegate({ dataDir, env });
  const iam = server.iam();
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
  await server.stop();
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

async function callerAccount(server: Rolegate, credentials: Credentials): Promise<string | undefined> {
  return (await server.sts(credentials).send(new GetCallerIdentityCommand({}))).Account;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rolegate-master-key-'));
}

test('a data folder whose master.key was removed after secrets were stored is refused at start, naming the file', async () => {
  const dir = tempDir();
  try {
    const dataDir = join(dir, 'data');
    await firstStart(dataDir);
    const keyFile = join(dataDir, 'master.key');
    rmSync(keyFile);
    const r = refusedStart(dataDir);
    assert.equal(r.status, 1);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^rolegate: /);
    assert.ok(lines[0].includes(`${keyFile} is missing`), lines[0]);
    assert.match(lines[0], /ROLEGATE_MASTER_KEY_FILE/);
    // Nothing was replaced: no new key was made beside the secrets it cannot open.
    assert.equal(existsSync(keyFile), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ROLEGATE_MASTER_KEY_FILE outside the data folder opens the stored secrets; another key is refused', async () => {
  const dir = tempDir();
  try {
    const dataDir = join(dir, 'data');
    const alice = await firstStart(dataDir);
    const outside = join(dir, 'keys', 'rolegate.key');
    spawnSync('mkdir', ['-p', join(dir, 'keys')]);
    renameSync(join(dataDir, 'master.key'), outside);

    const server = await startRolegate({ dataDir, env: { ROLEGATE_MASTER_KEY_FILE: outside } });
    try {
      assert.equal(await callerAccount(server, TEST_ROOT), TEST_ACCOUNT);
      assert.equal(await callerAccount(server, alice), TEST_ACCOUNT);
      assert.equal(server.stderr(), '', 'a 0600 key file draws no warning');
    } finally {
      await server.stop({ keepData: true });
    }
    assert.equal(existsSync(join(dataDir, 'master.key')), false, 'the key given from outside is not copied into the data folder');

    const wrong = randomBytes(32).toString('base64');
    const byEnv = refusedStart(dataDir, { ROLEGATE_MASTER_KEY: wrong });
    assert.equal(byEnv.status, 1);
    assert.equal(byEnv.stderr, `rolegate: the master key from ROLEGATE_MASTER_KEY does not open the secrets stored in ${join(dataDir, 'rolegate.db')}: give the key they were sealed with\n`);

    const wrongFile = join(dir, 'keys', 'wrong.key');
    writeFileSync(wrongFile, `${wrong}\n`, { mode: 0o600 });
    const byFile = refusedStart(dataDir, { ROLEGATE_MASTER_KEY_FILE: wrongFile });
    assert.equal(byFile.status, 1);
    assert.ok(byFile.stderr.includes(`the master key from ${wrongFile} does not open the secrets`), byFile.stderr);
    assert.ok(!byFile.stderr.includes(wrong), 'the key is never printed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--master-key-file takes the key file as a flag, and a key file other users can read is started with a warning', async () => {
  const dir = tempDir();
  try {
    const dataDir = join(dir, 'data');
    const keyFile = join(dir, 'shared.key');
    writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n');
    chmodSync(keyFile, 0o644);
    const alice = await firstStart(dataDir, { ROLEGATE_MASTER_KEY_FILE: keyFile });
    assert.equal(existsSync(join(dataDir, 'master.key')), false);
    const server = await startRolegate({ dataDir, env: { ROLEGATE_MASTER_KEY_FILE: keyFile } });
    try {
      assert.equal(await callerAccount(server, alice), TEST_ACCOUNT);
      const deadline = Date.now() + 5_000;
      while (!server.stderr().includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(server.stderr(), `rolegate: warning: ${keyFile} can be read by other users (mode 0644); keep the master key readable by this user only: chmod 600 ${keyFile}\n`);
    } finally {
      await server.stop({ keepData: true });
    }
    // The flag names the file as the variable does (here another key, so the start is refused, naming it).
    const other = join(dir, 'other.key');
    writeFileSync(other, randomBytes(32).toString('base64'), { mode: 0o600 });
    const flagged = spawnSync(process.execPath, ['dist/src/main.js', '--master-key-file', other, '--port', '0', '--data', dataDir], {
      env: { ...process.env, ROLEGATE_QUIET: '1', ROLEGATE_ACCOUNT_ID: TEST_ACCOUNT }, encoding: 'utf8', timeout: 20_000,
    });
    assert.equal(flagged.status, 1);
    assert.ok(flagged.stderr.includes(`the master key from ${other} does not open`), flagged.stderr);
    // Without the key given, the data folder (secrets, no master.key) is refused.
    const r = refusedStart(dataDir);
    assert.equal(r.status, 1);
    assert.ok(r.stderr.includes(`${join(dataDir, 'master.key')} is missing`), r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a master key of the wrong length or format is refused before start, without printing it', () => {
  const dir = tempDir();
  try {
    const dataDir = join(dir, 'data');
    for (const bad of [randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), `${randomBytes(32).toString('hex')}`, 'not a key at all !!!!!!!!!!!!!!!!!!!!!!!!!!']) {
      const r = refusedStart(dataDir, { ROLEGATE_MASTER_KEY: bad });
      assert.equal(r.status, 2, bad.length.toString());
      assert.equal(r.stderr, 'rolegate: ROLEGATE_MASTER_KEY must be a 256-bit key in base64 (32 bytes, 44 characters; `openssl rand -base64 32` makes one)\n');
    }
    const short = join(dir, 'short.key');
    const shortKey = randomBytes(31).toString('base64');
    writeFileSync(short, shortKey, { mode: 0o600 });
    const r = refusedStart(dataDir, { ROLEGATE_MASTER_KEY_FILE: short });
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `rolegate: the master key file ${short} does not hold a 256-bit key in base64 (32 bytes, 44 characters; \`openssl rand -base64 32\` makes one)\n`);
    assert.ok(!r.stderr.includes(shortKey));
    const missing = refusedStart(dataDir, { ROLEGATE_MASTER_KEY_FILE: join(dir, 'nowhere.key') });
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr, `rolegate: the master key file ${join(dir, 'nowhere.key')} cannot be read (ENOENT)\n`);
    const both = refusedStart(dataDir, { ROLEGATE_MASTER_KEY: randomBytes(32).toString('base64'), ROLEGATE_MASTER_KEY_FILE: short });
    assert.equal(both.status, 2);
    assert.equal(both.stderr, 'rolegate: ROLEGATE_MASTER_KEY and ROLEGATE_MASTER_KEY_FILE (--master-key-file): give one of them\n');
    assert.equal(existsSync(join(dataDir, 'master.key')), false, 'a refused start makes no key');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a fresh data folder still makes its master key on first start, mode 0600, and keeps using it', async () => {
  const dir = tempDir();
  try {
    const dataDir = join(dir, 'data');
    const alice = await firstStart(dataDir);
    const key = readFileSync(join(dataDir, 'master.key'), 'utf8');
    const server = await startRolegate({ dataDir });
    try {
      assert.equal(await callerAccount(server, alice), TEST_ACCOUNT);
    } finally {
      await server.stop({ keepData: true });
    }
    assert.equal(readFileSync(join(dataDir, 'master.key'), 'utf8'), key);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
