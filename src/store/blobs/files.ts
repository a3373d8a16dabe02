// The blob store on files: each blob one immutable file under `<dir>/<first 2 hex of id>/<id>`,
// written aside in `<dir>/tmp/`, synced, checked, then renamed into place. Streams: nothing here
// holds a whole body in memory, but blobs of up to 64 KiB, read whole and kept (16 MiB in all).
// Knows no SQL and no S3; which blobs rows name it is told.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, open as openFd } from 'node:fs';
import { mkdir, open, opendir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../contract/blobs.js';
import { markInMemory } from '../../shared/payload.js';

const ID = /^[0-9a-f]{32}$/;
const FAN = /^[0-9a-f]{2}$/;
const TMP = 'tmp';

/** An id this store could have handed out, or a RangeError: no id names a path outside the folder. */
function checkId(id: string): string {
  if (typeof id !== 'string' || !ID.test(id)) throw new RangeError('not a blob id');
  return id;
}

/** A new file's descriptor (a number: the write stream closes it, which a FileHandle would wait on). */
const openNew = (path: string) => promisify(openFd)(path, 'wx', 0o600);

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** Makes a directory entry durable (a rename, a new file); some platforms cannot open a directory to sync it. */
async function syncDir(path: string): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
    await fh.sync();
  } catch {
    // Not practical here (Windows, some file systems): the rename itself is still atomic.
  } finally {
    await fh?.close();
  }
}

/** A blob of at most this many bytes is read whole, with one open, read and close, and kept for the next reads. */
export const SMALL_BLOB_BYTES = 64 * 1024;
/** The small blobs kept in memory, at most this many bytes in all (the least recently read go first). */
export const SMALL_BLOB_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Small blobs read whole into memory and kept, least recently read evicted first: a blob never
 * changes once in place, so a kept copy is never stale; a deleted one is forgotten. A file stream
 * costs a few times the open, read and close it makes for a body of a few KiB.
 */
