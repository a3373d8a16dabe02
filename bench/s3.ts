// npm run bench:s3 — PutObject and GetObject of 1 KiB and 1 MiB and ListObjectsV2 over 1,000 keys,
// requests/s at 2 and 16 connections: rolegate (SigV4, enforcement on) as the account root and as an
// IAM user allowed s3:* (the root skips policy evaluation, so the user is the enforced figure), a
// bare node:http server answering the same bytes, and s3rver (no auth), measured in turn each round.
// Targets: GetObject 1 KiB ≥ 40 % of bare and ≥ 5× s3rver; ListObjectsV2 ≥ 20× s3rver; 1 MiB GET
// and PUT ≥ 2× s3rver. BENCH_PROFILE=<case> instead profiles rolegate (the user) on one case.
// Environment: BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS (e.g. "2,16"), BENCH_CASES (case names or their beginnings, separated by ";").
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { fmt, printTable, ROOT, signQuery, type Measured, type Started } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '2,16').split(',').map(Number);
const PROFILE = process.env.BENCH_PROFILE;
const EMPTY_SHA256 = createHash('sha256').digest('hex');
const BUCKET = 'bench';
const KEYS = 1000;

interface Credentials { accessKeyId: string; secretAccessKey: string }
type Bytes = Buffer<ArrayBuffer>;
interface Req { method: string; path: string; headers: Record<string, string>; body?: Bytes }

const KiB = Buffer.alloc(1024, 'k');
const MiB = Buffer.alloc(1024 * 1024, 'm');

/** One benchmark case: the request (unsigned; rolegate's copy is signed per measurement) and what a good answer is. */
interface Case { name: string; method: 'GET' | 'PUT'; key: string; query?: Record<string, string>; body?: Bytes; expectBytes?: number }

const CASES: Case[] = [
  { name: 'PutObject 1 KiB', method: 'PUT', key: 'put-1k', body: KiB },
  { name: 'GetObject 1 KiB', method: 'GET', key: 'obj-1k', expectBytes: KiB.length },
  { name: 'PutObject 1 MiB', method: 'PUT', key: 'put-1m', body: MiB },
  { name: 'GetObject 1 MiB', method: 'GET', key: 'obj-1m', expectBytes: MiB.length },
  { name: 'ListObjectsV2 1,000 keys', method: 'GET', key: '', query: { 'list-type': '2', prefix: 'list/', 'max-keys': String(KEYS) } },
];

const pathOf = (c: { key: string; query?: Record<string, string> }) => {
  const path = `/${BUCKET}${c.key ? '/' + c.key : ''}`;
  if (!c.query) return path;
  return path + '?' + Object.keys(c.query).sort().map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(c.query![k])}`).join('&');
};

/** Signs as the AWS CLI does over http: the body's SHA-256 in x-amz-content-sha256 (computed once per body). */
async function signS3(port: number, credentials: Credentials, c: Case): Promise<Req> {
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const payload = c.body ? createHash('sha256').update(c.body).digest('hex') : EMPTY_SHA256;
  const signed = await signer.sign({
    method: c.method, protocol: 'http:', hostname: '127.0.0.1', port, path: `/${BUCKET}${c.key ? '/' + c.key : ''}`, query: c.query ?? {},
    headers: { host: `127.0.0.1:${port}`, 'x-amz-content-sha256': payload },
  });
  return { method: c.method, path: pathOf(c), headers: signed.headers as Record<string, string>, body: c.body };
}

const plain = (port: number, c: Case): Req => ({ method: c.method, path: pathOf(c), headers: { host: `127.0.0.1:${port}` }, body: c.body });

/** Checks one request before it is measured: a benchmark of errors measures nothing. */
async function check(port: number, r: Req, c: Case, target: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${target}: ${c.name} answered ${res.status}: ${bytes.toString().slice(0, 500)}`);
  if (c.expectBytes !== undefined && bytes.length !== c.expectBytes) throw new Error(`${target}: ${c.name} answered ${bytes.length} bytes`);
  if (c.query && (bytes.toString().match(/<Key>/g) ?? []).length !== KEYS) throw new Error(`${target}: ${c.name} did not list ${KEYS} keys`);
}

