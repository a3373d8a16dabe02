// The blob store on files (src/store/blobs/files.ts): bodies written aside, synced, checked and put
// in place; nothing left behind by a failure; the sweep; ids that cannot leave the folder; memory
// that does not grow with the body. And where the SQLite store keeps its blobs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileBlobStore } from '../../src/store/blobs/files.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-blobs-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const body = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

const readAll = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
};

/** Every file under `dir`, as paths relative to it. */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name).slice(dir.length + 1))
    .sort();
}

/** A body of `chunks` 64 KiB chunks that fails with `error` after `failAfter` of them. */
function generated(chunks: number, failAfter = Infinity, error = new Error('the client went away')): Readable {
  const chunk = Buffer.alloc(64 * 1024, 7);
  let sent = 0;
  return new Readable({
    read() {
      if (sent === failAfter) return void this.destroy(error);
      this.push(sent++ < chunks ? chunk : null);
    },
  });
}

const past = new Date(Date.now() - 3_600_000);
const future = new Date(Date.now() + 3_600_000);

test('a written blob reads back whole or as an inclusive byte range, and check is told its size', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const sizes: number[] = [];
    const { id, size } = await blobs.write(body('hello ', 'world'), (n) => void sizes.push(n));
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(size, 11);
    assert.deepEqual(sizes, [11], 'check runs once, with every byte counted');
    assert.equal(await readAll(blobs.read(id)), 'hello world');
    assert.equal(await readAll(blobs.read(id, { start: 0, end: 0 })), 'h');
    assert.equal(await readAll(blobs.read(id, { start: 6, end: 10 })), 'world');
    assert.equal(await readAll(blobs.read(id, { start: 3, end: 7 })), 'lo wo');
    const empty = await blobs.write(body());
    assert.equal(empty.size, 0);
    assert.equal(await readAll(blobs.read(empty.id)), '');
    assert.notEqual(empty.id, id);
  }));

test('a small blob read with its size reads whole or by range, and is served from memory afterwards, until deleted', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const { id, size } = await blobs.write(body('hello ', 'world'));
    assert.equal(await readAll(blobs.read(id, undefined, size)), 'hello world');
    assert.equal(await readAll(blobs.read(id, { start: 6, end: 10 }, size)), 'world');
    assert.equal(await readAll(blobs.read(id, { start: 0, end: 0 }, size)), 'h');
    // The file is gone from under the store (as a sweep on another node could do): the kept copy still answers…
    rmSync(join(dir, id.slice(0, 2), id));
    assert.equal(await readAll(blobs.read(id, { start: 3, end: 7 }, size)), 'lo wo', 'read from memory');
    // …until the store deletes the blob itself: then the read goes to the file, and fails as a missing blob does.
    await blobs.delete(id);
    await assert.rejects(readAll(blobs.read(id, undefined, size)), { code: 'ENOENT' });
    const empty = await blobs.write(body());
    assert.equal(await readAll(blobs.read(empty.id, undefined, 0)), '');
  }));

test('a small blob shorter than the size its reader names is an error on the stream, never short bytes', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const { id } = await blobs.write(body('abc'));
    await assert.rejects(readAll(blobs.read(id, undefined, 10)), RangeError);
    assert.equal(await readAll(blobs.read(id, undefined, 3)), 'abc', 'the failed read kept nothing');
  }));

test('blobs above the small-blob size are streamed from the file each time, and clear() forgets the kept ones', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const big = await blobs.write(generated(2));
    assert.equal(big.size, 128 * 1024);
    assert.equal((await readAll(blobs.read(big.id, { start: 0, end: 9 }, big.size))).length, 10);
    rmSync(join(dir, big.id.slice(0, 2), big.id));
    await assert.rejects(readAll(blobs.read(big.id, { start: 0, end: 9 }, big.size)), { code: 'ENOENT' }, 'not kept in memory');
    const small = await blobs.write(body('kept'));
    assert.equal(await readAll(blobs.read(small.id, undefined, 4)), 'kept');
    await blobs.clear();
    await assert.rejects(readAll(blobs.read(small.id, undefined, 4)), { code: 'ENOENT' }, 'clear() empties the memory too');
  }));

test('blobs fan out into folders named by the first two hex characters of their id, and tmp/ is left empty', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const ids = await Promise.all([1, 2, 3].map(async (n) => (await blobs.write(body(`b${n}`))).id));
    assert.deepEqual(files(dir), ids.map((id) => join(id.slice(0, 2), id)).sort());
  }));

test('copy joins byte ranges of blobs, in order, into a new blob', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const a = await blobs.write(body('0123456789'));
    const b = await blobs.write(body('abcdef'));
    const copied = await blobs.copy([{ id: b.id, start: 2, end: 3 }, { id: a.id, start: 0, end: 9 }, { id: b.id, start: 5, end: 5 }]);
    assert.equal(copied.size, 13);
    assert.equal(await readAll(blobs.read(copied.id)), 'cd0123456789f');
    assert.equal(await readAll(blobs.read(a.id)), '0123456789', 'the sources are unchanged');
    const none = await blobs.copy([]);
    assert.equal(none.size, 0, 'no range copies to an empty blob');
  }));

test('copy of a range past the end of its blob, or of a missing blob, rejects and leaves no new blob', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const a = await blobs.write(body('short'));
    await assert.rejects(blobs.copy([{ id: a.id, start: 0, end: 99 }]), RangeError);
    await assert.rejects(blobs.copy([{ id: a.id, start: 0, end: 1 }, { id: 'f'.repeat(32), start: 0, end: 1 }]), { code: 'ENOENT' });
    assert.deepEqual(files(dir), [join(a.id.slice(0, 2), a.id)]);
  }));

