// The S3 aggregates' contract cases (buckets, object versions, uploads and parts, and their part in
// transactions, reset and the blob sweep), for every engine: through the contract's methods only,
// never SQL or an engine's internals (each engine's test file supplies the store).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { BucketRecord, ObjectVersionRecord, PartRecord, Store, UploadRecord } from '../../../src/store/types.js';
import { decodeMarker } from '../../../src/store/marker.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

export const bucket = (name: string, accountId = A1, extra: Partial<BucketRecord> = {}): BucketRecord => ({
  name, accountId, region: 'us-east-1', createdAt: 1_700_000_000_000, config: {}, ...extra,
});

export const version = (key: string, versionId = 'null', extra: Partial<ObjectVersionRecord> = {}): ObjectVersionRecord => ({
  bucket: 'b', key, versionId, deleteMarker: false, lastModified: 1_700_000_000_000, size: 3,
  etag: '"900150983cd24fb0d6963f7d28e17f72"', storageClass: 'STANDARD', owner: A1,
  headers: {}, metadata: {}, tags: [], segments: [], ...extra,
});

const marker = (key: string, versionId: string) => version(key, versionId, { deleteMarker: true, size: 0, etag: '', segments: [] });

export const upload = (uploadId: string, key: string, initiated: number, bucketName = 'b'): UploadRecord => ({
  uploadId, bucket: bucketName, key, initiated, owner: A1, initiator: `arn:aws:iam::${A1}:root`, storageClass: 'STANDARD',
  headers: {}, metadata: {}, tags: [],
});

export const part = (uploadId: string, partNumber: number, blob = `blob-${uploadId}-${partNumber}`): PartRecord => ({
  uploadId, partNumber, size: 5, etag: `"etag-${partNumber}"`, lastModified: 1_700_000_000_000, blob,
});

/** Only what a record says, without the store's own seq and latest flag. */
const plain = (v: ObjectVersionRecord | undefined) => {
  if (!v) return v;
  const { seq: _seq, isLatest: _isLatest, ...rest } = v;
  return rest;
};

const keysOf = (vs: ObjectVersionRecord[]) => vs.map((v) => v.key);
const versionsOf = (vs: ObjectVersionRecord[]) => vs.map((v) => `${v.key}@${v.versionId}${v.isLatest ? '*' : ''}`);

const readAll = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
};

async function putAll(s: Store, keys: string[]) {
  for (const k of keys) await s.objects.put(version(k));
}

