// Benchmark plumbing: start the built rolegate and a bare node:http baseline as child processes,
// sign query-protocol requests with SigV4, and drive load with autocannon from this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';

export const ROOT = { accessKeyId: 'AKIAROLEGATEBENCH001', secretAccessKey: 'rolegate-bench-secret-00000000000000000' };

export interface Started { port: number; pid?: number; stdout: () => string; stop(): Promise<void> }

function collect(child: ChildProcess): () => string {
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return () => out;
}

function waitForPort(child: ChildProcess, pattern: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

const stopper = (child: ChildProcess, cleanup?: () => void) => async () => {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  cleanup?.();
};

/** BENCH_NODE_ARGS: flags for the server's node (`--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a run). */
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

export async function startRolegate(env: Record<string, string> = {}): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-bench-'));
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    env: {
      ...process.env, ROLEGATE_PORT: '0', ROLEGATE_DATA: dataDir, ROLEGATE_ACCOUNT_ID: '111122223333',
      ROLEGATE_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey, ROLEGATE_QUIET: '1', ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = collect(child);
  const port = await waitForPort(child, /listening on http:\/\/[^:]+:(\d+)/);
  return { port, pid: child.pid, stdout, stop: stopper(child, () => rmSync(dataDir, { recursive: true, force: true })) };
}

/** The baseline: node:http answering a small fixed XML body, nothing else. */
export async function startBare(): Promise<Started> {
  const code = `
    const http = require('node:http');
    const body = '<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName></Role></GetRoleResult></GetRoleResponse>';
    const s = http.createServer((req, res) => { req.resume(); req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) }); res.end(body); }); });
    s.keepAliveTimeout = 65000;
    s.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port));
    process.on('SIGTERM', () => process.exit(0));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stdout = collect(child);
  const port = await waitForPort(child, /listening on http:\/\/[^:]+:(\d+)/);
  return { port, stdout, stop: stopper(child) };
}

export interface SignedRequest { method: string; path: string; headers: Record<string, string>; body: string }

export async function signQuery(port: number, service: 'iam' | 'sts', params: Record<string, string>, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = ROOT): Promise<SignedRequest> {
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service, sha256: Sha256 });
  const body = new URLSearchParams(params).toString();
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', query: {},
    headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body,
  });
  return { method: 'POST', path: '/', headers: signed.headers as Record<string, string>, body };
}

export interface Measured { rps: number; p99: number; errors: number; non2xx: number }

export async function load(port: number, connections: number, seconds: number, requests: SignedRequest[]): Promise<Measured> {
  let i = 0;
  const result = await autocannon({
    pipelining: Number(process.env.BENCH_PIPELINING ?? 1),
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req: any) => ({ ...req, ...requests[i++ % requests.length] }) }],
  } as any);
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The root keys a server printed for the accounts it generated them for. */
export function printedRootKeys(stdout: string): { accountId: string; accessKeyId: string; secretAccessKey: string }[] {
  const out = [];
  const re = /root credentials of account (\d{12}).*\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/g;
  for (const m of stdout.matchAll(re)) out.push({ accountId: m[1], accessKeyId: m[2], secretAccessKey: m[3] });
  return out;
}

export interface BenchCase {
  name: string;
  port: number;
  /** The requests for one measurement (a function, so a case can hand out fresh ones each round). */
  requests: () => SignedRequest[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The shared machine's speed drifts, so the baseline and the cases are measured in turn, round after
 * round: each case's ratio is taken against the baseline of its own round, and the table shows the
 * medians over the rounds with the range of the ratio.
 */
export async function interleaved(baseline: BenchCase, cases: BenchCase[], connections: number, rounds: number, seconds: number): Promise<string[][]> {
  const all = [baseline, ...cases];
  const runs = all.map(() => [] as Measured[]);
  const ratios = all.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    let base = 0;
    for (let i = 0; i < all.length; i++) {
      const m = await load(all[i].port, connections, seconds, all[i].requests());
      if (i === 0) base = m.rps;
      runs[i].push(m);
      ratios[i].push(m.rps / base);
    }
  }
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  return all.map((c, i) => [
    c.name, String(connections), fmt(median(runs[i].map((m) => m.rps))),
    i === 0 ? '100 %' : `${pct(median(ratios[i]))} (${pct(Math.min(...ratios[i]))}–${pct(Math.max(...ratios[i]))})`,
    `${median(runs[i].map((m) => m.p99))} ms`, String(runs[i].reduce((n, m) => n + m.non2xx + m.errors, 0)),
  ]);
}

export const TABLE_HEADER = ['case', 'connections', 'requests/s (median)', 'vs bare (median, range)', 'p99 (median)', 'non-2xx'];

/** Prints rows under a header, columns padded to their widest cell. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}
