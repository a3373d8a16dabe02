// The decision log from outside: the /_rolegate/decisions routes and `rolegate explain`, `log` and
// `policy suggest` against a real app on a socket, with real decisions made by IAM calls through
// the AWS SDK. The server is wired here exactly as listen.ts and app.ts are asked to wire it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, DeleteRoleCommand, GetUserCommand, IAMClient, ListRolesCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/server/app.js';
import { handle } from '../../src/server/pipeline.js';
import { createLog } from '../../src/shared/log.js';
import { DecisionLog } from '../../src/decisions/decision-log.js';
import { adminRoute } from '../../src/decisions/routes.js';
import type { DecisionRecord } from '../../src/shared/decision-record.js';
import { parsePolicy } from '../../src/policy/index.js';
import { main as explainMain } from '../../src/cli/explain.js';
import { main as logMain } from '../../src/cli/log.js';
import { main as suggestMain } from '../../src/cli/policy-suggest.js';
import type { CliIo } from '../../src/cli/admin-client.js';
import { startRolegate } from '../support/server.js';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const ROOT = { accessKeyId: 'AKIAROLEGATEDECISION', secretAccessKey: 'decision-cli-test-secret-00000000000000000' };
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;

let dir: string;
let app: App;
let decisions: DecisionLog;
let server: Server;
let endpoint: string;
let alice: { accessKeyId: string; secretAccessKey: string };
let otherRoot: { accessKeyId: string; secretAccessKey: string };
const requestIds: Record<string, string> = {};

const iam = (credentials: { accessKeyId: string; secretAccessKey: string }) => new IAMClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
const basic = (c: { accessKeyId: string; secretAccessKey: string }) => `Basic ${Buffer.from(`${c.accessKeyId}:${c.secretAccessKey}`).toString('base64')}`;
const get = (path: string, c: { accessKeyId: string; secretAccessKey: string } | null = ROOT) =>
  fetch(`${endpoint}${path}`, c ? { headers: { authorization: basic(c) } } : {});

/** How long a test reading a live stream waits for one event, and for the whole test. */
const EVENT_WAIT_MS = 5_000;
const STREAM_TEST_MS = 15_000;

/** The promise's value, or a failure naming what did not happen once EVENT_WAIT_MS have passed. */
async function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), EVENT_WAIT_MS)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a request that must be refused; returns its request id. */
async function denied(send: () => Promise<unknown>): Promise<string> {
  try {
    await send();
  } catch (e) {
    const err = e as { name: string; $metadata: { requestId?: string } };
    assert.equal(err.name, 'AccessDenied');
    return err.$metadata.requestId!;
  }
  throw new Error('expected AccessDenied');
}

function io(extra: Partial<CliIo> = {}): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t), err: (t) => void (err += t),
    env: { ROLEGATE_ENDPOINT: endpoint, AWS_ACCESS_KEY_ID: ROOT.accessKeyId, AWS_SECRET_ACCESS_KEY: ROOT.secretAccessKey },
    stdout: () => out, stderr: () => err, ...extra,
  };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rolegate-decision-cli-'));
  const config = loadConfig([], {
    ROLEGATE_DATA: dir, ROLEGATE_PORT: '0', ROLEGATE_ACCOUNT_ID: ACCOUNT, ROLEGATE_ACCOUNTS: OTHER,
    ROLEGATE_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
  });
  const created = await createApp(config, createLog(true));
  app = created.app;
  otherRoot = created.printed.find((p) => p.accountId === OTHER)!.keys;
  decisions = new DecisionLog(app.store, app.log);
  app.decisions = decisions;
  server = createServer((req, res) => {
    if (adminRoute(app, decisions, req, res)) return;
    handle(req, res, app).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const root = iam(ROOT);
  await root.send(new CreateUserCommand({ UserName: 'alice' }));
  const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
  alice = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  await root.send(new PutUserPolicyCommand({
    UserName: 'alice', PolicyName: 'guard',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoRoleDeletes', Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] }),
  }));
  const a = iam(alice);
  requestIds.listRoles = await denied(() => a.send(new ListRolesCommand({})));
  requestIds.getUser = await denied(() => a.send(new GetUserCommand({ UserName: 'alice' })));
  requestIds.deleteRole = await denied(() => a.send(new DeleteRoleCommand({ RoleName: 'anything' })));
});