export function s3Contract(engine: string, open: StoreFactory) {
  describe(`S3 buckets contract on ${engine}`, () => {
    const store = freshStore(open);

    test('a bucket name is taken for every account: creating it again, from any account, answers false', async () => {
      assert.equal(await store().buckets.create(bucket('shared')), true);
      assert.equal(await store().buckets.create(bucket('shared', A2)), false);
      assert.equal(await store().buckets.create(bucket('shared')), false);
      assert.equal((await store().buckets.get('shared'))?.accountId, A1, 'the first owner keeps it');
    });

    test('get answers the bucket as created; put replaces it; put of a missing bucket answers false', async () => {
      const b = bucket('b1', A1, { versioning: 'Enabled', config: { policy: '{"Version":"2012-10-17"}', tagging: [{ Key: 'k', Value: 'v' }] } });
      await store().buckets.create(b);
      assert.deepEqual(await store().buckets.get('b1'), b);
      const changed = { ...b, versioning: 'Suspended' as const, config: { cors: [{ AllowedMethods: ['GET'] }] } };
      assert.equal(await store().buckets.put(changed), true);
      assert.deepEqual(await store().buckets.get('b1'), changed);
      assert.equal(await store().buckets.put(bucket('never-made')), false);
      assert.equal(await store().buckets.get('never-made'), undefined);
    });

    test('a deleted bucket is gone and its name free again; a second delete answers false', async () => {
      await store().buckets.create(bucket('gone'));
      assert.equal(await store().buckets.delete('gone'), true);
      assert.equal(await store().buckets.delete('gone'), false);
      assert.equal(await store().buckets.get('gone'), undefined);
      assert.equal(await store().buckets.create(bucket('gone', A2)), true);
    });

    test("an account's buckets list by name, with a prefix, in pages that continue after the last name", async () => {
      for (const n of ['b-3', 'a-1', 'b-1', 'b-2', 'c-1']) await store().buckets.create(bucket(n));
      await store().buckets.create(bucket('b-0-other', A2));
      const first = await store().buckets.list(A1, { prefix: 'b-', max: 2 });
      assert.deepEqual(first.items.map((b) => b.name), ['b-1', 'b-2']);
      assert.ok(first.marker, 'a full page with more after it has a marker');
      const second = await store().buckets.list(A1, { prefix: 'b-', after: decodeMarker(first.marker), max: 2 });
      assert.deepEqual(second.items.map((b) => b.name), ['b-3']);
      assert.equal(second.marker, undefined, 'the last page has none');
      assert.deepEqual((await store().buckets.list(A1, { max: 10 })).items.map((b) => b.name), ['a-1', 'b-1', 'b-2', 'b-3', 'c-1']);
      assert.deepEqual((await store().buckets.list(A2, { max: 10 })).items.map((b) => b.name), ['b-0-other']);
      assert.deepEqual((await store().buckets.list(A1, { after: 'b-2', max: 10 })).items.map((b) => b.name), ['b-3', 'c-1']);
    });
  });

  describe(`S3 object versions contract on ${engine}`, () => {
    const store = freshStore(open);

    test('put makes the new version the latest and clears the flag of the one before', async () => {
      assert.deepEqual(await store().objects.put(version('k', 'v1')), {});
      await store().objects.put(version('k', 'v2', { size: 9 }));
      const latest = await store().objects.get('b', 'k');
      assert.equal(latest?.versionId, 'v2');
      assert.equal(latest?.isLatest, true);
      assert.equal((await store().objects.get('b', 'k', 'v1'))?.isLatest, false);
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { limit: 10 })), ['k@v2*', 'k@v1']);
    });

    test('get answers a version as it was put, with the seq and latest flag the store gave it', async () => {
      const v = version('photos/cat.jpg', 'v1', {
        contentType: 'image/jpeg', headers: { 'cache-control': 'no-cache' }, metadata: { colour: 'grey' },
        tags: [{ Key: 'k', Value: 'v' }], checksum: { algorithm: 'CRC32', value: 'AAAAAA==', type: 'FULL_OBJECT' },
        segments: [{ blob: 'a'.repeat(32), size: 3 }, { blob: 'b'.repeat(32), size: 5, etag: '"p2"', checksum: 'x==' }],
      });
      await store().objects.put(v);
      const got = await store().objects.get('b', 'photos/cat.jpg', 'v1');
      assert.deepEqual(plain(got), v);
      assert.equal(typeof got?.seq, 'number');
      assert.equal(got?.isLatest, true);
      assert.equal(await store().objects.get('b', 'photos/cat.jpg', 'v0'), undefined);
      assert.equal(await store().objects.get('b', 'photos/dog.jpg'), undefined);
      assert.equal(await store().objects.get('other', 'photos/cat.jpg'), undefined, 'buckets are apart');
    });

    test('a null version written again replaces the key’s null version, which put answers', async () => {
      await store().objects.put(version('k', 'null', { size: 1 }));
      await store().objects.put(version('k', 'v2'));
      const { replaced } = await store().objects.put(version('k', 'null', { size: 2 }));
      assert.equal(replaced?.size, 1, 'the old null version comes back so its blobs can go');
      assert.equal(replaced?.versionId, 'null');
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { limit: 10 })), ['k@null*', 'k@v2']);
      assert.equal((await store().objects.get('b', 'k'))?.size, 2);
      assert.deepEqual(await store().objects.put(version('other', 'null')), {}, 'a first null version replaces nothing');
    });

    test('a delete marker can be the latest version; scan skips the key, get answers the marker', async () => {
      await store().objects.put(version('k', 'v1'));
      await store().objects.put(marker('k', 'm1'));
      const latest = await store().objects.get('b', 'k');
      assert.equal(latest?.deleteMarker, true);
      assert.equal(latest?.isLatest, true);
      assert.deepEqual(await store().objects.scan('b', { limit: 10 }), []);
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { limit: 10 })), ['k@m1*', 'k@v1']);
    });

    test('deleting the latest version makes the newest remaining one latest; deleting an older one leaves the latest alone', async () => {
      for (const id of ['v1', 'v2', 'v3', 'v4']) await store().objects.put(version('k', id));
      const gone = await store().objects.deleteVersion('b', 'k', 'v4');
      assert.equal(gone?.versionId, 'v4');
      assert.equal(gone?.isLatest, true, 'the removed record says it was the latest');
      assert.equal((await store().objects.get('b', 'k'))?.versionId, 'v3');
      await store().objects.deleteVersion('b', 'k', 'v1');
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { limit: 10 })), ['k@v3*', 'k@v2']);
      await store().objects.deleteVersion('b', 'k', 'v3');
      await store().objects.deleteVersion('b', 'k', 'v2');
      assert.equal(await store().objects.get('b', 'k'), undefined, 'no version left, no latest');
      assert.equal(await store().objects.deleteVersion('b', 'k', 'v2'), undefined, 'a missing version answers undefined');
    });

    test('seq grows with every version written, even after the newest was deleted', async () => {
      await store().objects.put(version('a', 'v1'));
      await store().objects.put(version('b', 'v1'));
      const second = (await store().objects.get('b', 'b'))!.seq!;
      await store().objects.deleteVersion('b', 'b', 'v1');
      await store().objects.put(version('a', 'v2'));
      const first = (await store().objects.get('b', 'a', 'v1'))!.seq!;
      const third = (await store().objects.get('b', 'a', 'v2'))!.seq!;
      assert.ok(first < second && second < third, `${first} < ${second} < ${third}`);
    });

    test('update replaces a version’s record in place, keeping its seq and latest flag; a missing version answers false', async () => {
      await store().objects.put(version('k', 'v1'));
      await store().objects.put(version('k', 'v2'));
      const before = (await store().objects.get('b', 'k', 'v1'))!;
      const changed = version('k', 'v1', { tags: [{ Key: 'team', Value: 'a' }], metadata: { m: '1' } });
      assert.equal(await store().objects.update(changed), true);
      const after = (await store().objects.get('b', 'k', 'v1'))!;
      assert.deepEqual(plain(after), changed);
      assert.equal(after.seq, before.seq);
      assert.equal(after.isLatest, false);
      assert.equal((await store().objects.get('b', 'k'))?.versionId, 'v2', 'the latest is still v2');
      assert.equal(await store().objects.update(version('k', 'v9')), false);
      assert.equal(await store().objects.get('b', 'k', 'v9'), undefined, 'update never creates');
    });

    test('scan lists the latest versions by key, after afterKey, up to limit, without delete markers or older versions', async () => {
      await putAll(store(), ['d', 'a', 'c', 'b', 'e']);
      await store().objects.put(version('b', 'v-newer', { size: 7 }));
      await store().objects.put(marker('c', 'm'));
      const all = await store().objects.scan('b', { limit: 10 });
      assert.deepEqual(keysOf(all), ['a', 'b', 'd', 'e']);
      assert.equal(all[1].versionId, 'v-newer');
      assert.ok(all.every((v) => v.isLatest));
      assert.deepEqual(keysOf(await store().objects.scan('b', { limit: 2 })), ['a', 'b']);
      assert.deepEqual(keysOf(await store().objects.scan('b', { afterKey: 'b', limit: 10 })), ['d', 'e']);
      assert.deepEqual(keysOf(await store().objects.scan('b', { afterKey: 'bb', limit: 10 })), ['d', 'e'], 'afterKey need not exist');
      assert.deepEqual(await store().objects.scan('b', { limit: 0 }), []);
      assert.deepEqual(await store().objects.scan('other', { limit: 10 }), []);
    });

    test('scanListing answers the rows scan answers, as listings show them: key, size, ETag, time, class and checksum', async () => {
      await store().objects.put(version('a', 'null', { size: 5, checksum: { algorithm: 'CRC64NVME', value: 'AAAAAAAAAAA=', type: 'FULL_OBJECT' } }));
      await store().objects.put(version('b', 'null', { storageClass: 'GLACIER' }));
      await store().objects.put(marker('c', 'm'));
      await store().objects.put(version('d', 'null'));
      const listed = await store().objects.scanListing('b', { prefix: '', afterKey: 'a', limit: 10 });
      assert.deepEqual(listed, [
        { key: 'b', size: 3, etag: '"900150983cd24fb0d6963f7d28e17f72"', lastModified: 1_700_000_000_000, storageClass: 'GLACIER' },
        { key: 'd', size: 3, etag: '"900150983cd24fb0d6963f7d28e17f72"', lastModified: 1_700_000_000_000, storageClass: 'STANDARD' },
      ]);
      const [a] = await store().objects.scanListing('b', { limit: 1 });
      assert.deepEqual(a, { key: 'a', size: 5, etag: '"900150983cd24fb0d6963f7d28e17f72"', lastModified: 1_700_000_000_000, storageClass: 'STANDARD', checksumAlgorithm: 'CRC64NVME', checksumType: 'FULL_OBJECT' });
      assert.deepEqual(keysOf(await store().objects.scan('b', { limit: 10 })), (await store().objects.scanListing('b', { limit: 10 })).map((l) => l.key));
    });

    test('a prefix with %, _ or non-ASCII characters matches exactly the keys that start with it', async () => {
      await putAll(store(), ['a%b/1', 'a%c', 'aXb/1', 'a_b', 'axb', 'é/1', 'é', 'e/1', 'É', 'Ab', 'a\\b', 'ab']);
      const scan = async (prefix: string) => keysOf(await store().objects.scan('b', { prefix, limit: 100 }));
      assert.deepEqual(await scan('a%b'), ['a%b/1'], '% is not a wildcard');
      assert.deepEqual(await scan('a_'), ['a_b'], '_ is not a wildcard');
      assert.deepEqual(await scan('é'), ['é', 'é/1']);
      assert.deepEqual(await scan('a'), ['a%b/1', 'a%c', 'aXb/1', 'a\\b', 'a_b', 'ab', 'axb'], 'case counts: Ab is not under a');
      assert.deepEqual(await scan('a\\'), ['a\\b'], 'a backslash is a character like any other');
      assert.deepEqual(await scan('zz'), []);
      assert.deepEqual(keysOf(await store().objects.scan('b', { prefix: 'a', afterKey: 'a_b', limit: 100 })), ['ab', 'axb']);
      assert.deepEqual(keysOf(await store().objects.scan('b', { prefix: 'é', afterKey: 'a', limit: 100 })), ['é', 'é/1'], 'an afterKey before the prefix starts it');
      assert.deepEqual(keysOf(await store().objects.scan('b', { prefix: 'a', afterKey: 'b', limit: 100 })), [], 'an afterKey past the prefix ends it');
    });

    test('a prefix ending just below the surrogates (U+D7FF) or at the last code point (U+10FFFF) still bounds the listing', async () => {
      await putAll(store(), ['\u{D7FF}', '\u{D7FF}x', '\u{E000}', '\u{10FFFF}', '\u{10FFFF}\u{10FFFF}a', 'x\u{10FFFF}', 'y']);
      const scan = async (prefix: string) => keysOf(await store().objects.scan('b', { prefix, limit: 100 }));
      assert.deepEqual(await scan('\u{D7FF}'), ['\u{D7FF}', '\u{D7FF}x']);
      assert.deepEqual(await scan('\u{10FFFF}'), ['\u{10FFFF}', '\u{10FFFF}\u{10FFFF}a']);
      assert.deepEqual(await scan('x\u{10FFFF}'), ['x\u{10FFFF}']);
    });

    test('keys list in the order of their UTF-8 bytes: a character above U+FFFF comes after one in U+E000-U+FFFF', async () => {
      // UTF-16 (JavaScript's string order) puts U+1F600 (D83D DE00) before U+E000; UTF-8 (S3's) puts it after.
      const keys = ['\u{1F600}', '\u{FFFD}', '\u{E000}', 'z', 'é', 'Z', '\u{10000}'];
      await putAll(store(), keys);
      const expected = ['Z', 'z', 'é', '\u{E000}', '\u{FFFD}', '\u{10000}', '\u{1F600}'];
      assert.notDeepEqual([...keys].sort(), expected, 'the case would not tell the two orders apart');
      assert.deepEqual(keysOf(await store().objects.scan('b', { limit: 100 })), expected);
      assert.deepEqual(keysOf(await store().objects.scanVersions('b', { limit: 100 })), expected);
      assert.deepEqual(keysOf(await store().objects.scan('b', { afterKey: '\u{FFFD}', limit: 100 })), ['\u{10000}', '\u{1F600}']);
      assert.deepEqual(keysOf(await store().objects.scan('b', { afterKey: '\u{10000}', limit: 100 })), ['\u{1F600}']);
      assert.deepEqual(keysOf(await store().objects.scan('b', { prefix: '\u{1F600}', limit: 100 })), ['\u{1F600}']);
    });

    test('scanVersions lists every version and delete marker by key, newest first, and continues within a key after afterSeq', async () => {
      await store().objects.put(version('a', 'a1'));
      await store().objects.put(version('b', 'b1'));
      await store().objects.put(version('a', 'a2'));
      await store().objects.put(marker('b', 'b2'));
      await store().objects.put(version('b', 'b3'));
      await store().objects.put(version('c', 'c1'));
      const all = await store().objects.scanVersions('b', { limit: 100 });
      assert.deepEqual(versionsOf(all), ['a@a2*', 'a@a1', 'b@b3*', 'b@b2', 'b@b1', 'c@c1*']);
      assert.equal(all[3].deleteMarker, true);
      // Page by page, continuing from the last (key, seq) of each page.
      const seen: string[] = [];
      let after: ObjectVersionRecord | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store().objects.scanVersions('b', { afterKey: after?.key, afterSeq: after?.seq, limit: 2 });
        seen.push(...versionsOf(page));
        if (page.length < 2) break;
        after = page[page.length - 1];
      }
      assert.deepEqual(seen, versionsOf(all));
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { afterKey: 'a', limit: 100 })), ['b@b3*', 'b@b2', 'b@b1', 'c@c1*'], 'afterKey alone skips the whole key');
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { prefix: 'b', limit: 100 })), ['b@b3*', 'b@b2', 'b@b1']);
      const b3 = all[2].seq;
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { prefix: 'c', afterKey: 'b', afterSeq: b3, limit: 100 })), ['c@c1*'], 'afterKey outside the prefix adds none of its versions');
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { prefix: 'b', afterKey: 'b', afterSeq: b3, limit: 1 })), ['b@b2']);
    });

    test('any answers whether a bucket holds a version or a delete marker', async () => {
      assert.equal(await store().objects.any('b'), false);
      await store().objects.put(marker('k', 'm'));
      assert.equal(await store().objects.any('b'), true, 'a delete marker alone keeps a bucket from being empty');
      assert.equal(await store().objects.any('other'), false);
      await store().objects.deleteVersion('b', 'k', 'm');
      assert.equal(await store().objects.any('b'), false);
    });

    test("deleteBucketObjects removes every version of that bucket only and answers them", async () => {
      await store().objects.put(version('k', 'v1', { segments: [{ blob: '1'.repeat(32), size: 3 }] }));
      await store().objects.put(marker('k', 'm'));
      await store().objects.put(version('j', 'null'));
      await store().objects.put({ ...version('k', 'v1'), bucket: 'kept' });
      const gone = await store().objects.deleteBucketObjects('b');
      assert.deepEqual(versionsOf(gone), ['j@null*', 'k@m*', 'k@v1']);
      assert.deepEqual(gone[2].segments, [{ blob: '1'.repeat(32), size: 3 }]);
      assert.equal(await store().objects.any('b'), false);
      assert.equal((await store().objects.get('kept', 'k'))?.versionId, 'v1');
      assert.deepEqual(await store().objects.deleteBucketObjects('b'), []);
    });
  });

  describe(`S3 multipart uploads contract on ${engine}`, () => {
    const store = freshStore(open);

    test('an upload is created and read back; finish removes it with its parts and answers them in part order', async () => {
      const u = { ...upload('u1', 'big', 10), contentType: 'text/plain', metadata: { m: '1' }, checksumAlgorithm: 'CRC32', checksumType: 'COMPOSITE' as const };
      await store().uploads.create(u);
      assert.deepEqual(await store().uploads.get('u1'), u);
      await store().uploads.putPart(part('u1', 2));
      await store().uploads.putPart({ ...part('u1', 1), checksum: 'AAAAAA==' });
      const done = await store().uploads.finish('u1');
      assert.deepEqual(done, [{ ...part('u1', 1), checksum: 'AAAAAA==' }, part('u1', 2)]);
      assert.equal(await store().uploads.get('u1'), undefined);
      assert.deepEqual(await store().uploads.parts('u1', 0, 100), []);
      assert.deepEqual(await store().uploads.finish('u1'), [], 'an upload already finished has no parts');
      assert.equal(await store().uploads.get('missing'), undefined);
    });

    test('a part number uploaded again replaces the earlier part, which putPart answers', async () => {
      await store().uploads.create(upload('u1', 'k', 1));
      assert.deepEqual(await store().uploads.putPart(part('u1', 1, 'first')), {});
      const { replaced } = await store().uploads.putPart({ ...part('u1', 1, 'second'), size: 7 });
      assert.deepEqual(replaced, part('u1', 1, 'first'));
      assert.deepEqual(await store().uploads.parts('u1', 0, 100), [{ ...part('u1', 1, 'second'), size: 7 }]);
    });

    test('parts list by part number after afterPart, up to limit, for their upload only', async () => {
      await store().uploads.create(upload('u1', 'k', 1));
      await store().uploads.create(upload('u2', 'k', 2));
      for (const n of [3, 1, 10, 2]) await store().uploads.putPart(part('u1', n));
      await store().uploads.putPart(part('u2', 1));
      const numbers = async (after: number, limit: number) => (await store().uploads.parts('u1', after, limit)).map((p) => p.partNumber);
      assert.deepEqual(await numbers(0, 100), [1, 2, 3, 10]);
      assert.deepEqual(await numbers(0, 2), [1, 2]);
      assert.deepEqual(await numbers(2, 100), [3, 10]);
      assert.deepEqual(await numbers(10, 100), []);
    });

    test('uploads list by key then initiation time, with a prefix, after keyMarker, and within it after uploadIdMarker', async () => {
      await store().uploads.create(upload('u-b-late', 'b', 30));
      await store().uploads.create(upload('u-a', 'a', 50));
      await store().uploads.create(upload('u-b-early', 'b', 10));
      await store().uploads.create(upload('u-b-mid', 'b', 20));
      await store().uploads.create(upload('u-c', 'c/1', 5));
      await store().uploads.create(upload('u-x', 'a', 1, 'other'));
      const ids = async (o: Parameters<Store['uploads']['scan']>[1]) => (await store().uploads.scan('b', o)).map((u) => u.uploadId);
      assert.deepEqual(await ids({ limit: 100 }), ['u-a', 'u-b-early', 'u-b-mid', 'u-b-late', 'u-c']);
      assert.deepEqual(await ids({ limit: 2 }), ['u-a', 'u-b-early']);
      assert.deepEqual(await ids({ prefix: 'b', limit: 100 }), ['u-b-early', 'u-b-mid', 'u-b-late']);
      assert.deepEqual(await ids({ prefix: 'c/', limit: 100 }), ['u-c']);
      assert.deepEqual(await ids({ keyMarker: 'a', limit: 100 }), ['u-b-early', 'u-b-mid', 'u-b-late', 'u-c']);
      assert.deepEqual(await ids({ keyMarker: 'b', limit: 100 }), ['u-c'], 'keyMarker alone skips the whole key');
      assert.deepEqual(await ids({ keyMarker: 'b', uploadIdMarker: 'u-b-early', limit: 100 }), ['u-b-mid', 'u-b-late', 'u-c']);
      assert.deepEqual(await ids({ keyMarker: 'b', uploadIdMarker: 'u-b-early', prefix: 'b', limit: 1 }), ['u-b-mid']);
      assert.deepEqual(await ids({ keyMarker: 'b', uploadIdMarker: 'u-b-late', prefix: 'b', limit: 100 }), []);
      assert.deepEqual(await ids({ keyMarker: 'b', uploadIdMarker: 'u-gone', limit: 100 }), ['u-c'], 'an upload id no longer there continues after the key');
      assert.deepEqual(await ids({ uploadIdMarker: 'u-b-early', limit: 100 }), ['u-a', 'u-b-early', 'u-b-mid', 'u-b-late', 'u-c'], 'uploadIdMarker without keyMarker is ignored, as in S3');
    });

    test('deleteBucketUploads removes that bucket’s uploads and parts only, answering the parts', async () => {
      await store().uploads.create(upload('u1', 'k', 1));
      await store().uploads.create(upload('u2', 'j', 2));
      await store().uploads.create(upload('kept', 'k', 3, 'other'));
      await store().uploads.putPart(part('u1', 1));
      await store().uploads.putPart(part('u2', 1));
      await store().uploads.putPart(part('u2', 2));
      await store().uploads.putPart(part('kept', 1));
      const gone = await store().uploads.deleteBucketUploads('b');
      assert.deepEqual(gone.map((p) => `${p.uploadId}#${p.partNumber}`).sort(), ['u1#1', 'u2#1', 'u2#2']);
      assert.deepEqual(await store().uploads.scan('b', { limit: 100 }), []);
      assert.equal(await store().uploads.get('u1'), undefined);
      assert.deepEqual(await store().uploads.parts('u2', 0, 100), []);
      assert.deepEqual((await store().uploads.parts('kept', 0, 100)).length, 1);
      assert.ok(await store().uploads.get('kept'));
    });
  });

  describe(`S3 in transactions, reset and the blob sweep on ${engine}`, () => {
    const store = freshStore(open);

    test('a transaction that throws leaves no bucket, version, upload or part, and the previous latest keeps its flag', async () => {
      await store().objects.put(version('k', 'v1'));
      const boom = new Error('boom');
      await assert.rejects(store().transaction(async (t) => {
        await t.buckets.create(bucket('tx'));
        const { replaced } = await t.objects.put(version('k', 'v2'));
        assert.equal(replaced, undefined);
        await t.objects.put(version('new', 'null'));
        await t.uploads.create(upload('u1', 'k', 1));
        await t.uploads.putPart(part('u1', 1));
        assert.equal((await t.objects.get('b', 'k'))?.versionId, 'v2', 'the transaction reads its own writes');
        throw boom;
      }), (e) => e === boom);
      assert.equal(await store().buckets.get('tx'), undefined);
      assert.equal(await store().objects.get('b', 'new'), undefined);
      assert.equal(await store().uploads.get('u1'), undefined);
      assert.deepEqual(await store().uploads.parts('u1', 0, 10), []);
      const v1 = await store().objects.get('b', 'k');
      assert.equal(v1?.versionId, 'v1');
      assert.equal(v1?.isLatest, true);
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { limit: 10 })), ['k@v1*']);
    });

    test('S3 changes made in a transaction commit together', async () => {
      await store().transaction(async (t) => {
        await t.buckets.create(bucket('tx'));
        await t.objects.put(version('k', 'v1'));
        await t.objects.put(version('k', 'v2'));
        await t.objects.deleteVersion('b', 'k', 'v2');
        await t.uploads.create(upload('u1', 'k', 1));
        await t.uploads.putPart(part('u1', 1));
      });
      assert.ok(await store().buckets.get('tx'));
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { limit: 10 })), ['k@v1*']);
      assert.equal((await store().uploads.parts('u1', 0, 10)).length, 1);
    });

    test('a put that fails part-way changes nothing, inside a transaction or not: the previous version stays latest', async () => {
      await store().objects.put(version('k', 'v1'));
      // A value the store cannot write (JSON has no BigInt) fails the put after it began.
      const unwritable = version('k', 'v2', { metadata: { n: 1n } as unknown as Record<string, string> });
      await assert.rejects(store().objects.put(unwritable));
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { limit: 10 })), ['k@v1*']);
      await store().transaction(async (t) => {
        await assert.rejects(t.objects.put(unwritable));
        assert.equal((await t.objects.get('b', 'k'))?.versionId, 'v1', 'the failed put left the transaction as it was');
        await t.objects.put(version('k', 'v3'));
      });
      assert.deepEqual(versionsOf(await store().objects.scanVersions('b', { limit: 10 })), ['k@v3*', 'k@v1']);
    });

    test('reset removes buckets, versions, uploads, parts and blobs', async () => {
      const s = store();
      const blob = await s.blobs.write(Readable.from([Buffer.from('abc')]));
      await s.buckets.create(bucket('b'));
      await s.objects.put(version('k', 'v1', { segments: [{ blob: blob.id, size: 3 }] }));
      await s.uploads.create(upload('u1', 'k', 1));
      await s.uploads.putPart(part('u1', 1));
      await s.reset();
      assert.equal(await s.buckets.get('b'), undefined);
      assert.equal(await s.objects.any('b'), false);
      assert.equal(await s.uploads.get('u1'), undefined);
      assert.deepEqual(await s.uploads.parts('u1', 0, 10), []);
      await assert.rejects(readAll(s.blobs.read(blob.id)), 'the blob is gone too');
      const after = await s.blobs.write(Readable.from([Buffer.from('again')]));
      assert.equal(await readAll(s.blobs.read(after.id)), 'again', 'blobs can be written after a reset');
    });

    test('sweepBlobs removes the blobs no version or part names, and keeps those they name', async () => {
      const s = store();
      const write = async (text: string) => (await s.blobs.write(Readable.from([Buffer.from(text)]))).id;
      const [ofVersion, ofOlderVersion, ofPart, orphan, ofDeleted] = await Promise.all(['v', 'o', 'p', 'x', 'd'].map(write));
      await s.objects.put(version('k', 'v1', { segments: [{ blob: ofOlderVersion, size: 1 }] }));
      await s.objects.put(version('k', 'v2', { segments: [{ blob: ofVersion, size: 1 }] }));
      await s.objects.put(version('gone', 'v1', { segments: [{ blob: ofDeleted, size: 1 }] }));
      await s.objects.deleteVersion('b', 'gone', 'v1');
      await s.uploads.create(upload('u1', 'k', 1));
      await s.uploads.putPart(part('u1', 1, ofPart));
      // The sweep spares blobs written after it began (another node may be storing their row).
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(await s.sweepBlobs(), { removed: 2 });
      for (const [id, text] of [[ofVersion, 'v'], [ofOlderVersion, 'o'], [ofPart, 'p']]) assert.equal(await readAll(s.blobs.read(id)), text);
      await assert.rejects(readAll(s.blobs.read(orphan)));
      await assert.rejects(readAll(s.blobs.read(ofDeleted)));
      assert.deepEqual(await s.sweepBlobs(), { removed: 0 }, 'a second sweep finds nothing more');
    });
  });
}
