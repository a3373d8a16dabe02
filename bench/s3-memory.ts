// npm run bench:s3-memory — a 1 GiB object through rolegate without its memory growing: uploaded
// (a) as one PutObject in signed aws-chunked 64 KiB chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD,
// as the CLI and the Java SDK send it) and (b) as a multipart upload of 5 × 200 MiB parts and the
// remainder through @aws-sdk/client-s3, each downloaded again and checked by SHA-256. The server's
// RSS is sampled every 100 ms; exits 1 when its peak reaches 200 MiB or a body comes back changed.
// Nothing here holds a body either: bytes are made as they are sent. BENCH_MEMORY_GIB sets the size.
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import {
  CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { fmt, printTable, ROOT } from './support.js';

const MiB = 1024 * 1024;
const SIZE = Math.round(Number(process.env.BENCH_MEMORY_GIB ?? 1) * 1024) * MiB;
const CHUNK = 64 * 1024;
const PART = 200 * MiB;
const LIMIT = 200 * MiB;
const BUCKET = 'memory';
const REGION = 'us-east-1';
const EMPTY_SHA256 = createHash('sha256').digest('hex');

/** `size` bytes in 64 KiB pieces, the same for the same size: a random block stamped with each piece's offset. */
const BLOCK = randomBytes(CHUNK);
function* pieces(size: number, from = 0): Generator<Buffer> {
  for (let at = from; at < from + size; at += CHUNK) {
    const b = Buffer.from(BLOCK.subarray(0, Math.min(CHUNK, from + size - at)));
    if (b.length >= 8) b.writeBigUInt64BE(BigInt(at), 0);
    yield b;
  }
}

function sha256Of(size: number): string {
  const h = createHash('sha256');
  for (const p of pieces(size)) h.update(p);
  return h.digest('hex');
}

interface Server { port: number; pid: number; dataDir: string; stop(): Promise<void> }

async function startRolegate(): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-bench-memory-'));
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env, ROLEGATE_PORT: '0', ROLEGATE_DATA: dataDir, ROLEGATE_ACCOUNT_ID: '111122223333',
      ROLEGATE_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey, ROLEGATE_QUIET: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`rolegate exited with ${code}`)));
  });
  return {
    port, pid: child.pid!, dataDir,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The process's resident set in bytes, from /proc/<pid>/status. */
function rss(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Samples a process's RSS every 100 ms; `peak()` is the largest seen since the last `reset()`. */
function sampler(pid: number) {
  let peak = rss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rss(pid))), 100);
  return {
    peak: () => Math.max(peak, rss(pid)),
    reset: () => (peak = rss(pid)),
    stop: () => clearInterval(timer),
  };
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * One PutObject whose body is signed chunk by chunk (sigv4-streaming.html): the request's signature
 * is the seed, and each chunk's string to sign names the previous signature and the chunk's SHA-256.
 */