after(async () => {
  await new Promise<void>((r) => {
    server.close(() => r());
    server.closeAllConnections();
  });
  await decisions.close();
  await app.store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the admin routes answer 401 without an account root: no header, a wrong secret, a user key', async () => {
  for (const c of [null, { ...ROOT, secretAccessKey: 'wrong' }, alice, { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: 'x' }]) {
    const r = await get('/_rolegate/decisions', c);
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'Basic realm="rolegate"');
    const text = await r.text();
    assert.ok(!text.includes(ROOT.secretAccessKey) && !text.includes(alice.secretAccessKey));
    assert.ok(JSON.parse(text).message);
  }
});

test('GET /_rolegate/decisions lists the account\'s decisions newest first, filtered and paged', async () => {
  const all = (await (await get(`/_rolegate/decisions?principal=${encodeURIComponent(ALICE)}`)).json()) as { decisions: DecisionRecord[]; marker?: string };
  assert.deepEqual(all.decisions.map((d) => d.action), ['iam:DeleteRole', 'iam:GetUser', 'iam:ListRoles']);
  assert.equal(all.marker, undefined);
  const explicit = all.decisions[0]!;
  assert.equal(explicit.result, 'ExplicitlyDenied');
  assert.equal(explicit.decidedBy[0]!.sid, 'NoRoleDeletes');
  assert.deepEqual(all.decisions[1]!.suggestion, { Effect: 'Allow', Action: 'iam:GetUser', Resource: ALICE });

  const page1 = (await (await get(`/_rolegate/decisions?principal=${encodeURIComponent(ALICE)}&maxItems=2`)).json()) as { decisions: DecisionRecord[]; marker?: string };
  assert.equal(page1.decisions.length, 2);
  assert.ok(page1.marker);
  const page2 = (await (await get(`/_rolegate/decisions?principal=${encodeURIComponent(ALICE)}&maxItems=2&marker=${page1.marker}`)).json()) as { decisions: DecisionRecord[]; marker?: string };
  assert.deepEqual(page2.decisions.map((d) => d.action), ['iam:ListRoles']);

  const implicit = (await (await get(`/_rolegate/decisions?result=ImplicitlyDenied&principal=${encodeURIComponent(ALICE)}`)).json()) as { decisions: DecisionRecord[] };
  assert.deepEqual(implicit.decisions.map((d) => d.action), ['iam:GetUser', 'iam:ListRoles']);
  const deniedOnly = (await (await get('/_rolegate/decisions?result=Denied&maxItems=1000')).json()) as { decisions: DecisionRecord[] };
  assert.ok(deniedOnly.decisions.length >= 3 && deniedOnly.decisions.every((d) => d.result !== 'Allowed'));
  const future = (await (await get('/_rolegate/decisions?since=2999-01-01')).json()) as { decisions: DecisionRecord[] };
  assert.deepEqual(future.decisions, []);
});

