// S3 multipart uploads through @aws-sdk/client-s3: create, upload parts (and copy one), list parts
// and uploads, complete with the md5-of-md5s ETag, abort, and S3's limits and errors.
import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand,
  GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListPartsCommand, PutObjectCommand, S3Client,
  UploadPartCommand, UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
let s3: S3Client;
const MiB = 1024 * 1024;
const part = (fill: string, size: number) => Buffer.alloc(size, fill);
const md5hex = (b: Buffer) => createHash('md5').update(b).digest('hex');

beforeEach(async () => {
  s3 = rg.server.s3();
  await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
});

async function upload(key: string) {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads', Key: key, ContentType: 'text/csv', Metadata: { source: 'test' } }));
  return UploadId!;
}

describe('multipart uploads', () => {
  it('assembles the parts in order, with the ETag of the parts\' MD5s and their count', async () => {
    const id = await upload('big.csv');
    const p1 = part('a', 5 * MiB);
    const p2 = part('b', 5 * MiB);
    const p3 = part('c', 1234);
    const e1 = await s3.send(new UploadPartCommand({ Bucket: 'uploads', Key: 'big.csv', UploadId: id, PartNumber: 1, Body: p1 }));
    const e2 = await s3.send(new UploadPartCommand({ Bucket: 'uploads', Key: 'big.csv', UploadId: id, PartNumber: 2, Body: p2 }));
    const e3 = await s3.send(new UploadPartCommand({ Bucket: 'uploads', Key: 'big.csv', UploadId: id, PartNumber: 3, Body: p3 }));
    assert.equal(e1.ETag, `"${md5hex(p1)}"`);
    const parts = await s3.send(new ListPartsCommand({ Bucket: 'uploads', Key: 'big.csv', UploadId: id }));
    assert.deepEqual(parts.Parts!.map((p) => [p.PartNumber, p.Size]), [[1, 5 * MiB], [2, 5 * MiB], [3, 1234]]);
    const done = await s3.send(new CompleteMultipartUploadCommand({
      Bucket: 'uploads', Key: 'big.csv', UploadId: id,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1.ETag }, { PartNumber: 2, ETag: e2.ETag }, { PartNumber: 3, ETag: e3.ETag }] },
    }));
    const expected = createHash('md5').update(Buffer.concat([p1, p2, p3].map((p) => createHash('md5').update(p).digest()))).digest('hex');
    assert.equal(done.ETag, `"${expected}-3"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'uploads', Key: 'big.csv' }));
    assert.equal(head.ContentLength, 10 * MiB + 1234);
    assert.equal(head.ContentType, 'text/csv');
    assert.deepEqual(head.Metadata, { source: 'test' });
    // A range across the boundary of two parts, and one part by number.
    const across = await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'big.csv', Range: `bytes=${5 * MiB - 2}-${5 * MiB + 1}` }));
    assert.equal(await across.Body!.transformToString(), 'aabb');
    const third = await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'big.csv', PartNumber: 3 }));
    assert.equal(third.PartsCount, 3);
    assert.equal((await third.Body!.transformToByteArray()).length, 1234);
    await rejectsWith(s3.send(new ListPartsCommand({ Bucket: 'uploads', Key: 'big.csv', UploadId: id })), 'NoSuchUpload', 404);
  });

  it('refuses a part below 5 MiB that is not the last with EntityTooSmall, and keeps the upload', async () => {
    const id = await upload('small');
    const e1 = await s3.send(new UploadPartCommand({ Bucket: 'uploads', Key: 'small', UploadId: id, PartNumber: 1, Body: 'tiny' }));
    const e2 = await s3.send(new UploadPartCommand({ Bucket: 'uploads', Key: 'small', UploadId: id, PartNumber: 2, Body: 'tail' }));
    await rejectsWith(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'uploads', Key: 'small', UploadId: id, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1.ETag }, { PartNumber: 2, ETag: e2.ETag }] } })), 'EntityTooSmall', 400);
    // One small part alone is a whole object.
    const one = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'uploads', Key: 'small', UploadId: id, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1.ETag }] } }));
    assert.match(one.ETag!, /-1"$/);
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'small' }))).Body!.transformToString(), 'tiny');
  });

  it('answers InvalidPartOrder, InvalidPart and NoSuchUpload as S3 does', async () => {
    const id = await upload('k');
    const e1 = await s3.send(new UploadPartCommand({ Bucket: 'uploads', Key: 'k', UploadId: id, PartNumber: 1, Body: part('x', 5 * MiB) }));
    const e2 = await s3.send(new UploadPartCommand({ Bucket: 'uploads', Key: 'k', UploadId: id, PartNumber: 2, Body: 'y' }));
    await rejectsWith(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'uploads', Key: 'k', UploadId: id, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: e2.ETag }, { PartNumber: 1, ETag: e1.ETag }] } })), 'InvalidPartOrder', 400);
    await rejectsWith(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'uploads', Key: 'k', UploadId: id, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }] } })), 'InvalidPart', 400);
    await rejectsWith(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'uploads', Key: 'k', UploadId: id, MultipartUpload: { Parts: [{ PartNumber: 3, ETag: e2.ETag }] } })), 'InvalidPart', 400);
    await rejectsWith(s3.send(new UploadPartCommand({ Bucket: 'uploads', Key: 'k', UploadId: id, PartNumber: 10001, Body: 'z' })), 'InvalidArgument', 400);
    await rejectsWith(s3.send(new UploadPartCommand({ Bucket: 'uploads', Key: 'k', UploadId: 'no-such-upload', PartNumber: 1, Body: 'z' })), 'NoSuchUpload', 404);
  });

  it('lists uploads in progress and forgets an aborted one', async () => {
    const a = await upload('exports/a');
    const b = await upload('exports/b');
    const list = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads', Prefix: 'exports/' }));
    assert.deepEqual(list.Uploads!.map((u) => [u.Key, u.UploadId]), [['exports/a', a], ['exports/b', b]]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'uploads', Key: 'exports/a', UploadId: a }));
    const after = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads' }));
    assert.deepEqual(after.Uploads!.map((u) => u.UploadId), [b]);
    await rejectsWith(s3.send(new AbortMultipartUploadCommand({ Bucket: 'uploads', Key: 'exports/a', UploadId: a })), 'NoSuchUpload', 404);
  });

  it('copies a byte range of an object into a part with UploadPartCopy', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'source', Body: '0123456789' }));
    const id = await upload('from-copy');
    const copied = await s3.send(new UploadPartCopyCommand({ Bucket: 'uploads', Key: 'from-copy', UploadId: id, PartNumber: 1, CopySource: 'uploads/source', CopySourceRange: 'bytes=2-5' }));
    assert.equal(copied.CopyPartResult!.ETag, `"${md5hex(Buffer.from('2345'))}"`);
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'uploads', Key: 'from-copy', UploadId: id, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: copied.CopyPartResult!.ETag }] } }));
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'from-copy' }))).Body!.transformToString(), '2345');
  });
});