async function chunkedPut(port: number, key: string, size: number): Promise<void> {
  const count = Math.ceil(size / CHUNK);
  const last = size - (count - 1) * CHUNK;
  const frame = (n: number) => n.toString(16).length + ';chunk-signature='.length + 64 + 2 + n + 2;
  const encodedLength = (count - 1) * frame(CHUNK) + (count > 0 ? frame(last) : 0) + frame(0);
  const signer = new SignatureV4({ credentials: ROOT, region: REGION, service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const signed = await signer.sign({
    method: 'PUT', protocol: 'http:', hostname: '127.0.0.1', port, path: `/${BUCKET}/${key}`, query: {},
    headers: {
      host: `127.0.0.1:${port}`, 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': String(size), 'content-length': String(encodedLength),
    },
  });
  const headers = signed.headers as Record<string, string>;
  const amzDate = headers['x-amz-date'];
  const scope = `${amzDate.slice(0, 8)}/${REGION}/s3/aws4_request`;
  const signingKey = hmac(hmac(hmac(hmac('AWS4' + ROOT.secretAccessKey, amzDate.slice(0, 8)), REGION), 's3'), 'aws4_request');
  let previous = /Signature=([0-9a-f]{64})/.exec(headers.authorization)![1];
  const chunkFrame = (data: Buffer): Buffer => {
    const toSign = `AWS4-HMAC-SHA256-PAYLOAD\n${amzDate}\n${scope}\n${previous}\n${EMPTY_SHA256}\n${createHash('sha256').update(data).digest('hex')}`;
    previous = createHmac('sha256', signingKey).update(toSign).digest('hex');
    return Buffer.concat([Buffer.from(`${data.length.toString(16)};chunk-signature=${previous}\r\n`), data, Buffer.from('\r\n')]);
  };
  await new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'PUT', path: `/${BUCKET}/${key}`, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`chunked PutObject answered ${res.statusCode}: ${text}`))));
    });
    req.on('error', reject);
    (async () => {
      for (const p of pieces(size)) {
        if (!req.write(chunkFrame(p))) await new Promise((r) => req.once('drain', r));
      }
      req.end(chunkFrame(Buffer.alloc(0)));
    })().catch(reject);
  });
}

async function multipartPut(s3: S3Client, key: string, size: number): Promise<void> {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
  const parts = [];
  for (let n = 1, at = 0; at < size; n++, at += PART) {
    const length = Math.min(PART, size - at);
    const Body = Readable.from(pieces(length, at), { objectMode: false });
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: n, Body, ContentLength: length }));
    parts.push({ PartNumber: n, ETag });
  }
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
}

async function downloadSha256(s3: S3Client, key: string): Promise<{ sha256: string; size: number }> {
  const r = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of r.Body as Readable) {
    h.update(chunk);
    size += chunk.length;
  }
  return { sha256: h.digest('hex'), size };
}

const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

async function main() {
  const expected = sha256Of(SIZE);
  const server = await startRolegate();
  const s3 = new S3Client({ endpoint: `http://127.0.0.1:${server.port}`, region: REGION, credentials: ROOT, forcePathStyle: true, maxAttempts: 1 });
  const rows: string[][] = [];
  let failed = false;
  try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const idle = rss(server.pid);
    const rssOf = sampler(server.pid);
    const step = async (name: string, run: () => Promise<void | { sha256: string; size: number }>) => {
      rssOf.reset();
      const t0 = performance.now();
      const got = await run();
      const seconds = (performance.now() - t0) / 1000;
      const peak = rssOf.peak();
      let note = '';
      if (got) {
        const same = got.sha256 === expected && got.size === SIZE;
        note = same ? 'sha256 matches' : `CHANGED: ${got.size} bytes, sha256 ${got.sha256}`;
        if (!same) failed = true;
      }
      if (peak >= LIMIT) failed = true;
      rows.push([name, `${fmt(SIZE / MiB / seconds)} MiB/s`, `${seconds.toFixed(1)} s`, mib(peak), peak < LIMIT ? 'yes' : 'NO', note]);
    };
    await step('PutObject, signed aws-chunked (64 KiB chunks)', () => chunkedPut(server.port, 'chunked.bin', SIZE));
    await step('GetObject of it', () => downloadSha256(s3, 'chunked.bin'));
    await step(`multipart upload (${Math.floor(SIZE / PART)} × 200 MiB + rest, SDK streams)`, () => multipartPut(s3, 'multipart.bin', SIZE));
    await step('GetObject of it', () => downloadSha256(s3, 'multipart.bin'));
    rssOf.stop();
    console.log(`${mib(SIZE)} object; server RSS idle before the uploads: ${mib(idle)}; limit ${mib(LIMIT)}`);
    printTable(['step', 'rate', 'time', 'peak server RSS', 'under limit', 'body'], rows);
  } finally {
    s3.destroy();
    await server.stop();
  }
  if (failed) {
    console.error('FAILED: peak RSS at or over the limit, or a body came back changed');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
