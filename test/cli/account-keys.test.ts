// Root access keys from the command line (`rolegate account keys|rotate-key|deactivate-key|
// activate-key|delete-key`, bin/rolegate.js on the data folder) and what the server makes of them:
// the start-up warning for a second active root key, and requests signed with a deactivated key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { startRolegate, TEST_ACCOUNT, TEST_ROOT, type Credentials, type Rolegate } from '../support/server.js';
import { rejectsWith } from '../support/errors.js';

const INVALID = 'The security token included in the request is invalid.';

function account(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/rolegate.js', 'account', ...args, '--data', dataDir], {
    encoding: 'utf8', timeout: 30_000, env: { ...process.env, ROLEGATE_DATA: '', ROLEGATE_MASTER_KEY: '', ROLEGATE_MASTER_KEY_FILE: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function keys(dataDir: string): { id: string; status: string; created: string }[] {
  const r = account(dataDir, 'keys', TEST_ACCOUNT);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => {
    const [id, status, created] = l.split('\t');
    return { id, status, created };
  });
}

function printedKeys(text: string): Credentials {
  const id = /AWS_ACCESS_KEY_ID=(\S+)/.exec(text);
  const secret = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(text);
  assert.ok(id && secret, text);
  return { accessKeyId: id[1], secretAccessKey: secret[1] };
}

async function stderrOf(server: Rolegate, includes: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  while (!server.stderr().includes(includes) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return server.stderr();
}

async function caller(server: Rolegate, c: Credentials) {
  return server.sts(c).send(new GetCallerIdentityCommand({}));
}

/** The running server reads a key's row again within a second of a change by another process. */
async function eventuallyRefused(server: Rolegate, c: Credentials): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      await caller(server, c);
    } catch {
      break;
    }
    if (Date.now() > deadline) assert.fail(`${c.accessKeyId} is still accepted 5 s after it was deactivated`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await rejectsWith(caller(server, c), 'InvalidClientTokenId', 403, INVALID);
  await rejectsWith(server.iam(c).send(new ListUsersCommand({})), 'InvalidClientTokenId', 403, INVALID);
  // S3 words it its own way, as for any key it does not accept.
  await rejectsWith(server.s3(c).send(new ListBucketsCommand({})), 'InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.');
}

test('root keys: a second active one is reported at start, listed, rotated within the quota, deactivated (refused by a running server), activated and deleted', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-root-keys-'));
  let server: Rolegate | undefined;
  try {
    // First start without configured keys: one is generated and printed once.
    const first = await startRolegate({ dataDir, env: { ROLEGATE_ROOT_ACCESS_KEY_ID: '', ROLEGATE_ROOT_SECRET_ACCESS_KEY: '' } });
    const generated = printedKeys(first.printed);
    assert.equal(first.stderr(), '');
    await first.stop({ keepData: true });

    // Started again with configured keys: both root keys sign, and the start says so.
    server = await startRolegate({ dataDir });
    const warning = await stderrOf(server, 'delete-key');
    assert.equal(
      warning,
      `rolegate: warning: account ${TEST_ACCOUNT} has another active root access key beside the configured ${TEST_ROOT.accessKeyId}: ` +
        `${generated.accessKeyId} (created ${keys(dataDir).find((k) => k.id === generated.accessKeyId)!.created}); requests signed with it are still accepted. ` +
        `Once no client uses it: \`rolegate account deactivate-key ${TEST_ACCOUNT} ${generated.accessKeyId} --data ${dataDir}\`, ` +
        `then \`rolegate account delete-key ${TEST_ACCOUNT} ${generated.accessKeyId} --data ${dataDir}\`\n`,
    );
    assert.ok(!warning.includes(generated.secretAccessKey) && !warning.includes(TEST_ROOT.secretAccessKey), 'no secret in the warning');
    assert.equal((await caller(server, generated)).Arn, `arn:aws:iam::${TEST_ACCOUNT}:root`);

    const listed = keys(dataDir);
    assert.deepEqual(listed.map((k) => [k.id, k.status]), [[generated.accessKeyId, 'Active'], [TEST_ROOT.accessKeyId, 'Active']]);
    for (const k of listed) assert.ok(!Number.isNaN(Date.parse(k.created)), k.created);
    assert.ok(!account(dataDir, 'keys', TEST_ACCOUNT).stdout.includes(generated.secretAccessKey), 'keys never shows a secret');

    // AWS allows two root keys, inactive ones counted: a third is refused with IAM's quota message.
    const full = account(dataDir, 'rotate-key', TEST_ACCOUNT);
    assert.equal(full.status, 1);
    assert.match(full.stderr, /^rolegate: Cannot exceed quota for AccessKeysPerUser: 2\. /);
    assert.equal(full.stdout, '');

    // Deactivated beside the running server: refused as AWS refuses an inactive key.
    const off = account(dataDir, 'deactivate-key', TEST_ACCOUNT, generated.accessKeyId);
    assert.equal(off.status, 0, off.stderr);
    assert.equal(off.stdout, `${generated.accessKeyId}\tInactive\n`);
    await eventuallyRefused(server, generated);
    assert.equal((await caller(server, TEST_ROOT)).Account, TEST_ACCOUNT, 'the configured key still signs');
    assert.deepEqual(keys(dataDir).map((k) => k.status), ['Inactive', 'Active']);

    // Activated again, it signs again.
    assert.equal(account(dataDir, 'activate-key', TEST_ACCOUNT, generated.accessKeyId).status, 0);
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        assert.equal((await caller(server, generated)).Account, TEST_ACCOUNT);
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    // An active key is not deleted (deactivate first, as the console asks); an inactive one is.
    const active = account(dataDir, 'delete-key', TEST_ACCOUNT, generated.accessKeyId);
    assert.equal(active.status, 1);
    assert.equal(active.stderr, `rolegate: root access key ${generated.accessKeyId} of account ${TEST_ACCOUNT} is active: deactivate it first (rolegate account deactivate-key ${TEST_ACCOUNT} ${generated.accessKeyId}), then delete it\n`);
    assert.equal(account(dataDir, 'deactivate-key', TEST_ACCOUNT, generated.accessKeyId).status, 0);
    const deleted = account(dataDir, 'delete-key', TEST_ACCOUNT, generated.accessKeyId);
    assert.equal(deleted.status, 0, deleted.stderr);
    assert.equal(deleted.stdout, `${generated.accessKeyId}\tdeleted\n`);
    assert.deepEqual(keys(dataDir).map((k) => k.id), [TEST_ROOT.accessKeyId]);
    await eventuallyRefused(server, generated);
    const gone = account(dataDir, 'delete-key', TEST_ACCOUNT, generated.accessKeyId);
    assert.equal(gone.status, 1);
    assert.match(gone.stderr, new RegExp(`^rolegate: The Access Key with id ${generated.accessKeyId} cannot be found\\.`));

    // Rotation: a new key, printed once, signs at once; the old one stays active until deactivated.
    const rotated = account(dataDir, 'rotate-key', TEST_ACCOUNT);
    assert.equal(rotated.status, 0, rotated.stderr);
    const fresh = printedKeys(rotated.stdout);
    assert.match(fresh.accessKeyId, /^AKIA[A-Z0-9]{16}$/);
    assert.match(rotated.stderr, new RegExp(`${TEST_ROOT.accessKeyId} stays active: once no client uses it, \`rolegate account deactivate-key ${TEST_ACCOUNT} ${TEST_ROOT.accessKeyId} --data `));
    assert.equal((await caller(server, fresh)).Arn, `arn:aws:iam::${TEST_ACCOUNT}:root`);
    assert.equal((await caller(server, TEST_ROOT)).Account, TEST_ACCOUNT);
    assert.deepEqual(keys(dataDir).map((k) => [k.id, k.status]), [[TEST_ROOT.accessKeyId, 'Active'], [fresh.accessKeyId, 'Active']]);

    // The configured key, deactivated, stays inactive across a restart with the same configuration.
    assert.equal(account(dataDir, 'deactivate-key', TEST_ACCOUNT, TEST_ROOT.accessKeyId).status, 0);
    await server.stop({ keepData: true });
    server = await startRolegate({ dataDir });
    const inactive = await stderrOf(server, 'is inactive');
    assert.ok(inactive.startsWith(`rolegate: warning: the configured root access key ${TEST_ROOT.accessKeyId} of account ${TEST_ACCOUNT} is inactive, so requests signed with it are refused: activate it with \`rolegate account activate-key ${TEST_ACCOUNT} ${TEST_ROOT.accessKeyId} --data ${dataDir}\``), inactive);
    await rejectsWith(caller(server, TEST_ROOT), 'InvalidClientTokenId', 403, INVALID);
    assert.equal((await caller(server, fresh)).Account, TEST_ACCOUNT);
    await server.stop({ keepData: true });
    server = undefined;

    // A configured key that would be a third root key stops the start, naming the two.
    assert.equal(account(dataDir, 'activate-key', TEST_ACCOUNT, TEST_ROOT.accessKeyId).status, 0);
    const third = spawnSync(process.execPath, ['dist/src/main.js'], {
      env: { ...process.env, ROLEGATE_PORT: '0', ROLEGATE_DATA: dataDir, ROLEGATE_ACCOUNT_ID: TEST_ACCOUNT, ROLEGATE_QUIET: '1', ROLEGATE_ROOT_ACCESS_KEY_ID: 'AKIAROLEGATETEST0003', ROLEGATE_ROOT_SECRET_ACCESS_KEY: 'third-secret-000000000000000000000000000' },
      encoding: 'utf8', timeout: 20_000,
    });
    assert.equal(third.status, 1);
    assert.equal(
      third.stderr,
      `rolegate: account ${TEST_ACCOUNT} has 2 root access keys already, ${[TEST_ROOT.accessKeyId, fresh.accessKeyId].sort().map((k) => `${k} (Active)`).join(', ')}, and the configured AKIAROLEGATETEST0003 would be one more: Cannot exceed quota for AccessKeysPerUser: 2\n`,
    );
  } finally {
    await server?.stop({ keepData: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('account commands check their arguments and the data folder before touching anything', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-root-keys-args-'));
  try {
    const empty = join(dir, 'none');
    const r = account(empty, 'keys', TEST_ACCOUNT);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `rolegate: ${empty} holds no rolegate data (no ${join(empty, 'rolegate.db')}): give the server's --data DIR or ROLEGATE_DATA\n`);
    for (const args of [['keys'], ['keys', '12345'], ['deactivate-key', TEST_ACCOUNT], ['rotate-key', TEST_ACCOUNT, 'extra'], ['frobnicate', TEST_ACCOUNT], ['profile', TEST_ACCOUNT]]) {
      const u = account(empty, ...args);
      assert.equal(u.status, 2, args.join(' '));
      assert.match(u.stderr, /^usage: rolegate account create ACCOUNT_ID/);
      assert.match(u.stderr, /rolegate account rotate-key ACCOUNT_ID/);
    }
    assert.equal(account(dir, 'create', TEST_ACCOUNT).status, 0);
    const other = account(dir, 'deactivate-key', '444455556666', 'AKIAROLEGATETEST0001');
    assert.equal(other.status, 1);
    assert.equal(other.stderr, 'rolegate: account 444455556666 is not in this data folder\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
