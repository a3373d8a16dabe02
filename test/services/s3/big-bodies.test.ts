// Big S3 bodies against the started server: a 64 MiB upload streams through without the server's
// memory growing by its size, and a kill -9 in the middle of an upload leaves no object and no
// blob once the server has restarted (its start-up sweep), while a multipart upload whose parts
// were acknowledged survives the kill and can still be completed or aborted; a client that hangs
// up in the middle of a body costs the server nothing but that request.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
  GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, ListPartsCommand, PutObjectCommand, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { startRolegate, TEST_ROOT, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const MiB = 1024 * 1024;
const BUCKET = 'big';

/** `size` bytes in 1 MiB pieces, each stamped with its offset so no two are alike; `pause` slows the stream from an offset on. */
async function* bytes(size: number, pause?: { after: number; ms: number }): AsyncGenerator<Buffer> {
  for (let at = 0; at < size; at += MiB) {
    const b = Buffer.alloc(Math.min(MiB, size - at), at / MiB);
    b.writeUInt32BE(at / MiB, 0);
    if (pause && at >= pause.after) await sleep(pause.ms);
    yield b;
  }
}

async function sha256Of(source: AsyncIterable<Uint8Array>): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of source) h.update(chunk);
  return h.digest('hex');
}

const body = (size: number, pause?: { after: number; ms: number }) => Readable.from(bytes(size, pause), { objectMode: false });

function rss(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

/** The files under the data folder's blob store (in place or half-written in tmp/). */
function blobFiles(dataDir: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      const s = statSync(p, { throwIfNoEntry: false });
      if (s?.isDirectory()) walk(p);
      else if (s) out.push({ path: p, size: s.size });
    }
  };
  walk(join(dataDir, 'blobs'));
  return out;
}