test('a check that throws rejects with its own error and leaves nothing in tmp/ nor in place', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const mismatch = new Error('BadDigest');
    let checkedOnDisk = false;
    await assert.rejects(blobs.write(body('abc'), async (size) => {
      checkedOnDisk = files(join(dir, 'tmp')).length === 1 && size === 3;
      throw mismatch;
    }), (e) => e === mismatch);
    assert.ok(checkedOnDisk, 'check ran with the bytes on disk, aside');
    assert.deepEqual(files(dir), []);
  }));

test('a body that fails mid-way rejects with its own error and leaves nothing behind', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const gone = new Error('the client went away');
    let checked = false;
    await assert.rejects(blobs.write(generated(100, 10, gone), () => void (checked = true)), (e) => e === gone);
    assert.equal(checked, false, 'check never runs for a body that did not finish');
    assert.deepEqual(files(dir), []);
  }));

test('delete removes a blob, and deleting one already gone is not an error', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const { id } = await blobs.write(body('x'));
    await blobs.delete(id);
    assert.deepEqual(files(dir), []);
    await blobs.delete(id);
    await blobs.delete('0'.repeat(32));
  }));

test('an id that is not 32 lower-case hex characters is refused with a RangeError, so none walks out of the folder', () =>
  withDir(async (dir) => {
    const inner = join(dir, 'blobs');
    const blobs = fileBlobStore(inner);
    writeFileSync(join(dir, 'secret'), 'outside');
    const bad = ['../secret', `../${'a'.repeat(30)}`, `${'a'.repeat(2)}/../../secret`, 'A'.repeat(32), 'a'.repeat(31), 'a'.repeat(33), `${'a'.repeat(31)}/`, '', `${'a'.repeat(32)}\0`];
    for (const id of bad) {
      assert.throws(() => blobs.read(id), RangeError, `read ${JSON.stringify(id)}`);
      await assert.rejects(blobs.delete(id), RangeError, `delete ${JSON.stringify(id)}`);
      await assert.rejects(blobs.copy([{ id, start: 0, end: 0 }]), RangeError, `copy ${JSON.stringify(id)}`);
    }
    assert.ok(existsSync(join(dir, 'secret')));
  }));

test('sweep removes leftovers in tmp/ and blobs nobody names, keeping named ones and any written after it began', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    const named = await blobs.write(body('named'));
    const orphan = await blobs.write(body('orphan'));
    const fresh = await blobs.write(body('being stored by another node'));
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    writeFileSync(join(dir, 'tmp', 'c'.repeat(32)), 'half-written by a process that stopped');
    writeFileSync(join(dir, 'tmp', 'd'.repeat(32)), 'being written now by another node');
    writeFileSync(join(dir, 'README'), 'not a blob: never touched');
    const path = (id: string) => join(dir, id.slice(0, 2), id);
    for (const p of [path(named.id), path(orphan.id), join(dir, 'tmp', 'c'.repeat(32))]) utimesSync(p, past, past);
    for (const p of [path(fresh.id), join(dir, 'tmp', 'd'.repeat(32))]) utimesSync(p, future, future);
    const asked: string[] = [];
    const result = await blobs.sweep(async (id) => {
      asked.push(id);
      return id === named.id;
    });
    assert.deepEqual(result, { removed: 2 });
    assert.deepEqual(asked.sort(), [named.id, orphan.id].sort(), 'only blobs older than the sweep are asked about');
    assert.deepEqual(files(dir), ['README', path(fresh.id).slice(dir.length + 1), path(named.id).slice(dir.length + 1), join('tmp', 'd'.repeat(32))].sort());
    assert.equal(await readAll(blobs.read(named.id)), 'named');
  }));

test('sweep and clear of a folder never written to remove nothing and do not fail', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(join(dir, 'not-yet'));
    assert.deepEqual(await blobs.sweep(async () => false), { removed: 0 });
    await blobs.clear();
    assert.equal(existsSync(join(dir, 'not-yet')), false);
  }));

test('clear removes every blob and leftover, and writing works again after', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    await blobs.write(body('a'));
    await blobs.write(body('b'));
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    writeFileSync(join(dir, 'tmp', 'e'.repeat(32)), 'left');
    await blobs.clear();
    assert.deepEqual(files(dir), []);
    const again = await blobs.write(body('c'));
    assert.equal(await readAll(blobs.read(again.id)), 'c');
  }));

test('a 64 MiB body streams to disk with memory growing by less than 32 MiB', () =>
  withDir(async (dir) => {
    const blobs = fileBlobStore(dir);
    await blobs.write(generated(16)); // the streams' code and buffers, warmed up
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    const { size } = await blobs.write(generated(1024));
    const growth = process.memoryUsage().rss - before;
    assert.equal(size, 64 * 1024 * 1024);
    assert.ok(growth < 32 * 1024 * 1024, `rss grew by ${(growth / 1024 / 1024).toFixed(1)} MiB`);
  }));

test('the SQLite store keeps its blobs in `blobs` beside the database file, or in blobDir when given', () =>
  withDir(async (dir) => {
    const byDefault = openSqliteStore(join(dir, 'rolegate.db'));
    const a = await byDefault.blobs.write(body('a'));
    await byDefault.close();
    assert.ok(existsSync(join(dir, 'blobs', a.id.slice(0, 2), a.id)));
    const elsewhere = join(dir, 'elsewhere');
    const given = openSqliteStore(join(dir, 'other.db'), { blobDir: elsewhere });
    const b = await given.blobs.write(body('b'));
    await given.close();
    assert.deepEqual(files(elsewhere), [join(b.id.slice(0, 2), b.id)]);
  }));
