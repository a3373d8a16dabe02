// S3 objects through @aws-sdk/client-s3: PutObject and GetObject (ETag as MD5, metadata, checksums,
// ranges, conditions, response-* overrides), HeadObject, CopyObject, DeleteObject(s) with
// versioning and delete markers, object tagging, and S3's errors for each.
import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  CopyObjectCommand, CreateBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetObjectAttributesCommand,
  GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand, PutBucketVersioningCommand,
  PutObjectCommand, PutObjectTaggingCommand, S3Client,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
let s3: S3Client;
async function notModified(p: Promise<unknown>): Promise<void> {
  const e = await p.then(() => undefined, (err: { $metadata?: { httpStatusCode?: number } }) => err);
  assert.ok(e, 'expected 304 Not Modified, but the object was served');
  assert.equal(e.$metadata?.httpStatusCode, 304);
}

const md5 = (s: string | Buffer) => `"${createHash('md5').update(s).digest('hex')}"`;

beforeEach(async () => {
  s3 = rg.server.s3();
  await s3.send(new CreateBucketCommand({ Bucket: 'objects' }));
});

describe('PutObject and GetObject', () => {
  it('stores the bytes, answers the MD5 ETag, and gives back body, type, metadata and headers', async () => {
    const put = await s3.send(new PutObjectCommand({
      Bucket: 'objects', Key: 'dir/hello.txt', Body: 'hello, world', ContentType: 'text/plain',
      Metadata: { Owner: 'growth-team' }, CacheControl: 'max-age=60', ContentDisposition: 'attachment',
    }));
    assert.equal(put.ETag, md5('hello, world'));
    assert.equal(put.ServerSideEncryption, 'AES256');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'dir/hello.txt' }));
    assert.equal(await got.Body!.transformToString(), 'hello, world');
    assert.equal(got.ETag, md5('hello, world'));
    assert.equal(got.ContentType, 'text/plain');
    assert.equal(got.ContentLength, 12);
    assert.equal(got.CacheControl, 'max-age=60');
    assert.equal(got.ContentDisposition, 'attachment');
    assert.deepEqual(got.Metadata, { owner: 'growth-team' });
    assert.ok(got.LastModified instanceof Date);
  });

  it('keeps the SDK\'s CRC32 checksum and returns it when ChecksumMode is ENABLED', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'c.bin', Body: Buffer.from('123456789'), ChecksumAlgorithm: 'CRC32' }));
    assert.equal(put.ChecksumCRC32, Buffer.from('cbf43926', 'hex').toString('base64'));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'c.bin', ChecksumMode: 'ENABLED' }));
    assert.equal(got.ChecksumCRC32, put.ChecksumCRC32);
    assert.equal(await got.Body!.transformToString(), '123456789');
  });

  it('refuses a body whose Content-MD5 or checksum does not match with BadDigest (400), and stores nothing', async () => {
    await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'bad', Body: 'abc', ContentMD5: createHash('md5').update('abd').digest('base64') })), 'BadDigest', 400);
    await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'bad', Body: 'abc', ChecksumSHA256: createHash('sha256').update('abd').digest('base64') })), 'BadDigest', 400);
    await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'bad' })), 'NotFound', 404);
  });

  it('answers NoSuchKey (404) with the key, and NoSuchBucket (404) for a missing bucket', async () => {
    const e = await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'missing.txt' })), 'NoSuchKey', 404, 'The specified key does not exist.');
    assert.equal((e as unknown as { Key?: string }).Key, 'missing.txt');
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })), 'NoSuchBucket', 404);
  });

  it('refuses user metadata over 2 KB with MetadataTooLarge and keys over 1,024 bytes with KeyTooLongError', async () => {
    await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'm', Body: 'x', Metadata: { big: 'v'.repeat(2100) } })), 'MetadataTooLarge', 400);
    await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'k'.repeat(1025), Body: 'x' })), 'KeyTooLongError', 400);
  });

  it('serves byte ranges with 206 and Content-Range, and refuses an unsatisfiable one with InvalidRange (416)', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'abc', Body: 'abcdefghij' }));
    const mid = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'abc', Range: 'bytes=2-4' }));
    assert.equal(await mid.Body!.transformToString(), 'cde');
    assert.equal(mid.ContentRange, 'bytes 2-4/10');
    assert.equal(mid.$metadata.httpStatusCode, 206);
    const tail = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'abc', Range: 'bytes=-3' }));
    assert.equal(await tail.Body!.transformToString(), 'hij');
    const open = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'abc', Range: 'bytes=7-' }));
    assert.equal(await open.Body!.transformToString(), 'hij');
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'abc', Range: 'bytes=10-12' })), 'InvalidRange', 416);
  });

  it('applies If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since as S3 does', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'cond', Body: 'v1' }));
    const past = new Date(Date.now() - 3600_000);
    const future = new Date(Date.now() + 3600_000);
    assert.equal((await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfMatch: put.ETag }))).ETag, put.ETag);
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfMatch: '"0000"' })), 'PreconditionFailed', 412);
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfUnmodifiedSince: past })), 'PreconditionFailed', 412);
    // If-Match true wins over If-Unmodified-Since false.
    assert.ok(await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfMatch: put.ETag, IfUnmodifiedSince: past })));
    // 304 Not Modified has no body, so the SDK can only report its status.
    await notModified(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfNoneMatch: put.ETag })));
    await notModified(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfModifiedSince: future })));
    assert.ok(await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfModifiedSince: past })));
  });

  it('lets response-* parameters override the headers of the answer', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'r', Body: 'x', ContentType: 'text/plain' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'r', ResponseContentType: 'application/json', ResponseContentDisposition: 'inline; filename="r.json"' }));
    assert.equal(got.ContentType, 'application/json');
    assert.equal(got.ContentDisposition, 'inline; filename="r.json"');
  });

  it('writes only when the key is new with If-None-Match: *, refusing an existing key with PreconditionFailed (412)', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'once', Body: '1', IfNoneMatch: '*' }));
    await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'once', Body: '2', IfNoneMatch: '*' })), 'PreconditionFailed', 412);
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'once' }))).Body!.transformToString(), '1');
  });

  it('HeadObject answers the object\'s headers without a body, and 404 NotFound for a missing key', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'h', Body: 'twelve bytes', Tagging: 'a=1&b=2' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'h' }));
    assert.equal(head.ContentLength, 12);
    assert.equal(head.ETag, md5('twelve bytes'));
    assert.equal(head.TagCount, 2);
    await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'nope' })), 'NotFound', 404);
  });
});