/** Runs with a fresh data folder; the servers started in it are stopped (those still running) and the folder removed after. */
async function withDataDir(run: (dataDir: string, servers: Rolegate[]) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-big-'));
  const servers: Rolegate[] = [];
  try {
    await run(dataDir, servers);
  } finally {
    // A killed child keeps exitCode null (its signalCode is set), and stop() would wait for an exit already past.
    for (const s of servers) if (s.process.exitCode === null && s.process.signalCode === null) await s.stop({ keepData: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('big bodies', { timeout: 60_000 }, () => {
  it('a 64 MiB PutObject streams in and back out byte for byte while the server grows by less than 64 MiB', async () => {
    await withDataDir(async (dataDir, servers) => {
      const server = await startRolegate({ dataDir });
      servers.push(server);
      const s3 = server.s3();
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      // Warm the paths once, so what is measured is the body's cost, not first-use allocations.
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'warm', Body: body(2 * MiB), ContentLength: 2 * MiB }));
      await sha256Of((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'warm' }))).Body as Readable);

      const pid = server.process.pid!;
      const before = rss(pid);
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, rss(pid))), 50);
      try {
        const size = 64 * MiB;
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'large.bin', Body: body(size), ContentLength: size }));
        const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'large.bin' }));
        assert.equal(got.ContentLength, size);
        assert.equal(await sha256Of(got.Body as Readable), await sha256Of(bytes(size)));
      } finally {
        clearInterval(timer);
      }
      peak = Math.max(peak, rss(pid));
      assert.ok(peak - before < 64 * MiB, `the server's RSS grew by ${((peak - before) / MiB).toFixed(1)} MiB (from ${(before / MiB).toFixed(1)} MiB)`);
      s3.destroy();
    });
  });

  it('kill -9 in the middle of a streamed PutObject leaves no object and, after the restart, no blob', async () => {
    await withDataDir(async (dataDir, servers) => {
      const first = await startRolegate({ dataDir });
      servers.push(first);
      const s3 = first.s3();
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      const size = 256 * MiB;
      // Fast up to 40 MiB, then a trickle: the kill lands while the body is still arriving.
      const source = body(size, { after: 40 * MiB, ms: 100 });
      const upload = s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cut.bin', Body: source, ContentLength: size })).then(
        () => 'stored',
        () => 'failed',
      );
      const deadline = Date.now() + 15_000;
      while (!blobFiles(dataDir).some((f) => f.path.includes(`${join('blobs', 'tmp')}`) && f.size >= 32 * MiB)) {
        assert.ok(Date.now() < deadline, 'the upload never reached 32 MiB in blobs/tmp');
        await sleep(20);
      }
      await first.stop({ kill: true, keepData: true });
      assert.equal(await upload, 'failed');
      source.destroy();
      assert.ok(blobFiles(dataDir).length > 0, 'the half-written body is still on disk before the restart');

      const second = await startRolegate({ dataDir });
      servers.push(second);
      const s3b = second.s3();
      await rejectsWith(s3b.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'cut.bin' })), 'NotFound', 404);
      const listed = await s3b.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      assert.equal(listed.KeyCount, 0);
      assert.deepEqual(blobFiles(dataDir), [], 'the start-up sweep removed the half-written blob');
      s3.destroy();
      s3b.destroy();
    });
  });

  it('a multipart upload killed between UploadPart and CompleteMultipartUpload is still listed after the restart, and completes or aborts', async () => {
    await withDataDir(async (dataDir, servers) => {
      const first = await startRolegate({ dataDir });
      servers.push(first);
      const s3 = first.s3();
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      const sizes = [5 * MiB, 3 * MiB];
      const uploads: Record<string, { id: string; etags: string[] }> = {};
      for (const key of ['kept.bin', 'dropped.bin']) {
        const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
        const etags = [];
        for (let n = 1; n <= sizes.length; n++) {
          const r = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: n, Body: body(sizes[n - 1]), ContentLength: sizes[n - 1] }));
          etags.push(r.ETag!);
        }
        uploads[key] = { id: UploadId!, etags };
      }
      await first.stop({ kill: true, keepData: true });

      const second = await startRolegate({ dataDir });
      servers.push(second);
      const s3b = second.s3();
      const listed = await s3b.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
      assert.deepEqual(listed.Uploads?.map((u) => [u.Key, u.UploadId]).sort(), [['dropped.bin', uploads['dropped.bin'].id], ['kept.bin', uploads['kept.bin'].id]]);
      const parts = await s3b.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'kept.bin', UploadId: uploads['kept.bin'].id }));
      assert.deepEqual(parts.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag]), [[1, sizes[0], uploads['kept.bin'].etags[0]], [2, sizes[1], uploads['kept.bin'].etags[1]]]);
      assert.equal(blobFiles(dataDir).length, 4, 'the sweep keeps the blobs of acknowledged parts');

      await s3b.send(new CompleteMultipartUploadCommand({
        Bucket: BUCKET, Key: 'kept.bin', UploadId: uploads['kept.bin'].id,
        MultipartUpload: { Parts: uploads['kept.bin'].etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })) },
      }));
      const got = await s3b.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'kept.bin' }));
      const expected = createHash('sha256');
      for (const size of sizes) for await (const b of bytes(size)) expected.update(b);
      assert.equal(await sha256Of(got.Body as Readable), expected.digest('hex'));

      await s3b.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'dropped.bin', UploadId: uploads['dropped.bin'].id }));
      const after = await s3b.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
      assert.equal(after.Uploads, undefined);
      assert.equal(blobFiles(dataDir).length, 2, 'the aborted upload\'s part blobs are gone; the completed object keeps its two');
      await s3b.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'kept.bin' }));
      assert.deepEqual(blobFiles(dataDir), [], 'deleting the object removes the last blobs');
      s3.destroy();
      s3b.destroy();
    });
  });

  it('clients that hang up in the middle of PutObject bodies do not bring the server down, and leave no blob', async () => {
    await withDataDir(async (dataDir, servers) => {
      const server = await startRolegate({ dataDir });
      servers.push(server);
      const s3 = server.s3();
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      const size = MiB;
      const full = Buffer.alloc(size, 'x');
      const signer = new SignatureV4({ credentials: TEST_ROOT, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
      const signed = await signer.sign({
        method: 'PUT', protocol: 'http:', hostname: '127.0.0.1', port: server.port, path: `/${BUCKET}/dropped.bin`, query: {},
        headers: { host: `127.0.0.1:${server.port}`, 'x-amz-content-sha256': createHash('sha256').update(full).digest('hex'), 'content-length': String(size) },
      });
      const head = `PUT /${BUCKET}/dropped.bin HTTP/1.1\r\n${Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
      // The hang-up lands at different points: before the handler has the body, while the blob's
      // file is being opened, while bytes are being written.
      for (let i = 0; i < 40 && server.process.exitCode === null && server.process.signalCode === null; i++) {
        const socket = connect(server.port, '127.0.0.1');
        const connected = await new Promise<boolean>((resolve) => {
          socket.once('connect', () => resolve(true));
          socket.once('error', () => resolve(false));
        });
        socket.on('error', () => {});
        if (!connected) break;
        socket.write(head);
        socket.write(full.subarray(0, 64 * 1024));
        await sleep(i % 5);
        socket.destroy();
      }
      await sleep(200);
      assert.equal(server.process.exitCode, null, 'the server is still running');
      assert.equal(server.process.signalCode, null, 'the server is still running');
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'dropped.bin' })), 'NotFound', 404);
      assert.equal((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount, 0);
      const deadline = Date.now() + 5_000;
      while (blobFiles(dataDir).length > 0 && Date.now() < deadline) await sleep(50);
      assert.deepEqual(blobFiles(dataDir), [], 'each cut-off body\'s temporary file is removed at once');
      s3.destroy();
    });
  });
});
