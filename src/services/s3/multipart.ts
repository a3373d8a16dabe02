// S3's multipart uploads: create, upload a part (or copy one), complete, abort, list parts and
// uploads, with S3's limits (parts 1–10,000, each but the last at least 5 MiB, at most 5 GiB) and
// errors (NoSuchUpload, InvalidPart, InvalidPartOrder, EntityTooSmall). A completed object keeps its
// parts' blobs as its segments, so completing moves no bytes; its ETag is the MD5 of the parts' MD5s, `-N`.
import { createHash } from 'node:crypto';
import type { Operations } from '../../generated/s3/operations.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import type { BucketRecord, PartRecord, Segment, Tag, UploadRecord } from '../../store/types.js';
import { canonicalId, checkKey, newUploadId, ownerOf, parseTaggingHeader, quoteEtag, requireBucket, versionIdFor } from './common.js';
import { dropSegments, MAX_PUT_SIZE, readSegments, requestedChecksum, storeBody, type ChecksumInput } from './bodies.js';
import { checksumMismatch, compositeChecksum, fullObjectChecksum, isCrc, parseChecksumAlgorithm, type ChecksumAlgorithm } from './checksums.js';
import { checkAcl, checkMetadata, copySourceVersion, storedHeaders } from './objects.js';
import { lockHeaders } from './object-lock.js';
import { encoder, maxKeysOf, PAST, rollup } from './listing.js';
import { EntityTooSmall, InvalidArgument, InvalidPart, InvalidPartOrder, InvalidRange, InvalidRequest, MalformedXML, NoSuchUpload } from './errors.js';

type H = ServiceHandlers<Operations>;

export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const MAX_PARTS = 10_000;

async function requireUpload(ctx: HandlerContext, bucket: BucketRecord, key: string, uploadId: string): Promise<UploadRecord> {
  const u = await ctx.store.uploads.get(uploadId);
  if (!u || u.bucket !== bucket.name || u.key !== key) throw NoSuchUpload(uploadId);
  return u;
}

function checkPartNumber(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PARTS) throw InvalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(n));
}

