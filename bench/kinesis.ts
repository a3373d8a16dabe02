// npm run bench:kinesis — PutRecords (100 records of 200 B) and GetRecords (100 records) requests/s
// at 2 and 16 connections: rolegate (SigV4, enforcement on, as an IAM user allowed only these calls
// on the stream: the root skips policy evaluation) beside kinesalite (in memory, no auth) on the
// same requests, measured in turn each round; then the records written and each server's RSS.
// Targets: PutRecords ≥ 10× kinesalite with rolegate's RSS flat (≤ 300 MiB after 1 M records);
// GetRecords ≥ 5×. Both run without shard throughput limits (kinesalite has none; rolegate's are
// off here with ROLEGATE_KINESIS_THROTTLING=off), on a stream of 4 shards.
// Environment: BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS (e.g. "2,16"), BENCH_CASES (PutRecords,GetRecords), BENCH_PROFILE=<folder> (rolegate's CPU profile).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import autocannon from 'autocannon';
import { fmt, printTable, ROOT, type Measured, type SignedRequest } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '2,16').split(',').map(Number);
const CASES = (process.env.BENCH_CASES ?? 'PutRecords,GetRecords').split(',') as ('PutRecords' | 'GetRecords')[];
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const STREAM = 'bench';
const SHARDS = 4;
const RECORDS = 100;
const RECORD_BYTES = 200;
const MiB = 1024 * 1024;

interface Credentials { accessKeyId: string; secretAccessKey: string }
interface Server { name: string; port: number; pid: number; stop(): Promise<void> }

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

const stopper = (child: ChildProcess, cleanup?: () => void) => async () => {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  cleanup?.();
};

async function startRolegate(): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-bench-kinesis-'));
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, 'dist/src/main.js'], {
    env: {
      ...process.env, ROLEGATE_PORT: '0', ROLEGATE_DATA: dataDir, ROLEGATE_ACCOUNT_ID: ACCOUNT, ROLEGATE_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
      ROLEGATE_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey, ROLEGATE_QUIET: '1', ROLEGATE_KINESIS_THROTTLING: 'off',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = Number(await waitFor(child, /listening on http:\/\/[^:]+:(\d+)/));
  return { name: 'rolegate', port, pid: child.pid!, stop: stopper(child, () => rmSync(dataDir, { recursive: true, force: true })) };
}

async function startKinesalite(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/kinesalite/cli.js', '--port', String(port), '--createStreamMs', '0', '--deleteStreamMs', '0', '--updateStreamMs', '0', '--shardLimit', '1000'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitFor(child, /Listening at (http)/);
  return { name: 'kinesalite', port, pid: child.pid!, stop: stopper(child) };
}

/** Static requests, cycled through by each connection: autocannon builds each once, so the client costs the same for both servers. */
async function load(port: number, connections: number, seconds: number, requests: SignedRequest[]): Promise<Measured & { ok: number }> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`, connections, duration: seconds, pipelining: 1,
    requests: requests.map((r) => ({ method: 'POST' as const, path: r.path, headers: r.headers, body: r.body })),
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx, ok: result['2xx'] };
}

/** The process's CPU time so far in milliseconds (user and system, from /proc/<pid>/stat). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The process's resident set in MiB, from /proc/<pid>/status. */
function rss(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** A Kinesis call as the SDK sends it (json 1.1, X-Amz-Target), signed with `credentials` for `port`. */
async function sign(port: number, credentials: Credentials, operation: string, input: unknown): Promise<SignedRequest> {
  const signer = new SignatureV4({ credentials, region: REGION, service: 'kinesis', sha256: Sha256 });
  const body = JSON.stringify(input);
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', query: {},
    headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Kinesis_20131202.${operation}` }, body,
  });
  return { method: 'POST', path: '/', headers: signed.headers as Record<string, string>, body };
}