describe('virtual-host style', () => {
  it('finds the bucket in the host (objects.localhost:PORT) for writes, reads and listings', async () => {
    // The SDK puts the bucket in the host; the connection still goes to 127.0.0.1.
    const inner = new NodeHttpHandler();
    const virtual = new S3Client({
      endpoint: `http://localhost:${rg.server.port}`, region: 'us-east-1', credentials: rg.server.credentials, maxAttempts: 1,
      requestHandler: { handle: (request: HttpRequest) => inner.handle(Object.assign(request, { hostname: '127.0.0.1' })) } as NodeHttpHandler,
    });
    await virtual.send(new PutObjectCommand({ Bucket: 'objects', Key: 'v/h.txt', Body: 'by host' }));
    assert.equal(await (await virtual.send(new GetObjectCommand({ Bucket: 'objects', Key: 'v/h.txt' }))).Body!.transformToString(), 'by host');
    assert.deepEqual((await virtual.send(new ListObjectsV2Command({ Bucket: 'objects' }))).Contents!.map((c) => c.Key), ['v/h.txt']);
  });
});

describe('CopyObject', () => {
  it('copies bytes and metadata (COPY), or replaces the metadata (REPLACE)', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'src', Body: 'copy me', ContentType: 'text/plain', Metadata: { a: '1' } }));
    const copied = await s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'dst', CopySource: 'objects/src' }));
    assert.equal(copied.CopyObjectResult!.ETag, md5('copy me'));
    const dst = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'dst' }));
    assert.equal(await dst.Body!.transformToString(), 'copy me');
    assert.deepEqual(dst.Metadata, { a: '1' });
    assert.equal(dst.ContentType, 'text/plain');
    await s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'dst2', CopySource: '/objects/src', MetadataDirective: 'REPLACE', Metadata: { b: '2' }, ContentType: 'text/csv' }));
    const dst2 = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'dst2' }));
    assert.deepEqual(dst2.Metadata, { b: '2' });
    assert.equal(dst2.ContentType, 'text/csv');
  });

  it('refuses a copy onto itself that changes nothing, a failed copy condition, and a missing source', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'self', Body: 'x' }));
    await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'self', CopySource: 'objects/self' })), 'InvalidRequest', 400, /copy an object to itself/);
    await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'x', CopySource: 'objects/self', CopySourceIfMatch: '"nope"' })), 'PreconditionFailed', 412);
    await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'x', CopySource: 'objects/absent' })), 'NoSuchKey', 404);
  });

  it('decodes a percent-encoded source key', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'with space/é.txt', Body: 'accent' }));
    await s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'plain', CopySource: `objects/${encodeURIComponent('with space/é.txt')}` }));
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'plain' }))).Body!.transformToString(), 'accent');
  });
});