test('bad parameters answer 400 JSON; another account\'s id answers 403', async () => {
  for (const q of ['maxItems=0', 'maxItems=1001', 'maxItems=ten', 'result=Maybe', 'since=yesterday', 'marker=abc', 'princpal=x', 'action=a&action=b']) {
    const r = await get(`/_rolegate/decisions?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.ok(((await r.json()) as { message: string }).message, q);
  }
  assert.equal((await get(`/_rolegate/decisions?accountId=${OTHER}`)).status, 403);
  assert.equal((await fetch(`${endpoint}/_rolegate/decisions`, { method: 'DELETE', headers: { authorization: basic(ROOT) } })).status, 405);
});

test('an account root sees only its own account\'s decisions', async () => {
  const other = (await (await get('/_rolegate/decisions', otherRoot)).json()) as { decisions: DecisionRecord[] };
  assert.ok(other.decisions.every((d) => d.accountId === OTHER));
  assert.ok(!other.decisions.some((d) => d.principal === ALICE));
  assert.equal((await get(`/_rolegate/decisions/${requestIds.getUser}`, otherRoot)).status, 404);
});

test('GET /_rolegate/decisions/<requestId> explains the request; an unknown id is 404', async () => {
  const r = await get(`/_rolegate/decisions/${requestIds.getUser}`);
  assert.equal(r.status, 200);
  const body = (await r.json()) as { requestId: string; decisions: DecisionRecord[]; explanation: string };
  assert.equal(body.requestId, requestIds.getUser);
  assert.equal(body.decisions.length, 1);
  assert.match(body.explanation, new RegExp(`^Denied: ${ALICE} may not iam:GetUser on ${ALICE} — no identity-based policy allows the iam:GetUser action\\.`));
  assert.match(body.explanation, /Would be allowed by: \{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::111122223333:user\/alice"\}/);
  const missing = await get('/_rolegate/decisions/no-such-request');
  assert.equal(missing.status, 404);
  assert.ok(((await missing.json()) as { message: string }).message);
});

test('the stream sends the last N decisions, then each new one as it is made', { timeout: STREAM_TEST_MS }, async () => {
  const controller = new AbortController();
  // A missing event fails the read in seconds (the signal aborts the body), never hangs the file.
  const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(EVENT_WAIT_MS)]);
  const r = await fetch(`${endpoint}/_rolegate/decisions/stream?tail=2&principal=${encodeURIComponent(ALICE)}`, { headers: { authorization: basic(ROOT) }, signal });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type')!, /^text\/event-stream/);
  const reader = r.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const until = async (re: RegExp, what: string) => {
    while (!re.test(text)) {
      const chunk = await reader.read().catch((e: Error) => assert.fail(`${what}: no event within ${EVENT_WAIT_MS} ms (${e.name}); read so far: ${text}`));
      if (chunk.done) assert.fail(`${what}: the stream ended; read so far: ${text}`);
      text += decoder.decode(chunk.value, { stream: true });
    }
  };
  try {
    await until(/iam:DeleteRole[\s\S]*\n\n/, 'the tail of 2');
    assert.deepEqual([...text.matchAll(/"action":"([^"]+)"/g)].map((m) => m[1]), ['iam:GetUser', 'iam:DeleteRole']);
    const live = await denied(() => iam(alice).send(new ListRolesCommand({ PathPrefix: '/live/' })));
    await until(new RegExp(live), 'the live decision');
    assert.match(text, /event: decision\ndata: \{.*"action":"iam:ListRoles"/);
  } finally {
    controller.abort();
  }
});

test('rolegate explain prints the explanation, --json the records; unknown ids and missing credentials fail', async () => {
  const t = io();
  assert.equal(await explainMain([requestIds.deleteRole!], t), 0);
  assert.match(t.stdout(), /^Denied: .*user\/alice may not iam:DeleteRole .*— an explicit deny in an identity-based policy\./);
  assert.match(t.stdout(), /Denied by: identity-based policy .* statement 1 \(Sid "NoRoleDeletes"\) at line 1, column 38\./);
  const json = io();
  assert.equal(await explainMain([requestIds.listRoles!, '--json'], json), 0);
  assert.equal(JSON.parse(json.stdout()).decisions[0].action, 'iam:ListRoles');
  const unknown = io();
  assert.equal(await explainMain(['no-such-request'], unknown), 1);
  assert.match(unknown.stderr(), /no decision is recorded for request no-such-request/);
  const noKeys = io({ env: { ROLEGATE_ENDPOINT: endpoint } });
  assert.equal(await explainMain([requestIds.listRoles!], noKeys), 2);
  const wrong = io({ env: { ROLEGATE_ENDPOINT: endpoint, AWS_ACCESS_KEY_ID: alice.accessKeyId, AWS_SECRET_ACCESS_KEY: alice.secretAccessKey } });
  assert.equal(await explainMain([requestIds.listRoles!], wrong), 1);
  assert.ok(!wrong.stderr().includes(alice.secretAccessKey));
  const down = io({ env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' } });
  assert.equal(await explainMain(['x', '--endpoint', 'http://127.0.0.1:9'], down), 1);
  assert.match(down.stderr(), /cannot reach http:\/\/127\.0\.0\.1:9/);
});

test('rolegate log prints one line per decision, oldest first, filtered', async () => {
  const t = io();
  assert.equal(await logMain(['--principal', ALICE, '--result', 'Denied', '--max-items', '3'], t), 0);
  const lines = t.stdout().trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, new RegExp(`^20\\d\\d-\\S+Z DENY ${ALICE} iam:GetUser ${ALICE} ${requestIds.getUser}$`));
  assert.match(lines[1]!, / DENY .* iam:DeleteRole arn:aws:iam::111122223333:role\/anything /);
  const json = io();
  assert.equal(await logMain(['--request-id', requestIds.listRoles!, '--json'], json), 0);
  assert.equal(JSON.parse(json.stdout().trim()).requestId, requestIds.listRoles);
  const bad = io();
  assert.equal(await logMain(['--result', 'Maybe'], bad), 2);
  assert.match(bad.stderr(), /usage: rolegate log/);
});

test('rolegate log --follow prints new decisions as they happen until stopped', { timeout: STREAM_TEST_MS }, async () => {
  const controller = new AbortController();
  let out = '';
  let seen: () => void;
  const arrived = new Promise<void>((r) => (seen = r));
  const t: CliIo = { ...io(), signal: controller.signal, out: (s) => {
    out += s;
    if (/iam:ListUsers/.test(out)) seen();
  } };
  const running = logMain(['--follow', '--principal', ALICE, '--max-items', '0'], t);
  await new Promise((r) => setTimeout(r, 100));
  const { ListUsersCommand } = await import('@aws-sdk/client-iam');
  const id = await denied(() => iam(alice).send(new ListUsersCommand({})));
  try {
    await within(arrived, `rolegate log --follow printed no iam:ListUsers decision within ${EVENT_WAIT_MS} ms; printed: ${out}`);
  } finally {
    controller.abort();
  }
  assert.equal(await within(running, 'rolegate log --follow did not stop when aborted'), 0);
  assert.match(out, new RegExp(`DENY ${ALICE} iam:ListUsers arn:aws:iam::111122223333:user/ ${id}`));
  assert.ok(!out.includes('iam:GetUser'), 'a tail of 0 prints only new decisions');
});

test('rolegate policy suggest prints a least-privilege policy that, attached, lets the denied calls through', async () => {
  const t = io();
  assert.equal(await suggestMain(['--principal', ALICE], t), 0);
  const policy = JSON.parse(t.stdout());
  assert.ok(parsePolicy(t.stdout(), 'identity', { managed: true }).ok);
  const actions = policy.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
  assert.ok(actions.includes('iam:GetUser') && actions.includes('iam:ListRoles'));
  assert.ok(!actions.includes('iam:DeleteRole'), 'the explicit deny is left out');
  assert.match(t.stderr(), /left out: iam:DeleteRole .* statement 1 \(Sid "NoRoleDeletes"\) at line 1, column 38; no Allow can override it/);
  await iam(ROOT).send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'suggested', PolicyDocument: t.stdout() }));
  await iam(alice).send(new GetUserCommand({ UserName: 'alice' }));
  await iam(alice).send(new ListRolesCommand({}));
  const nobody = io();
  assert.equal(await suggestMain(['--principal', `arn:aws:iam::${ACCOUNT}:user/nobody`], nobody), 1);
  assert.match(nobody.stderr(), /no denial of .*user\/nobody is recorded/);
  assert.equal(await suggestMain([], io()), 2);
});

test('a started server records its denials, serves them to `rolegate explain`, and keeps them across a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-decision-e2e-'));
  let server = await startRolegate({ dataDir });
  try {
    assert.equal((await fetch(`${server.endpoint}/_rolegate/decisions`)).status, 401);
    await server.iam().send(new CreateUserCommand({ UserName: 'bob' }));
    const key = (await server.iam().send(new CreateAccessKeyCommand({ UserName: 'bob' }))).AccessKey!;
    const bob = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const id = await denied(() => server.iam(bob).send(new ListRolesCommand({})));
    await server.stop({ keepData: true }); // at once: the decision may still be in memory, and must be written on shutdown
    server = await startRolegate({ dataDir });
    const cli = spawnSync(process.execPath, ['bin/rolegate.js', 'explain', id, '--endpoint', server.endpoint], {
      encoding: 'utf8', env: { ...process.env, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey },
    });
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /^Denied: arn:aws:iam::111122223333:user\/bob may not iam:ListRoles on /);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
