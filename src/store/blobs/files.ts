// The blob store on files: each blob one immutable file under `<dir>/<first 2 hex of id>/<id>`,
// written aside in `<dir>/tmp/`, synced, checked, then renamed into place. Streams only: nothing
// here holds a whole body in memory. Knows no SQL and no S3; which blobs rows name it is told.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, open as openFd } from 'node:fs';
import { mkdir, open, opendir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../contract/blobs.js';

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

/** The blob store over the folder `dir` (made when first written to). */
export function fileBlobStore(dir: string): BlobStore {
  const tmpDir = join(dir, TMP);
  const finalPath = (id: string) => join(dir, id.slice(0, 2), id);
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
    read(id, range) {
      const path = finalPath(checkId(id));
      // Reads of up to 256 KiB at a time: a quarter of the reads and socket writes of the 64 KiB default for large bodies.
      const size = range ? range.end - range.start + 1 : Infinity;
      const highWaterMark = Math.max(16 * 1024, Math.min(size, 256 * 1024));
      return range ? createReadStream(path, { start: range.start, end: range.end, highWaterMark }) : createReadStream(path, { highWaterMark });
    },
    async delete(id) {
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