async function call(port: number, credentials: Credentials, operation: string, input: unknown): Promise<any> {
  const r = await sign(port, credentials, operation, input);
  const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: r.headers, body: r.body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${operation} on port ${port} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

/** An IAM user allowed PutRecords, GetShardIterator and GetRecords on the stream, and nothing else. */
async function benchUser(port: number): Promise<Credentials> {
  const iam = new IAMClient({ endpoint: `http://127.0.0.1:${port}`, region: REGION, credentials: ROOT, maxAttempts: 1 });
  await iam.send(new CreateUserCommand({ UserName: 'producer' }));
  await iam.send(new PutUserPolicyCommand({
    UserName: 'producer', PolicyName: 'stream',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kinesis:PutRecords', 'kinesis:GetShardIterator', 'kinesis:GetRecords'], Resource: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${STREAM}` }] }),
  }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'producer' }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

/** PutRecords inputs with fresh partition keys, so the records spread over the shards. */
function putInputs(n: number): unknown[] {
  const data = randomBytes(RECORD_BYTES).toString('base64');
  return Array.from({ length: n }, () => ({
    StreamName: STREAM,
    Records: Array.from({ length: RECORDS }, () => ({ Data: data, PartitionKey: randomBytes(8).toString('hex') })),
  }));
}

interface Target { server: Server; credentials: Credentials; put: SignedRequest[]; written: number; peakRss: number }

async function prepare(server: Server, credentials: Credentials, admin: Credentials): Promise<Target> {
  await call(server.port, admin, 'CreateStream', { StreamName: STREAM, ShardCount: SHARDS });
  for (let i = 0; i < 100; i++) {
    const d = await call(server.port, admin, 'DescribeStream', { StreamName: STREAM });
    if (d.StreamDescription.StreamStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  // Enough records in every shard for GetRecords to read a full page.
  for (const input of putInputs(20)) await call(server.port, credentials, 'PutRecords', input);
  const put = await Promise.all(putInputs(64).map((input) => sign(server.port, credentials, 'PutRecords', input)));
  return { server, credentials, put, written: 2000, peakRss: rss(server.pid) };
}

/** A GetRecords of 100 records from shard 0's oldest, with an iterator fresh for this measurement. */
async function getRecords(t: Target): Promise<SignedRequest[]> {
  const it = await call(t.server.port, t.credentials, 'GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
  const page = await call(t.server.port, t.credentials, 'GetRecords', { ShardIterator: it.ShardIterator, Limit: RECORDS });
  if (page.Records.length !== RECORDS) throw new Error(`${t.server.name}: GetRecords read ${page.Records.length} records`);
  return [await sign(t.server.port, t.credentials, 'GetRecords', { ShardIterator: it.ShardIterator, Limit: RECORDS })];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const rolegate = await startRolegate();
  const kinesalite = await startKinesalite();
  try {
    const user = await benchUser(rolegate.port);
    const targets = [await prepare(rolegate, user, ROOT), await prepare(kinesalite, ROOT, ROOT)];
    const rows: string[][] = [];
    for (const connections of CONNECTIONS) {
      for (const kind of CASES) {
        const runs: Measured[][] = targets.map(() => []);
        const cpu: number[] = [];
        const ratios: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const rps: number[] = [];
          for (let i = 0; i < targets.length; i++) {
            const t = targets[i];
            const requests = kind === 'PutRecords' ? t.put : await getRecords(t);
            const before = cpuMs(t.server.pid);
            const m = await load(t.server.port, connections, SECONDS, requests);
            if (i === 0) cpu.push((cpuMs(t.server.pid) - before) / Math.max(1, m.ok));
            if (kind === 'PutRecords') t.written += m.ok * RECORDS;
            t.peakRss = Math.max(t.peakRss, rss(t.server.pid));
            runs[i].push(m);
            rps.push(m.rps);
          }
          ratios.push(rps[0] / rps[1]);
        }
        const [r, k] = runs;
        rows.push([
          kind, String(connections), fmt(median(r.map((m) => m.rps))), fmt(median(k.map((m) => m.rps))),
          `${median(ratios).toFixed(1)}× (${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)})`,
          `${median(r.map((m) => m.p99))} / ${median(k.map((m) => m.p99))} ms`,
          String(r.reduce((n, m) => n + m.non2xx + m.errors, 0)) + ' / ' + String(k.reduce((n, m) => n + m.non2xx + m.errors, 0)),
          `${median(cpu).toFixed(2)} ms`,
        ]);
      }
    }
    printTable(['case', 'connections', 'rolegate req/s', 'kinesalite req/s', 'rolegate ÷ kinesalite (median, range)', 'p99 rolegate / kinesalite', 'non-2xx r / k', 'rolegate CPU a request'], rows);
    console.log();
    for (const t of targets) {
      console.log(`${t.server.name}: about ${fmt(t.written)} records written (${fmt((t.written * RECORD_BYTES) / MiB)} MiB of data); RSS peak ${fmt(t.peakRss)} MiB, now ${fmt(rss(t.server.pid))} MiB`);
    }
  } finally {
    await rolegate.stop();
    await kinesalite.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