/** Static requests: autocannon builds each once, so the client's cost is the same for every target. */
async function measure(port: number, connections: number, seconds: number, r: Req): Promise<Measured> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`, connections, duration: seconds, pipelining: 1,
    requests: [{ method: r.method as 'GET', path: r.path, headers: r.headers, body: r.body as unknown as string }],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

function startChild(code: string, env: Record<string, string> = {}, cleanup?: () => void): Promise<Server> {
  return started(spawn(process.execPath, ['-e', code], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }), cleanup);
}

type Server = Started & { exited(): string | undefined };

/** A child server once it prints its listening line; stopping it sends SIGTERM and waits for the exit. */
function started(child: ChildProcess, cleanup?: () => void): Promise<Server> {
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) resolve({
        port: Number(m[1]), stdout: () => out,
        exited: () => (child.exitCode !== null || child.signalCode !== null ? `exited (${child.exitCode ?? child.signalCode})` : undefined),
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
          }
          cleanup?.();
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

/** The baseline: node:http answering the same bytes (GET a fixed buffer, PUT read and dropped, LIST a prebuilt XML). */
function startBareS3(listXmlFile: string, cleanup: () => void): Promise<Server> {
  return startChild(`
    const http = require('node:http');
    const kib = Buffer.alloc(1024, 'k'), mib = Buffer.alloc(1024 * 1024, 'm');
    const list = require('node:fs').readFileSync(process.env.BENCH_LIST_XML);
    const send = (res, type, body) => { res.writeHead(200, { 'content-type': type, 'content-length': body.length, etag: '"0"' }); res.end(body); };
    const s = http.createServer((req, res) => {
      if (req.method === 'PUT') { req.resume(); req.on('end', () => { res.writeHead(200, { etag: '"0"', 'content-length': 0 }); res.end(); }); return; }
      req.resume();
      if (req.url.includes('list-type=2')) send(res, 'application/xml', list);
      else if (req.url.endsWith('obj-1m')) send(res, 'binary/octet-stream', mib);
      else send(res, 'binary/octet-stream', kib);
    });
    s.keepAliveTimeout = 65000;
    s.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port));
    process.on('SIGTERM', () => process.exit(0));`, { BENCH_LIST_XML: listXmlFile }, cleanup);
}

function startS3rver(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-bench-s3rver-'));
  return startChild(`
    const S3rver = require('s3rver');
    const s = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.env.BENCH_S3RVER_DIR, configureBuckets: [{ name: '${BUCKET}' }] });
    s.run().then((a) => { s.httpServer.keepAliveTimeout = 65000; console.log('listening on http://127.0.0.1:' + a.port); });
    process.on('SIGTERM', () => s.close().then(() => process.exit(0)));`, { BENCH_S3RVER_DIR: dir }, () => rmSync(dir, { recursive: true, force: true }));
}

/** rolegate from dist/ on `dataDir`, which it leaves in place; `nodeArgs` such as --cpu-prof, which NODE_OPTIONS may not carry. */
function spawnRolegate(dataDir: string, nodeArgs: string[] = []): Promise<Server> {
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    env: {
      ...process.env, ROLEGATE_PORT: '0', ROLEGATE_DATA: dataDir, ROLEGATE_ACCOUNT_ID: '111122223333',
      ROLEGATE_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey, ROLEGATE_QUIET: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return started(child);
}

async function iam(port: number, params: Record<string, string>): Promise<string> {
  const r = await signQuery(port, 'iam', { Version: '2010-05-08', ...params });
  const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: r.headers, body: r.body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${params.Action} answered ${res.status}: ${text}`);
  return text;
}

const pick = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)![1];