/** The checksum type of an upload: CRC64NVME is full-object only, SHA-1/SHA-256 composite only, CRC32/CRC32C either (composite by default). */
function checksumTypeOf(algorithm: ChecksumAlgorithm, asked: string | undefined): 'FULL_OBJECT' | 'COMPOSITE' {
  const type = asked ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE');
  if (type !== 'FULL_OBJECT' && type !== 'COMPOSITE') throw InvalidRequest('Value for x-amz-checksum-type header is invalid.');
  const allowed = algorithm === 'CRC64NVME' ? type === 'FULL_OBJECT' : algorithm.startsWith('SHA') ? type === 'COMPOSITE' : true;
  if (!allowed) throw InvalidRequest(`The ${type} checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  return type;
}

const CreateMultipartUpload: H['CreateMultipartUpload'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  checkKey(input.Key);
  checkAcl(input);
  const metadata = checkMetadata(input.Metadata);
  const tags: Tag[] = parseTaggingHeader(input.Tagging);
  const algorithm = parseChecksumAlgorithm(input.ChecksumAlgorithm);
  const type = algorithm ? checksumTypeOf(algorithm, input.ChecksumType) : undefined;
  const headers = storedHeaders(input);
  if (input.ServerSideEncryption) headers['x-amz-server-side-encryption'] = input.ServerSideEncryption;
  Object.assign(headers, lockHeaders(bucket, input, ctx.now));
  const u: UploadRecord = {
    uploadId: newUploadId(), bucket: bucket.name, key: input.Key, initiated: ctx.now.getTime(), owner: bucket.accountId,
    // The Initiator of an upload the account itself started is its canonical id, as Owner shows it; an IAM identity's is its ARN.
    initiator: ctx.caller.type === 'root' ? canonicalId(bucket.accountId) : ctx.caller.arn, storageClass: input.StorageClass ?? 'STANDARD', contentType: input.ContentType ?? 'binary/octet-stream',
    headers, metadata, tags, ...(algorithm ? { checksumAlgorithm: algorithm, checksumType: type } : {}),
  };
  await ctx.store.uploads.create(u);
  return {
    Bucket: bucket.name, Key: input.Key, UploadId: u.uploadId,
    ServerSideEncryption: (headers['x-amz-server-side-encryption'] ?? 'AES256') as never,
    ...(algorithm ? { ChecksumAlgorithm: algorithm, ChecksumType: type } : {}),
  };
};

/** Stores a part, replacing one of the same number; the replaced part's blob goes. */
async function savePart(ctx: HandlerContext, p: PartRecord): Promise<void> {
  try {
    const { replaced } = await ctx.store.uploads.putPart(p);
    if (replaced) await dropSegments(ctx.store, [{ blob: replaced.blob, size: replaced.size }]);
  } catch (e) {
    await dropSegments(ctx.store, [{ blob: p.blob, size: p.size }]);
    throw e;
  }
}

const UploadPart: H['UploadPart'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  checkPartNumber(input.PartNumber);
  const u = await requireUpload(ctx, bucket, input.Key, input.UploadId);
  const asked = requestedChecksum(input as ChecksumInput);
  if (asked && u.checksumAlgorithm && asked.algorithm !== u.checksumAlgorithm) {
    throw InvalidRequest(`Checksum Type mismatch occurred, expected checksum Type: ${u.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${asked.algorithm.toLowerCase()}`);
  }
  // The part keeps the upload's checksum; an upload without one keeps CRC64NVME, S3's default
  // full-object checksum, while a checksum the part names itself is still verified.
  const kept = (u.checksumAlgorithm as ChecksumAlgorithm | undefined) ?? 'CRC64NVME';
  const chunked = (input as { ContentEncoding?: string }).ContentEncoding?.includes('aws-chunked') ?? false;
  const stored = await storeBody(ctx.store, input.Body, {
    contentLength: chunked ? undefined : input.ContentLength, contentMd5: input.ContentMD5,
    checksum: asked ?? { algorithm: kept }, alsoCompute: kept, maxSize: MAX_PUT_SIZE,
  });
  const etag = quoteEtag(stored.md5);
  await savePart(ctx, { uploadId: u.uploadId, partNumber: input.PartNumber, size: stored.size, etag, lastModified: ctx.now.getTime(), blob: stored.segment.blob, checksum: stored.also });
  return {
    ETag: etag, ServerSideEncryption: (u.headers['x-amz-server-side-encryption'] ?? 'AES256') as never,
    ...(stored.checksum && (asked || u.checksumAlgorithm) ? { [`Checksum${stored.checksum.algorithm}`]: stored.checksum.value } : {}),
  };
};

const UploadPartCopy: H['UploadPartCopy'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  checkPartNumber(input.PartNumber);
  const u = await requireUpload(ctx, bucket, input.Key, input.UploadId);
  const { srcBucket, v } = await copySourceVersion(ctx, input.CopySource, input);
  let start = 0;
  let end = v.size - 1;
  if (input.CopySourceRange !== undefined) {
    const m = /^bytes=(\d+)-(\d+)$/.exec(input.CopySourceRange);
    if (!m) throw InvalidArgument('The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', 'x-amz-copy-source-range', input.CopySourceRange);
    start = Number(m[1]);
    end = Number(m[2]);
    if (start > end || end >= v.size) throw InvalidRange(input.CopySourceRange, v.size);
  }
  if (end - start + 1 > MAX_PUT_SIZE) throw InvalidRequest(`The specified copy range is larger than the maximum allowable size for a copy source: ${MAX_PUT_SIZE}`);
  const algorithm = (u.checksumAlgorithm as ChecksumAlgorithm | undefined) ?? 'CRC64NVME';
  const stored = await storeBody(ctx.store, readSegments(ctx.store, v.segments, start, end), { checksum: { algorithm }, maxSize: MAX_PUT_SIZE });
  const etag = quoteEtag(stored.md5);
  const now = ctx.now.getTime();
  await savePart(ctx, { uploadId: u.uploadId, partNumber: input.PartNumber, size: stored.size, etag, lastModified: now, blob: stored.segment.blob, checksum: stored.checksum?.value });
  return {
    CopyPartResult: { ETag: etag, LastModified: new Date(now), ...(u.checksumAlgorithm && stored.checksum ? { [`Checksum${u.checksumAlgorithm}`]: stored.checksum.value } : {}) },
    ...(srcBucket.versioning !== undefined ? { CopySourceVersionId: v.versionId } : {}),
  };
};

const normEtag = (e: string | undefined) => (e ?? '').replace(/"/g, '');

const CompleteMultipartUpload: H['CompleteMultipartUpload'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const u = await requireUpload(ctx, bucket, input.Key, input.UploadId);
  const listed = input.MultipartUpload?.Parts ?? [];
  if (listed.length === 0) throw MalformedXML();
  const stored = new Map<number, PartRecord>();
  for (let after = 0; ;) {
    const page = await ctx.store.uploads.parts(u.uploadId, after, 1000);
    for (const p of page) stored.set(p.partNumber, p);
    if (page.length < 1000) break;
    after = page[page.length - 1].partNumber;
  }
  const chosen: PartRecord[] = [];
  let previous = 0;
  for (const l of listed) {
    const n = l.PartNumber ?? 0;
    checkPartNumber(n);
    if (n <= previous) throw InvalidPartOrder();
    previous = n;
    const p = stored.get(n);
    if (!p || normEtag(l.ETag) !== normEtag(p.etag)) throw InvalidPart(n, l.ETag);
    chosen.push(p);
  }
  for (let i = 0; i < chosen.length - 1; i++) {
    if (chosen[i].size < MIN_PART_SIZE) throw EntityTooSmall(chosen[i].size, chosen[i].partNumber, chosen[i].etag);
  }
  if (input.MpuObjectSize !== undefined) {
    const total = chosen.reduce((s, p) => s + p.size, 0);
    if (total !== input.MpuObjectSize) throw InvalidRequest(`The provided 'x-amz-mp-object-size' header value ${input.MpuObjectSize} does not match what was computed: ${total}`);
  }
  const md5 = createHash('md5');
  for (const p of chosen) md5.update(Buffer.from(normEtag(p.etag), 'hex'));
  const etag = `"${md5.digest('hex')}-${chosen.length}"`;
  const algorithm = (u.checksumAlgorithm as ChecksumAlgorithm | undefined) ?? 'CRC64NVME';
  const type = u.checksumType ?? 'FULL_OBJECT';
  let checksum: { algorithm: string; value: string; type: 'FULL_OBJECT' | 'COMPOSITE' } | undefined;
  if (chosen.every((p) => p.checksum !== undefined)) {
    const digests = chosen.map((p) => Buffer.from(p.checksum!, 'base64'));
    const value = type === 'FULL_OBJECT' && isCrc(algorithm)
      ? fullObjectChecksum(algorithm, chosen.map((p, i) => ({ checksum: digests[i], size: p.size })))
      : compositeChecksum(algorithm, digests);
    checksum = { algorithm, value, type };
    const given = (input as ChecksumInput)[`Checksum${algorithm}`];
    if (given !== undefined && given !== value) throw checksumMismatch(algorithm);
  }
  const segments: Segment[] = chosen.map((p) => ({ blob: p.blob, size: p.size, etag: p.etag, ...(p.checksum ? { checksum: p.checksum } : {}) }));
  const versionId = versionIdFor(bucket);
  const size = segments.reduce((s, x) => s + x.size, 0);
  const version = {
    bucket: bucket.name, key: u.key, versionId, deleteMarker: false, lastModified: ctx.now.getTime(), size, etag,
    storageClass: u.storageClass, owner: u.owner, contentType: u.contentType, headers: u.headers, metadata: u.metadata, tags: u.tags,
    ...(checksum ? { checksum } : {}), segments,
  };
  // The object appears and the upload goes in one transaction; parts not listed lose their blobs after.
  const leftovers = await ctx.store.transaction(async (tx) => {
    const all = await tx.uploads.finish(u.uploadId);
    const { replaced } = await tx.objects.put(version);
    const kept = new Set(chosen.map((c) => c.blob));
    return { unused: all.filter((p) => !kept.has(p.blob)), replaced };
  });
  await dropSegments(ctx.store, leftovers.unused.map((p) => ({ blob: p.blob, size: p.size })));
  if (leftovers.replaced) await dropSegments(ctx.store, leftovers.replaced.segments);
  return {
    Location: `/${bucket.name}/${encodeURIComponent(u.key).replace(/%2F/g, '/')}`, Bucket: bucket.name, Key: u.key, ETag: etag,
    ServerSideEncryption: (u.headers['x-amz-server-side-encryption'] ?? 'AES256') as never,
    ...(u.checksumAlgorithm && checksum ? { [`Checksum${algorithm}`]: checksum.value, ChecksumType: checksum.type } : {}),
    ...(bucket.versioning !== undefined ? { VersionId: versionId } : {}),
  };
};

const AbortMultipartUpload: H['AbortMultipartUpload'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const u = await requireUpload(ctx, bucket, input.Key, input.UploadId);
  const parts = await ctx.store.uploads.finish(u.uploadId);
  await dropSegments(ctx.store, parts.map((p) => ({ blob: p.blob, size: p.size })));
  return {};
};

const ListParts: H['ListParts'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const u = await requireUpload(ctx, bucket, input.Key, input.UploadId);
  const max = maxKeysOf(input.MaxParts, 'maxParts');
  const after = input.PartNumberMarker ? Number(input.PartNumberMarker) : 0;
  const rows = await ctx.store.uploads.parts(u.uploadId, after, max + 1);
  const page = rows.slice(0, max);
  const truncated = rows.length > max;
  return {
    Bucket: bucket.name, Key: u.key, UploadId: u.uploadId, PartNumberMarker: after as never,
    ...(page.length ? { NextPartNumberMarker: page[page.length - 1].partNumber as never } : {}),
    MaxParts: input.MaxParts ?? 1000, IsTruncated: truncated,
    Parts: page.map((p) => ({
      PartNumber: p.partNumber, LastModified: new Date(p.lastModified), ETag: p.etag, Size: p.size,
      ...(u.checksumAlgorithm && p.checksum ? { [`Checksum${u.checksumAlgorithm}`]: p.checksum } : {}),
    })),
    Initiator: { ID: u.initiator }, Owner: ownerOf(u.owner), StorageClass: u.storageClass as never,
    ...(u.checksumAlgorithm ? { ChecksumAlgorithm: u.checksumAlgorithm as never, ChecksumType: u.checksumType } : {}),
  };
};

const ListMultipartUploads: H['ListMultipartUploads'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const enc = encoder(input.EncodingType);
  const max = maxKeysOf(input.MaxUploads, 'maxUploads');
  const prefix = input.Prefix ?? '';
  type C = { key?: string; uploadId?: string };
  let after: C = {};
  if (input.KeyMarker) {
    after = input.UploadIdMarker ? { key: input.KeyMarker, uploadId: input.UploadIdMarker }
      : { key: input.Delimiter && input.KeyMarker.endsWith(input.Delimiter) ? input.KeyMarker + PAST : input.KeyMarker };
  }
  const scan = (c: C, limit: number) => ctx.store.uploads.scan(bucket.name, { prefix: prefix || undefined, keyMarker: c.key, uploadIdMarker: c.uploadId, limit });
  const r = max === 0 ? { entries: [], truncated: false, next: after } : await rollup(
    (x: UploadRecord) => x.key, scan, after, max, prefix, input.Delimiter, (x: UploadRecord): C => ({ key: x.key, uploadId: x.uploadId }));
  const uploads = [];
  const prefixes = [];
  let last: UploadRecord | string | undefined;
  for (const e of r.entries) {
    if ('item' in e) {
      const x = e.item;
      uploads.push({
        UploadId: x.uploadId, Key: enc(x.key), Initiated: new Date(x.initiated), StorageClass: x.storageClass as never,
        Owner: ownerOf(x.owner), Initiator: { ID: x.initiator },
        ...(x.checksumAlgorithm ? { ChecksumAlgorithm: x.checksumAlgorithm as never, ChecksumType: x.checksumType } : {}),
      });
      last = x;
    } else {
      prefixes.push({ Prefix: enc(e.prefix) });
      last = e.prefix;
    }
  }
  const next = r.truncated && last !== undefined
    ? (typeof last === 'string' ? { NextKeyMarker: enc(last) } : { NextKeyMarker: enc(last.key), NextUploadIdMarker: last.uploadId }) : {};
  return {
    Bucket: bucket.name, KeyMarker: enc(input.KeyMarker ?? ''), UploadIdMarker: input.UploadIdMarker ?? '', ...next,
    Prefix: enc(prefix), ...(input.Delimiter !== undefined ? { Delimiter: enc(input.Delimiter) } : {}),
    MaxUploads: input.MaxUploads ?? 1000, IsTruncated: r.truncated,
    ...(uploads.length ? { Uploads: uploads } : {}), ...(prefixes.length ? { CommonPrefixes: prefixes } : {}),
    ...(input.EncodingType ? { EncodingType: 'url' as const } : {}),
  };
};

export const multipartHandlers: H = {
  CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads,
};