function smallBlobs(budget: number) {
  const kept = new Map<string, Buffer>();
  let bytes = 0;
  const keep = (id: string, b: Buffer) => {
    if (b.length > budget || kept.has(id)) return;
    kept.set(id, b);
    bytes += b.length;
    for (const [old, ob] of kept) {
      if (bytes <= budget) break;
      kept.delete(old);
      bytes -= ob.length;
    }
  };
  const wholeFile = async (path: string, size: number): Promise<Buffer> => {
    const fh = await open(path, 'r');
    try {
      const b = Buffer.allocUnsafe(size);
      let at = 0;
      while (at < size) {
        const { bytesRead } = await fh.read(b, at, size - at, at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      if (at !== size) throw new RangeError(`the blob holds ${at} bytes, not the ${size} its row names`);
      return b;
    } finally {
      await fh.close();
    }
  };
  return {
    read(id: string, path: string, size: number, range: { start: number; end: number } | undefined): Readable {
      const slice = (b: Buffer) => (range ? b.subarray(range.start, Math.min(b.length, range.end + 1)) : b);
      const hit = kept.get(id);
      if (hit) {
        kept.delete(id);
        kept.set(id, hit);
        const part = slice(hit);
        return markInMemory(Readable.from([part], { objectMode: false }), part);
      }
      let started = false;
      return new Readable({
        read() {
          if (started) return;
          started = true;
          wholeFile(path, size).then((b) => {
            keep(id, b);
            const part = slice(b);
            if (part.length) this.push(part);
            this.push(null);
          }, (e: unknown) => this.destroy(e as Error));
        },
      });
    },
    forget(id: string) {
      const b = kept.get(id);
      if (b) {
        kept.delete(id);
        bytes -= b.length;
      }
    },
    clear() {
      kept.clear();
      bytes = 0;
    },
  };
}

/** The blob store over the folder `dir` (made when first written to). */
export function fileBlobStore(dir: string): BlobStore {
  const tmpDir = join(dir, TMP);
  const finalPath = (id: string) => join(dir, id.slice(0, 2), id);
  const small = smallBlobs(SMALL_BLOB_CACHE_BYTES);
  // Folders made (and synced into their parent) by this store: only clear() removes folders.
  const made = new Set<string>();

  async function write(body: Readable, check?: (size: number) => void | Promise<void>) {
    const id = randomBytes(16).toString('hex');
    const tmp = join(tmpDir, id);
    if (!made.has(tmpDir)) {
      await mkdir(tmpDir, { recursive: true });
      made.add(tmpDir);
    }
    // Opened before streaming, so a failure never races the file's creation; `flush` syncs the file
    // before the stream closes it, and pipeline resolves once it has.
    const out = createWriteStream(tmp, { fd: await openNew(tmp), flush: true });
    try {
      await pipeline(body, out);
      await check?.(out.bytesWritten);
      const fan = join(dir, id.slice(0, 2));
      if (!made.has(fan)) {
        if ((await mkdir(fan, { recursive: true })) !== undefined) await syncDir(dir);
        made.add(fan);
      }
      await rename(tmp, finalPath(id));
      await syncDir(fan);
    } catch (e) {
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await rm(tmp, { force: true });
      throw e;
    }
    return { id, size: out.bytesWritten };
  }

  return {
    write,
    async copy(ranges) {
      for (const r of ranges) checkId(r.id);
      const expected = ranges.reduce((n, r) => n + Math.max(0, r.end - r.start + 1), 0);
      async function* bytes() {
        for (const r of ranges) if (r.end >= r.start) yield* createReadStream(finalPath(r.id), { start: r.start, end: r.end });
      }
      return write(Readable.from(bytes(), { objectMode: false }), (size) => {
        if (size !== expected) throw new RangeError(`a copied range goes past the end of its blob (${size} of ${expected} bytes)`);
      });
    },
    read(id, range, blobSize) {
      const path = finalPath(checkId(id));
      if (blobSize !== undefined && blobSize <= SMALL_BLOB_BYTES) return small.read(id, path, blobSize, range);
      // Reads of up to 256 KiB at a time: a quarter of the reads and socket writes of the 64 KiB default for large bodies.
      const size = range ? range.end - range.start + 1 : Infinity;
      const highWaterMark = Math.max(16 * 1024, Math.min(size, 256 * 1024));
      return range ? createReadStream(path, { start: range.start, end: range.end, highWaterMark }) : createReadStream(path, { highWaterMark });
    },
    async delete(id) {
      small.forget(id);
      try {
        await unlink(finalPath(checkId(id)));
      } catch (e) {
        if (!isMissing(e)) throw e;
      }
    },
    async sweep(referenced) {
      // Only files from before the sweep began: another node on the same folder may be writing one
      // now, or about to store the row that names it.
      const started = Date.now();
      let removed = 0;
      const stale = async (path: string) => {
        try {
          return (await stat(path)).mtimeMs < started;
        } catch (e) {
          if (isMissing(e)) return false;
          throw e;
        }
      };
      const remove = async (path: string) => {
        try {
          await unlink(path);
          removed++;
        } catch (e) {
          if (!isMissing(e)) throw e;
        }
      };
      for (const top of await names(dir)) {
        if (top === TMP) {
          for (const name of await names(tmpDir)) if (await stale(join(tmpDir, name))) await remove(join(tmpDir, name));
        } else if (FAN.test(top)) {
          for (const id of await names(join(dir, top))) {
            if (!ID.test(id) || !id.startsWith(top)) continue;
            const path = join(dir, top, id);
            if ((await stale(path)) && !(await referenced(id))) await remove(path);
          }
        }
      }
      return { removed };
    },
    async clear() {
      made.clear();
      small.clear();
      for (const top of await names(dir)) {
        if (top === TMP || FAN.test(top)) await rm(join(dir, top), { recursive: true, force: true });
      }
    },
  };
}

/** The names in a directory, all read before any is removed; none when it is missing. */
async function names(path: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const entry of await opendir(path)) out.push(entry.name);
  } catch (e) {
    if (!isMissing(e)) throw e;
  }
  return out;
}
