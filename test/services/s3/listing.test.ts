// S3 listings through @aws-sdk/client-s3: ListObjectsV2 and ListObjects with prefix, delimiter
// (CommonPrefixes), max-keys, continuation tokens, start-after, markers and encoding-type=url.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { CreateBucketCommand, ListObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startRolegate, type Rolegate } from '../../support/server.js';
import { after } from 'node:test';
import { rejectsWith } from '../../support/errors.js';

let server: Rolegate;
let s3: S3Client;
const KEYS = ['a.txt', 'b/1.csv', 'b/2.csv', 'b/deep/3.csv', 'c d/e+f.txt', 'exports/2026/01/x.json', 'exports/2026/02/y.json', 'z.txt'];

before(async () => {
  server = await startRolegate();
  s3 = server.s3();
  await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
  for (const Key of KEYS) await s3.send(new PutObjectCommand({ Bucket: 'listing', Key, Body: Key }));
});
after(() => server.stop());

describe('ListObjectsV2', () => {
  it('lists every key in byte order with sizes and ETags', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: 'listing' }));
    assert.deepEqual(out.Contents!.map((c) => c.Key), KEYS);
    assert.equal(out.KeyCount, KEYS.length);
    assert.equal(out.IsTruncated, false);
    assert.equal(out.Contents![0].Size, 'a.txt'.length);
    assert.match(out.Contents![0].ETag!, /^"[0-9a-f]{32}"$/);
    assert.equal(out.Contents![0].StorageClass, 'STANDARD');
  });

  it('rolls keys up into CommonPrefixes by delimiter, under a prefix', async () => {
    const top = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    assert.deepEqual(top.Contents!.map((c) => c.Key), ['a.txt', 'z.txt']);
    assert.deepEqual(top.CommonPrefixes!.map((p) => p.Prefix), ['b/', 'c d/', 'exports/']);
    assert.equal(top.KeyCount, 5);
    const b = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'b/', Delimiter: '/' }));
    assert.deepEqual(b.Contents!.map((c) => c.Key), ['b/1.csv', 'b/2.csv']);
    assert.deepEqual(b.CommonPrefixes!.map((p) => p.Prefix), ['b/deep/']);
    const months = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'exports/2026/', Delimiter: '/' }));
    assert.deepEqual(months.CommonPrefixes!.map((p) => p.Prefix), ['exports/2026/01/', 'exports/2026/02/']);
    assert.equal(months.Contents, undefined);
  });

  it('pages with MaxKeys and NextContinuationToken, common prefixes counting as entries', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/', MaxKeys: 2, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((c) => c.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
      assert.ok((page.KeyCount ?? 0) <= 2);
      token = page.NextContinuationToken;
      assert.equal(page.IsTruncated, token !== undefined);
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen.sort(), ['a.txt', 'b/', 'c d/', 'exports/', 'z.txt']);
  });

  it('starts after StartAfter, and refuses a made-up continuation token with InvalidArgument', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'exports/2026/01/x.json' }));
    assert.deepEqual(out.Contents!.map((c) => c.Key), ['exports/2026/02/y.json', 'z.txt']);
    assert.equal(out.StartAfter, 'exports/2026/01/x.json');
    await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: 'listing', ContinuationToken: '!!not-a-token' })), 'InvalidArgument', 400);
  });

  it('percent-encodes keys with encoding-type=url', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'c d/', EncodingType: 'url' }));
    assert.deepEqual(out.Contents!.map((c) => c.Key), ['c%20d/e%2Bf.txt']);
    assert.equal(out.Prefix, 'c%20d/');
  });
});

describe('ListObjects (version 1)', () => {
  it('continues from Marker, and gives NextMarker when a delimiter is used', async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket: 'listing', MaxKeys: 3 }));
    assert.deepEqual(first.Contents!.map((c) => c.Key), KEYS.slice(0, 3));
    assert.equal(first.IsTruncated, true);
    assert.equal(first.NextMarker, undefined);
    const rest = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Marker: KEYS[2] }));
    assert.deepEqual(rest.Contents!.map((c) => c.Key), KEYS.slice(3));
    const grouped = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Delimiter: '/', MaxKeys: 2 }));
    assert.equal(grouped.NextMarker, 'b/');
    const next = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Delimiter: '/', Marker: grouped.NextMarker }));
    assert.deepEqual([...(next.CommonPrefixes ?? []).map((p) => p.Prefix), ...(next.Contents ?? []).map((c) => c.Key)], ['c d/', 'exports/', 'z.txt']);
  });
});