/** Sends a set-up request and fails unless it answers 200; returns the body. */
async function send(port: number, r: Req): Promise<Buffer> {
  const res = await fetch(`http://127.0.0.1:${port}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`set-up ${r.method} ${r.path} answered ${res.status}: ${bytes.toString().slice(0, 300)}`);
  return bytes;
}

/** The bucket, the two objects read and the 1,000 listed keys, on rolegate (signed) or s3rver (plain). */
async function seed(port: number, sign: (c: Case) => Promise<Req>, createBucket: boolean): Promise<void> {
  if (createBucket) await send(port, await sign({ name: 'CreateBucket', method: 'PUT', key: '' }));
  await send(port, await sign({ name: 'put', method: 'PUT', key: 'obj-1k', body: KiB }));
  await send(port, await sign({ name: 'put', method: 'PUT', key: 'obj-1m', body: MiB }));
  const small = Buffer.from('x');
  for (let i = 0; i < KEYS; i += 50) {
    await Promise.all(Array.from({ length: 50 }, async (_, j) =>
      send(port, await sign({ name: 'put', method: 'PUT', key: `list/key-${String(i + j).padStart(4, '0')}`, body: small }))));
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Target { name: string; server: Server; request: (c: Case) => Promise<Req> }

/** Self time per function and per file in a V8 .cpuprofile, and rolegate's own functions by total (inclusive) time. */
function summarizeProfile(file: string, top = 30): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
    samples: number[]; timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const short = (url: string) => url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '') || '(native)';
  const nameOf = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'}  ${short(f.url)}${f.url ? ':' + (f.lineNumber + 1) : ''}`;
  };
  const self = new Map<string, number>();
  const files = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const t = profile.timeDeltas[i] ?? 0;
    const id = profile.samples[i];
    total += t;
    self.set(nameOf(id), (self.get(nameOf(id)) ?? 0) + t);
    const url = short(byId.get(id)!.callFrame.url);
    files.set(url, (files.get(url) ?? 0) + t);
    // Each function once per sample, however deep it recursed.
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const name = nameOf(n);
      if (!name.includes('dist/src/') || seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + t);
    }
  }
  const rows = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, t]) => [`${((t / total) * 100).toFixed(1)} %`, k]);
  console.log(`\nself time by function (${(total / 1e6).toFixed(1)} s sampled):`);
  printTable(['self', 'function  file:line'], rows(self));
  console.log('\nself time by file:');
  printTable(['self', 'file'], rows(files));
  console.log("\nrolegate's functions by total time (themselves and what they call):");
  printTable(['total', 'function  file:line'], rows(inclusive));
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-bench-'));
  let rolegate = await spawnRolegate(dataDir);
  const started: Server[] = [];
  try {
    // The IAM user whose identity policy allows s3:* on the bucket: the enforced figure.
    await iam(rolegate.port, { Action: 'CreateUser', UserName: 's3bench' });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] }] };
    await iam(rolegate.port, { Action: 'PutUserPolicy', UserName: 's3bench', PolicyName: 's3', PolicyDocument: JSON.stringify(policy) });
    const key = await iam(rolegate.port, { Action: 'CreateAccessKey', UserName: 's3bench' });
    const user = { accessKeyId: pick(key, 'AccessKeyId'), secretAccessKey: pick(key, 'SecretAccessKey') };
    await seed(rolegate.port, (c) => signS3(rolegate.port, ROOT, c), true);

    if (PROFILE) {
      const c = CASES.find((x) => x.name === PROFILE);
      if (!c) throw new Error(`BENCH_PROFILE names no case; one of: ${CASES.map((x) => x.name).join('; ')}`);
      // Restarted on the seeded folder under the profiler, so the profile holds the measured requests only.
      await rolegate.stop();
      const profileDir = mkdtempSync(join(tmpdir(), 'rolegate-bench-prof-'));
      rolegate = await spawnRolegate(dataDir, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
      const connections = CONNECTIONS[CONNECTIONS.length - 1];
      const r = await signS3(rolegate.port, user, c);
      await check(rolegate.port, r, c, 'rolegate');
      const m = await measure(rolegate.port, connections, SECONDS * ROUNDS, r);
      console.log(`${c.name}, IAM user, ${connections} connections: ${fmt(m.rps)} req/s, p99 ${m.p99} ms, ${m.non2xx + m.errors} non-2xx/errors`);
      await rolegate.stop();
      // The main thread's profile (the decision log's worker writes its own, numbered after it).
      const file = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).sort()[0];
      if (!file) throw new Error('the server wrote no profile');
      console.log(`profile: ${join(profileDir, file)}`);
      summarizeProfile(join(profileDir, file));
      return;
    }
    started.push(rolegate);
    const port = rolegate.port;
    const cases = CASES.filter((c) => !process.env.BENCH_CASES || process.env.BENCH_CASES.split(';').some((n) => c.name.startsWith(n.trim())));

    // The bare server answers rolegate's own listing, byte for byte.
    const listDir = mkdtempSync(join(tmpdir(), 'rolegate-bench-list-'));
    const listXml = join(listDir, 'list.xml');
    writeFileSync(listXml, await send(port, await signS3(port, ROOT, CASES[4])));
    const bare = await startBareS3(listXml, () => rmSync(listDir, { recursive: true, force: true }));
    started.push(bare);
    const s3rver = await startS3rver();
    started.push(s3rver);
    await seed(s3rver.port, async (c) => plain(s3rver.port, c), false);

    const targets: Target[] = [
      { name: 'bare', server: bare, request: async (c) => plain(bare.port, c) },
      { name: 'root', server: rolegate, request: (c) => signS3(port, ROOT, c) },
      { name: 'user', server: rolegate, request: (c) => signS3(port, user, c) },
      { name: 's3rver', server: s3rver, request: async (c) => plain(s3rver.port, c) },
    ];
    const rows: string[][] = [];
    const summary: { c: Case; connections: number; rps: Record<string, number>; userVsBare: number; userVsS3rver: number }[] = [];
    for (const connections of CONNECTIONS) {
      for (const c of cases) {
        const runs = targets.map(() => [] as Measured[]);
        const vsBare: number[] = [];
        const vsS3rver: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const rps: number[] = [];
          for (let t = 0; t < targets.length; t++) {
            // Signed just before it is sent, so no request nears the 15-minute skew limit.
            const r = await targets[t].request(c);
            if (round === 0) await check(targets[t].server.port, r, c, targets[t].name);
            const m = await measure(targets[t].server.port, connections, SECONDS, r);
            const gone = targets[t].server.exited();
            if (gone) throw new Error(`${targets[t].name}: the server ${gone} during ${c.name} at ${connections} connections`);
            runs[t].push(m);
            rps.push(m.rps);
          }
          vsBare.push(rps[2] / rps[0]);
          // s3rver may finish no listing in a short run at 16 connections: no ratio then, rather than ∞.
          if (rps[3] > 0) vsS3rver.push(rps[2] / rps[3]);
        }
        const med = runs.map((ms) => median(ms.map((m) => m.rps)));
        const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
        const times = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)}×` : 'n/a');
        rows.push([
          c.name, String(connections), ...med.map(fmt),
          `${pct(median(runs[1].map((m, i) => m.rps / runs[0][i].rps)))}`,
          `${pct(median(vsBare))} (${pct(Math.min(...vsBare))}–${pct(Math.max(...vsBare))})`,
          `${times(median(vsS3rver))} (${times(Math.min(...vsS3rver))}–${times(Math.max(...vsS3rver))})`,
          runs.map((ms) => median(ms.map((m) => m.p99))).join(' / '),
          String(runs.reduce((n, ms) => n + ms.reduce((k, m) => k + m.non2xx + m.errors, 0), 0)),
        ]);
        summary.push({ c, connections, rps: Object.fromEntries(targets.map((t, i) => [t.name, med[i]])), userVsBare: median(vsBare), userVsS3rver: median(vsS3rver) });
      }
    }
    printTable(['case', 'conns', 'bare req/s', 'root req/s', 'user req/s', 's3rver req/s', 'root/bare', 'user/bare (range)', 'user/s3rver (range)', 'p99 ms bare/root/user/s3rver', 'non-2xx'], rows);

    const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)}×` : 'no s3rver figure (raise BENCH_SECONDS)');
    console.log('\ntargets (the IAM user, medians of the per-round ratios):');
    const goals: { name: string; test: (s: (typeof summary)[number]) => [string, boolean] | undefined }[] = [
      { name: 'GetObject 1 KiB', test: (s) => [`≥ 40 % of bare: ${(s.userVsBare * 100).toFixed(0)} %; ≥ 5× s3rver: ${x(s.userVsS3rver)}`, s.userVsBare >= 0.4 && s.userVsS3rver >= 5] },
      { name: 'ListObjectsV2 1,000 keys', test: (s) => [`≥ 20× s3rver: ${x(s.userVsS3rver)}`, s.userVsS3rver >= 20] },
      { name: 'GetObject 1 MiB', test: (s) => [`≥ 2× s3rver: ${x(s.userVsS3rver)}`, s.userVsS3rver >= 2] },
      { name: 'PutObject 1 MiB', test: (s) => [`≥ 2× s3rver: ${x(s.userVsS3rver)}`, s.userVsS3rver >= 2] },
    ];
    for (const g of goals) {
      for (const s of summary.filter((x) => x.c.name === g.name)) {
        const [text, met] = g.test(s)!;
        console.log(`  ${met ? 'met    ' : 'NOT met'}  ${g.name}, ${s.connections} connections: ${text}`);
      }
    }
  } finally {
    if (!PROFILE) for (const s of started.reverse()) await s.stop();
    else await rolegate.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
