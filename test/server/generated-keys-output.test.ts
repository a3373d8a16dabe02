// What `rolegate serve` prints, read from its first byte with logging on (no ROLEGATE_QUIET): root
// keys it generates are printed exactly once, on stdout, at the first start (DESIGN.md: "generated
// on first start, persisted, and printed once"), and never again: not on a later line, not in the
// structured log on stderr, not at the next start, not in the decision log, not in plain text in
// the data folder. Secrets handed out later (CreateAccessKey, GetSessionToken) never appear either.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { rejectsWith } from '../support/errors.js';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-printed-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

interface Run { child: ChildProcess; endpoint: string; stdout: () => string; stderr: () => string; stop(): Promise<void> }

/** Starts the built server with logging on and no root keys configured; both streams are read from the start. */
async function serve(): Promise<Run> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('ROLEGATE_')) env[k] = v;
  Object.assign(env, { ROLEGATE_PORT: '0', ROLEGATE_HOST: '127.0.0.1', ROLEGATE_DATA: dataDir, ROLEGATE_ACCOUNT_ID: ACCOUNT, ROLEGATE_ACCOUNTS: OTHER });
  const child = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rolegate did not start in time: ${err}`)), 20_000);
    const onData = () => {
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`rolegate exited with ${code}: ${err}`));
    });
  });
  return {
    child, endpoint: `http://127.0.0.1:${port}`, stdout: () => out, stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const client = <T>(Client: new (c: object) => T, endpoint: string, credentials: Keys): T => new Client({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });

const count = (text: string, needle: string) => text.split(needle).length - 1;

/** Every file of the data folder, as bytes read as latin1 so any plain-text secret shows. */
function dataFolderText(dir: string): string {
  let all = '';
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    all += statSync(p).isDirectory() ? dataFolderText(p) : readFileSync(p).toString('latin1');
  }
  return all;
}

let roots: Record<string, Keys> = {};
const later: string[] = [];

test('the first start prints each generated root secret exactly once, on stdout, and logs none of them', async () => {
  const run = await serve();
  try {
    const blocks = [...run.stdout().matchAll(/rolegate: root credentials of account (\d{12}) \(shown once\)\n {2}AWS_ACCESS_KEY_ID=(\S+)\n {2}AWS_SECRET_ACCESS_KEY=(\S+)\n/g)];
    assert.deepEqual(blocks.map((b) => b[1]).sort(), [ACCOUNT, OTHER]);
    roots = Object.fromEntries(blocks.map((b) => [b[1]!, { accessKeyId: b[2]!, secretAccessKey: b[3]! }]));
    // The printed keys work: they are the accounts' roots.
    for (const [account, keys] of Object.entries(roots)) {
      assert.equal((await client(STSClient, run.endpoint, keys).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${account}:root`);
    }
    // Work that hands out and uses more secrets, and fails in logged ways.
    const iam = client(IAMClient, run.endpoint, roots[ACCOUNT]!);
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    const alice = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    later.push(alice.secretAccessKey);
    await rejectsWith(client(IAMClient, run.endpoint, alice).send(new ListRolesCommand({})), 'AccessDenied', 403);
    const session = (await client(STSClient, run.endpoint, alice).send(new GetSessionTokenCommand({}))).Credentials!;
    later.push(session.SecretAccessKey!, session.SessionToken!);
    await client(STSClient, run.endpoint, { accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey!, sessionToken: session.SessionToken! }).send(new GetCallerIdentityCommand({}));
    await rejectsWith(client(STSClient, run.endpoint, { ...roots[ACCOUNT]!, secretAccessKey: roots[OTHER]!.secretAccessKey }).send(new GetCallerIdentityCommand({})), 'SignatureDoesNotMatch', 403);
    await rejectsWith(client(STSClient, run.endpoint, { ...alice, sessionToken: 'IQo' + Buffer.from('not a token').toString('base64') }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    const basic = `Basic ${Buffer.from(`${roots[ACCOUNT]!.accessKeyId}:${roots[ACCOUNT]!.secretAccessKey}`).toString('base64')}`;
    const decisions = await (await fetch(`${run.endpoint}/_rolegate/decisions`, { headers: { authorization: basic } })).text();
    assert.match(decisions, /iam:ListRoles/, 'the decision log holds the denial');
    for (const s of [...Object.values(roots).map((k) => k.secretAccessKey), ...later]) assert.equal(count(decisions, s), 0, 'a secret in the decision log');
  } finally {
    await run.stop();
  }
  const out = run.stdout();
  const err = run.stderr();
  for (const keys of Object.values(roots)) {
    assert.equal(count(out, keys.secretAccessKey), 1, 'a generated root secret is printed exactly once');
    assert.equal(count(err, keys.secretAccessKey), 0, 'a generated root secret in the log');
  }
  // Printed before the listening line, and nothing after it repeats a secret.
  const tail = out.slice(out.indexOf('rolegate: listening on'));
  for (const s of [...Object.values(roots).map((k) => k.secretAccessKey), ...later]) {
    assert.equal(count(tail, s), 0);
    assert.equal(count(err, s), 0, 'a secret in the log');
  }
  assert.equal(count(out, '(shown once)'), 2);
});

test('a later start prints no secret, the keys still work, and the data folder holds none in plain text', async () => {
  assert.equal(Object.keys(roots).length, 2, 'the first start ran');
  const run = await serve();
  try {
    for (const [account, keys] of Object.entries(roots)) {
      assert.equal((await client(STSClient, run.endpoint, keys).send(new GetCallerIdentityCommand({}))).Account, account);
    }
  } finally {
    await run.stop();
  }
  assert.match(run.stdout(), /^rolegate: listening on http:\/\/127\.0\.0\.1:\d+ /);
  assert.equal(count(run.stdout(), 'shown once'), 0);
  const data = dataFolderText(dataDir);
  for (const s of [...Object.values(roots).map((k) => k.secretAccessKey), ...later]) {
    assert.equal(count(run.stdout(), s), 0);
    assert.equal(count(run.stderr(), s), 0);
    assert.equal(count(data, s), 0, 'a secret in plain text in the data folder');
  }
});