describe('DeleteObject, DeleteObjects and versions', () => {
  it('deletes for good in an unversioned bucket, and answers 204 for a key that is not there', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'gone', Body: 'x' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'gone' }));
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'gone' })), 'NoSuchKey', 404);
    const again = await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'gone' }));
    assert.equal(again.$metadata.httpStatusCode, 204);
  });

  it('keeps every version in a versioned bucket, hides the key behind a delete marker, and reads old versions by id', async () => {
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'objects', VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'doc', Body: 'one' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'doc', Body: 'two' }));
    assert.ok(v1.VersionId && v2.VersionId && v1.VersionId !== v2.VersionId);
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'doc' }))).Body!.transformToString(), 'two');
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'doc', VersionId: v1.VersionId }))).Body!.transformToString(), 'one');
    const del = await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'doc' }));
    assert.equal(del.DeleteMarker, true);
    assert.ok(del.VersionId);
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'doc' })), 'NoSuchKey', 404);
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'doc', VersionId: del.VersionId })), 'MethodNotAllowed', 405);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: 'objects' }));
    assert.deepEqual(versions.Versions!.map((v) => [v.VersionId, v.IsLatest]), [[v2.VersionId, false], [v1.VersionId, false]]);
    assert.deepEqual(versions.DeleteMarkers!.map((m) => [m.VersionId, m.IsLatest]), [[del.VersionId, true]]);
    // Removing the marker brings the latest version back.
    await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'doc', VersionId: del.VersionId }));
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'doc' }))).Body!.transformToString(), 'two');
  });

  it('answers each key of DeleteObjects in Deleted, or only errors in quiet mode', async () => {
    for (const k of ['a', 'b', 'c']) await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: k, Body: k }));
    const out = await s3.send(new DeleteObjectsCommand({ Bucket: 'objects', Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }, { Key: 'never-there' }] } }));
    assert.deepEqual(out.Deleted!.map((d) => d.Key).sort(), ['a', 'b', 'never-there']);
    assert.equal(out.Errors, undefined);
    const quiet = await s3.send(new DeleteObjectsCommand({ Bucket: 'objects', Delete: { Objects: [{ Key: 'c' }], Quiet: true } }));
    assert.equal(quiet.Deleted, undefined);
    await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'c' })), 'NotFound', 404);
  });
});

describe('request bodies checked against their digests', () => {
  async function signedDelete(headers: Record<string, string>, body: string) {
    const url = new URL(`${rg.server.endpoint}/objects?delete`);
    const signer = new SignatureV4({ credentials: rg.server.credentials, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false });
    const signed = await signer.sign(new HttpRequest({
      method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/objects', query: { delete: '' },
      headers: { host: url.host, 'content-type': 'application/xml', 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'), ...headers }, body,
    }));
    return fetch(`${rg.server.endpoint}/objects?delete`, { method: 'POST', headers: signed.headers, body });
  }
  const doc = '<Delete><Object><Key>a</Key></Object></Delete>';

  it('refuses a DeleteObjects document whose Content-MD5 does not match with BadDigest, and one without any digest', async () => {
    const bad = await signedDelete({ 'content-md5': createHash('md5').update('other').digest('base64') }, doc);
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /<Code>BadDigest<\/Code>/);
    const none = await signedDelete({}, doc);
    assert.equal(none.status, 400);
    assert.match(await none.text(), /<Code>InvalidRequest<\/Code><Message>Missing required header for this request: Content-MD5<\/Message>/);
    const good = await signedDelete({ 'content-md5': createHash('md5').update(doc).digest('base64') }, doc);
    assert.equal(good.status, 200);
  });
});

describe('object tagging and attributes', () => {
  it('sets tags from the Tagging header and PutObjectTagging, limited to 10', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 't', Body: 'x', Tagging: 'project=pinpoint&stage=a%20b' }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'objects', Key: 't' }))).TagSet, [{ Key: 'project', Value: 'pinpoint' }, { Key: 'stage', Value: 'a b' }]);
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'objects', Key: 't', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'objects', Key: 't' }))).TagSet, [{ Key: 'k', Value: 'v' }]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejectsWith(s3.send(new PutObjectTaggingCommand({ Bucket: 'objects', Key: 't', Tagging: { TagSet: eleven } })), 'InvalidTag', 400);
  });

  it('answers GetObjectAttributes with the unquoted ETag and the size', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'attr', Body: 'attributes' }));
    const a = await s3.send(new GetObjectAttributesCommand({ Bucket: 'objects', Key: 'attr', ObjectAttributes: ['ETag', 'ObjectSize', 'StorageClass'] }));
    assert.equal(a.ETag, md5('attributes').replace(/"/g, ''));
    assert.equal(a.ObjectSize, 10);
    assert.equal(a.StorageClass, 'STANDARD');
  });
});
