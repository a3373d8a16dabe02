// Starts a real rolegate (the built server, `node dist/src/main.js`) on a free port with a fresh
// data folder, for tests that talk to it through the AWS SDK and the AWS CLI.
import { after, before, beforeEach } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHttpHandler, NodeHttp2Handler } from '@smithy/node-http-handler';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { S3Client } from '@aws-sdk/client-s3';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { PinpointClient } from '@aws-sdk/client-pinpoint';
import { KinesisClient } from '@aws-sdk/client-kinesis';

export interface Credentials { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

export interface Rolegate {
  endpoint: string;
  /** `https` when the server was started with TLS (it printed `listening on https://…`). */
  scheme: 'http' | 'https';
  /** The PEM certificate(s) the test clients trust over https (StartOptions.ca, or the self-signed one in the data folder). */
  ca?: string;
  port: number;
  accountId: string;
  dataDir: string;
  credentials: Credentials;
  iam(credentials?: Credentials): IAMClient;
  sts(credentials?: Credentials): STSClient;
  /** Path-style S3 (the endpoint is an IP address, as the CLI and SDK use it with --endpoint-url). */
  s3(credentials?: Credentials): S3Client;
  firehose(credentials?: Credentials): FirehoseClient;
  pinpoint(credentials?: Credentials): PinpointClient;
  /** Kinesis over HTTP/2 in cleartext (the SDK's own handler for Kinesis), as the SDK talks to an http endpoint. */
  kinesis(credentials?: Credentials, region?: string): KinesisClient;
  reset(): Promise<void>;
  /** Stops the server; `kill` sends SIGKILL instead of SIGTERM. */
  stop(opts?: { kill?: boolean; keepData?: boolean }): Promise<void>;
  process: ChildProcess;
  /** What the server printed up to its listening line (generated root keys included). */
  printed: string;
  /** What the server wrote to stderr so far (start-up warnings). */
  stderr(): string;
  /** A plain request to the server (trusting `ca` over https), for rolegate's own routes and raw wire checks. */
  fetch(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>;
}

export const TEST_ACCOUNT = '111122223333';
export const TEST_ROOT: Credentials = { accessKeyId: 'AKIAROLEGATETEST0001', secretAccessKey: 'rolegate-test-secret-key-000000000000000' };

/** HTTP Basic with an access key id and secret, as rolegate's own routes (/_rolegate/…) take an account root's. */
export function basicAuth(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.accessKeyId}:${c.secretAccessKey}`).toString('base64')}`;
}

/** The root keys a server generated and printed at start for an account (a ROLEGATE_ACCOUNTS one). */
export function printedRoot(server: Rolegate, account: string): Credentials {
  const m = new RegExp(`account ${account} \\(shown once\\)\\n\\s+AWS_ACCESS_KEY_ID=(\\S+)\\n\\s+AWS_SECRET_ACCESS_KEY=(\\S+)`).exec(server.printed);
  if (!m) throw new Error(`the server printed no root keys for account ${account}`);
  return { accessKeyId: m[1], secretAccessKey: m[2] };
}

export interface StartOptions {
  dataDir?: string;
  env?: Record<string, string>;
  port?: number;
  /** Over https: the certificate the clients trust; by default the self-signed one the server made in its data folder. */
  ca?: string;
}

export async function startRolegate(options: StartOptions = {}): Promise<Rolegate> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rolegate-test-'));
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      ROLEGATE_PORT: String(options.port ?? 0),
      ROLEGATE_HOST: '127.0.0.1',
      ROLEGATE_DATA: dataDir,
      ROLEGATE_ACCOUNT_ID: TEST_ACCOUNT,
      ROLEGATE_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
      ROLEGATE_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
      ROLEGATE_ALLOW_RESET: '1',
      ROLEGATE_QUIET: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let printed = '';
  let scheme = 'http' as 'http' | 'https';
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`rolegate did not start in time: ${stderr}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (https?):\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        printed = out;
        scheme = m[1] as 'http' | 'https';
        resolve(Number(m[2]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`rolegate exited with ${code}: ${stderr}`));
    });
  });
  const endpoint = `${scheme}://127.0.0.1:${port}`;
  const ca = scheme === 'https' ? options.ca ?? readFileSync(join(dataDir, 'tls', 'cert.pem'), 'utf8') : undefined;
  // Over https the SDK's handlers trust the test's CA: HTTP/1.1 for most clients, HTTP/2 (ALPN h2) for Kinesis.
  const handlers = ca
    ? { http1: () => new NodeHttpHandler({ httpsAgent: new HttpsAgent({ ca }) }), http2: () => new NodeHttp2Handler({ nodeHttp2ConnectOptions: { ca } }) }
    : undefined;
  const plainFetch: Rolegate['fetch'] = (path, init = {}) => new Promise((resolve, reject) => {
    const send = scheme === 'https' ? httpsRequest : httpRequest;
    const req = send(`${endpoint}${path}`, { method: init.method ?? 'GET', headers: init.headers, ...(ca ? { ca } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(init.body);
  });
  // The root the server was started with: the test root unless the options named another.
  const root: Credentials = options.env?.ROLEGATE_ROOT_ACCESS_KEY_ID && options.env.ROLEGATE_ROOT_SECRET_ACCESS_KEY
    ? { accessKeyId: options.env.ROLEGATE_ROOT_ACCESS_KEY_ID, secretAccessKey: options.env.ROLEGATE_ROOT_SECRET_ACCESS_KEY }
    : TEST_ROOT;
  const clientConfig = (credentials: Credentials) => ({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1, ...(handlers ? { requestHandler: handlers.http1() } : {}) });
  return {
    endpoint,
    scheme,
    ca,
    fetch: plainFetch,
    port,
    accountId: TEST_ACCOUNT,
    dataDir,
    credentials: root,
    process: child,
    printed,
    stderr: () => stderr,
    iam: (c = root) => new IAMClient(clientConfig(c)),
    sts: (c = root) => new STSClient(clientConfig(c)),
    s3: (c = root) => new S3Client({ ...clientConfig(c), forcePathStyle: true }),
    firehose: (c = root) => new FirehoseClient(clientConfig(c)),
    pinpoint: (c = root) => new PinpointClient(clientConfig(c)),
    kinesis: (c = root, region = 'us-east-1') => new KinesisClient({ ...clientConfig(c), region, ...(handlers ? { requestHandler: handlers.http2() } : {}) }),
    async reset() {
      const r = await plainFetch('/_rolegate/reset', { method: 'POST', headers: { authorization: basicAuth(root) } });
      if (r.status !== 200) throw new Error(`reset answered ${r.status}`);
    },
    async stop(opts = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(opts.kill ? 'SIGKILL' : 'SIGTERM');
        await exited;
      }
      if (!opts.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One rolegate for a test file: started before its tests, stopped after them, reset before each,
 * with the account root's IAM client. Read `server` and `iam` inside tests (they are set by then).
 */
export function useRolegate(options: StartOptions = {}): { readonly server: Rolegate; readonly iam: IAMClient } {
  const handle = {} as { server: Rolegate; iam: IAMClient };
  before(async () => {
    handle.server = await startRolegate(options);
    handle.iam = handle.server.iam();
  });
  after(() => handle.server.stop());
  beforeEach(() => handle.server.reset());
  return handle;
}
