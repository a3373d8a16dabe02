// S3's object operations: PutObject, GetObject and HeadObject (ranges, part numbers, conditions,
// response-* overrides), DeleteObject and DeleteObjects (versions and delete markers), CopyObject
// (metadata and tagging directives, conditional copy), object tagging and GetObjectAttributes.
import type { Operations } from '../../generated/s3/operations.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import type { BucketRecord, ObjectVersionRecord, Tag } from '../../store/types.js';
import { AwsError } from '../../protocol/errors.js';
import { httpStatus } from '../../shared/http-status.js';
import { checkKey, checkTags, etagMatches, newVersionId, parseTaggingHeader, quoteEtag, requireBucket, shownVersionId, versionIdFor } from './common.js';
import { dropSegments, MAX_PUT_SIZE, readSegments, requestedChecksum, storeBody, type ChecksumInput } from './bodies.js';
import { checkConditions, checkVersionId, readableVersion } from './versions.js';
import { checkDeletable, checkReadable, lockFields, lockHeaders } from './object-lock.js';
import {
  AccessControlListNotSupported, InvalidArgument, InvalidRange, InvalidRequest, MalformedXML, MetadataTooLarge, NoSuchKey,
  NoSuchVersion, PreconditionFailed,
} from './errors.js';

type H = ServiceHandlers<Operations>;

/** The representation headers an object keeps, by input member and stored header name. */
const STORED_HEADERS = [
  ['CacheControl', 'cache-control'], ['ContentDisposition', 'content-disposition'], ['ContentEncoding', 'content-encoding'],
  ['ContentLanguage', 'content-language'], ['Expires', 'expires'], ['WebsiteRedirectLocation', 'x-amz-website-redirect-location'],
] as const;

type HeaderInput = Partial<Record<(typeof STORED_HEADERS)[number][0], unknown>> & { ContentType?: string };

export function storedHeaders(input: HeaderInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [member, name] of STORED_HEADERS) {
    let v = input[member];
    if (v === undefined || v === null) continue;
    if (v instanceof Date) v = v.toUTCString();
    let s = String(v);
    // aws-chunked is the transfer of this request, not the object's encoding: S3 does not keep it.
    if (name === 'content-encoding') s = s.split(',').map((x) => x.trim()).filter((x) => x && x !== 'aws-chunked').join(',');
    if (s !== '') out[name] = s;
  }
  return out;
}

const isChunked = (encoding: string | undefined) => encoding !== undefined && encoding.split(',').some((x) => x.trim() === 'aws-chunked');

/** User metadata is at most 2 KB: the bytes of every key and value, as UTF-8 (UsingMetadata). */
export function checkMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!metadata) return out;
  let size = 0;
  for (const k in metadata) {
    size += Buffer.byteLength(k) + Buffer.byteLength(metadata[k]);
    out[k.toLowerCase()] = metadata[k];
  }
  if (size > 2048) throw MetadataTooLarge(size);
  return out;
}

/** With ACLs disabled (BucketOwnerEnforced) a write may name only the owner's full control. */
export function checkAcl(input: { ACL?: string; GrantFullControl?: string; GrantRead?: string; GrantReadACP?: string; GrantWriteACP?: string }): void {
  if ((input.ACL !== undefined && input.ACL !== 'bucket-owner-full-control' && input.ACL !== 'private') ||
    input.GrantFullControl || input.GrantRead || input.GrantReadACP || input.GrantWriteACP) throw AccessControlListNotSupported();
}

export function checksumFields(v: { checksum?: ObjectVersionRecord['checksum'] }): Record<string, string> {
  if (!v.checksum) return {};
  return { [`Checksum${v.checksum.algorithm}`]: v.checksum.value, ChecksumType: v.checksum.type };
}

/**
 * Writes a new version of a key, and removes the body of the null version it replaces; when the
 * row cannot be written, the new body goes (no row names it).
 */
export async function writeVersion(ctx: HandlerContext, v: ObjectVersionRecord): Promise<void> {
  let replaced: ObjectVersionRecord | undefined;
  try {
    ({ replaced } = await ctx.store.objects.put(v));
  } catch (e) {
    await dropSegments(ctx.store, v.segments);
    throw e;
  }
  if (replaced) await dropSegments(ctx.store, replaced.segments);
}

/** S3's conditional writes (If-None-Match: *, If-Match: etag) against the key's current version. */
async function checkWriteConditions(ctx: HandlerContext, bucket: BucketRecord, key: string, input: { IfMatch?: string; IfNoneMatch?: string }): Promise<void> {
  if (input.IfMatch === undefined && input.IfNoneMatch === undefined) return;
  const current = await ctx.store.objects.get(bucket.name, key);
  const live = current && !current.deleteMarker ? current : undefined;
  if (input.IfNoneMatch !== undefined) {
    if (input.IfNoneMatch !== '*') throw new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501);
    if (live) throw PreconditionFailed('If-None-Match');
  }
  if (input.IfMatch !== undefined) {
    if (!live) throw NoSuchKey(key);
    if (!etagMatches(input.IfMatch, live.etag)) throw PreconditionFailed('If-Match');
  }
}

const PutObject: H['PutObject'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  checkKey(input.Key);
  checkAcl(input);
  const metadata = checkMetadata(input.Metadata);
  const tags = parseTaggingHeader(input.Tagging);
  await checkWriteConditions(ctx, bucket, input.Key, input);
  const locks = lockHeaders(bucket, input, ctx.now);
  const chunked = isChunked(input.ContentEncoding);
  // S3 checksums every new object: the one asked for, else CRC64NVME (default data integrity, 2025).
  const asked = requestedChecksum(input as ChecksumInput);
  const stored = await storeBody(ctx.store, input.Body, {
    contentLength: chunked ? undefined : input.ContentLength,
    contentMd5: input.ContentMD5,
    checksum: asked ?? { algorithm: 'CRC64NVME' },
    maxSize: MAX_PUT_SIZE,
  });
  const versionId = versionIdFor(bucket);
  const v: ObjectVersionRecord = {
    bucket: bucket.name, key: input.Key, versionId, deleteMarker: false, lastModified: ctx.now.getTime(),
    size: stored.size, etag: quoteEtag(stored.md5), storageClass: input.StorageClass ?? 'STANDARD', owner: bucket.accountId,
    contentType: input.ContentType ?? 'binary/octet-stream', headers: storedHeaders(input), metadata, tags,
    checksum: stored.checksum ? { ...stored.checksum, type: 'FULL_OBJECT' } : undefined,
    segments: [stored.segment],
  };
  if (input.ServerSideEncryption !== undefined) v.headers['x-amz-server-side-encryption'] = input.ServerSideEncryption;
  Object.assign(v.headers, locks);
  await writeVersion(ctx, v);
  return {
    ETag: v.etag,
    ServerSideEncryption: (v.headers['x-amz-server-side-encryption'] ?? 'AES256') as never,
    ...(asked ? checksumFields(v) : {}),
    ...(bucket.versioning !== undefined ? { VersionId: versionId } : {}),
  };
};

type ReadInput = Parameters<NonNullable<H['GetObject']>>[0];

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range; S3 serves no multi-range). Undefined: serve the whole object. */
function parseRange(range: string, size: number): { start: number; end: number } | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) throw InvalidRange(range, size);
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined; // a range whose last byte precedes its first is ignored (RFC 9110 14.1.1)
  if (start >= size) throw InvalidRange(range, size);
  return { start, end };
}

function describe(bucket: BucketRecord, v: ObjectVersionRecord, input: ReadInput): Record<string, unknown> {
  const out: Record<string, unknown> = {
    AcceptRanges: 'bytes',
    LastModified: new Date(v.lastModified),
    ETag: v.etag,
    ContentType: v.contentType,
    ServerSideEncryption: v.headers['x-amz-server-side-encryption'] ?? 'AES256',
  };
  for (const [member, name] of STORED_HEADERS) if (v.headers[name] !== undefined) out[member] = v.headers[name];
  if (v.headers['x-amz-server-side-encryption-aws-kms-key-id']) out.SSEKMSKeyId = v.headers['x-amz-server-side-encryption-aws-kms-key-id'];
  if (Object.keys(v.metadata).length) out.Metadata = v.metadata;
  const shown = shownVersionId(bucket, v.versionId);
  if (shown !== undefined) out.VersionId = shown;
  if (v.storageClass !== 'STANDARD') out.StorageClass = v.storageClass;
  if (v.tags.length) out.TagCount = v.tags.length;
  if (input.ChecksumMode === 'ENABLED') Object.assign(out, checksumFields(v));
  Object.assign(out, lockFields(v));
  // response-* parameters override what the response says of the object (GetObject).
  if (input.ResponseCacheControl !== undefined) out.CacheControl = input.ResponseCacheControl;
  if (input.ResponseContentDisposition !== undefined) out.ContentDisposition = input.ResponseContentDisposition;
  if (input.ResponseContentEncoding !== undefined) out.ContentEncoding = input.ResponseContentEncoding;
  if (input.ResponseContentLanguage !== undefined) out.ContentLanguage = input.ResponseContentLanguage;
  if (input.ResponseContentType !== undefined) out.ContentType = input.ResponseContentType;
  if (input.ResponseExpires !== undefined) out.Expires = input.ResponseExpires.toUTCString();
  return out;
}

/** The bytes a read serves: a part (partNumber), a range, or the whole object. */
function selection(v: ObjectVersionRecord, input: ReadInput): { start: number; end: number; partial: boolean; partsCount?: number } {
  if (input.PartNumber !== undefined) {
    if (input.Range !== undefined) throw InvalidRequest('Cannot specify both Range header and partNumber query parameter');
    const n = input.PartNumber;
    const multipart = v.segments.length > 1 || v.etag.includes('-');
    if (!Number.isInteger(n) || n < 1 || n > 10000) throw InvalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(n));
    if (!multipart) {
      if (n !== 1) throw InvalidRange(`${n}`, v.size);
      return { start: 0, end: v.size - 1, partial: false };
    }
    if (n > v.segments.length) throw InvalidRange(`${n}`, v.size);
    let start = 0;
    for (let i = 0; i < n - 1; i++) start += v.segments[i].size;
    return { start, end: start + v.segments[n - 1].size - 1, partial: true, partsCount: v.segments.length };
  }
  if (input.Range !== undefined && v.size > 0) {
    const r = parseRange(input.Range, v.size);
    if (r) return { ...r, partial: true };
  } else if (input.Range !== undefined && v.size === 0 && /^bytes=\d*-\d*$/.test(input.Range.trim())) {
    throw InvalidRange(input.Range, 0);
  }
  return { start: 0, end: v.size - 1, partial: false };
}

async function read(input: ReadInput, ctx: HandlerContext, method: 'GET' | 'HEAD') {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const v = await readableVersion(ctx.store, bucket, input.Key, input.VersionId, method);
  checkConditions(v, input);
  if (method === 'GET') checkReadable(v, ctx.now);
  const sel = selection(v, input);
  const out = describe(bucket, v, input);
  out.ContentLength = sel.end - sel.start + 1;
  if (sel.partsCount !== undefined) out.PartsCount = sel.partsCount;
  if (sel.partial) {
    out.ContentRange = `bytes ${sel.start}-${sel.end}/${v.size}`;
    (out as { [httpStatus]?: number })[httpStatus] = 206;
    // A part or a range has no checksum of its own to show.
    for (const k of Object.keys(out)) if (k.startsWith('Checksum')) delete out[k];
  }
  return { v, sel, out };
}

const GetObject: H['GetObject'] = async (input, ctx) => {
  const { v, sel, out } = await read(input, ctx, 'GET');
  out.Body = readSegments(ctx.store, v.segments, sel.start, sel.end);
  return out as never;
};

const HeadObject: H['HeadObject'] = async (input, ctx) => {
  const { out } = await read(input as ReadInput, ctx, 'HEAD');
  return out as never;
};

/** Deletes as S3 does per bucket state: a version for good, the null version, or a new delete marker. */
export async function deleteOne(ctx: HandlerContext, bucket: BucketRecord, key: string, versionId: string | undefined, bypassGovernance = false): Promise<{ VersionId?: string; DeleteMarker?: boolean }> {
  if (versionId !== undefined) {
    checkVersionId(versionId);
    const locked = await ctx.store.objects.get(bucket.name, key, versionId);
    if (locked && !locked.deleteMarker) checkDeletable(locked, ctx.now, bypassGovernance);
    const gone = await ctx.store.objects.deleteVersion(bucket.name, key, versionId);
    if (gone) await dropSegments(ctx.store, gone.segments);
    return { VersionId: versionId, ...(gone?.deleteMarker ? { DeleteMarker: true } : {}) };
  }
  if (bucket.versioning === undefined) {
    const gone = await ctx.store.objects.deleteVersion(bucket.name, key, 'null');
    if (gone) await dropSegments(ctx.store, gone.segments);
    return {};
  }
  // Versioned: a delete marker becomes the latest (Suspended: the null version, replacing the null one).
  const marker: ObjectVersionRecord = {
    bucket: bucket.name, key, versionId: bucket.versioning === 'Enabled' ? newVersionId() : 'null', deleteMarker: true,
    lastModified: ctx.now.getTime(), size: 0, etag: '', storageClass: 'STANDARD', owner: bucket.accountId, headers: {}, metadata: {}, tags: [], segments: [],
  };
  await writeVersion(ctx, marker);
  return { DeleteMarker: true, VersionId: marker.versionId };
}

const DeleteObject: H['DeleteObject'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  if (input.IfMatch !== undefined) {
    const current = await ctx.store.objects.get(bucket.name, input.Key);
    if (!current || current.deleteMarker) throw NoSuchKey(input.Key);
    if (!etagMatches(input.IfMatch, current.etag)) throw PreconditionFailed('If-Match');
  }
  return deleteOne(ctx, bucket, input.Key, input.VersionId, input.BypassGovernanceRetention === true);
};

/** DeleteObjects names at most 1,000 keys; each is authorized as its own DeleteObject and answered in Deleted or Errors. */
const DeleteObjects: H['DeleteObjects'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const objects = input.Delete?.Objects ?? [];
  if (objects.length === 0 || objects.length > 1000) throw MalformedXML();
  const deleted: NonNullable<Awaited<ReturnType<NonNullable<H['DeleteObjects']>>>['Deleted']> = [];
  const errors: { Key: string; VersionId?: string; Code: string; Message: string }[] = [];
  for (const o of objects) {
    try {
      await ctx.authorizeOperation('DeleteObject', {
        Bucket: bucket.name, Key: o.Key, ...(o.VersionId !== undefined ? { VersionId: o.VersionId } : {}),
        ...(input.BypassGovernanceRetention ? { BypassGovernanceRetention: true } : {}),
      });
      const r = await deleteOne(ctx, bucket, o.Key, o.VersionId, input.BypassGovernanceRetention === true);
      if (input.Delete.Quiet) continue;
      const d: (typeof deleted)[number] = { Key: o.Key };
      if (o.VersionId !== undefined) {
        d.VersionId = o.VersionId;
        if (r.DeleteMarker) {
          d.DeleteMarker = true;
          d.DeleteMarkerVersionId = o.VersionId;
        }
      } else if (r.DeleteMarker) {
        d.DeleteMarker = true;
        d.DeleteMarkerVersionId = r.VersionId;
      }
      deleted.push(d);
    } catch (e) {
      if (!(e instanceof AwsError) || e.status >= 500) throw e;
      errors.push({ Key: o.Key, ...(o.VersionId !== undefined ? { VersionId: o.VersionId } : {}), Code: e.code, Message: e.message });
    }
  }
  return { ...(deleted.length ? { Deleted: deleted } : {}), ...(errors.length ? { Errors: errors as never } : {}) };
};

/** `x-amz-copy-source`: `bucket/key` or `/bucket/key`, percent-encoded, optionally `?versionId=…`. */
export function parseCopySource(raw: string): { bucket: string; key: string; versionId?: string } {
  let s = raw;
  let versionId: string | undefined;
  const q = s.indexOf('?');
  if (q !== -1) {
    const params = new URLSearchParams(s.slice(q + 1));
    versionId = params.get('versionId') ?? undefined;
    s = s.slice(0, q);
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(s);
  } catch {
    throw InvalidArgument('Invalid copy source encoding', 'x-amz-copy-source', raw);
  }
  if (decoded.startsWith('/')) decoded = decoded.slice(1);
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) throw InvalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', raw);
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), ...(versionId !== undefined ? { versionId } : {}) };
}

/** The version a copy reads, with S3's copy-specific refusals and x-amz-copy-source-if-* conditions. */
export async function copySourceVersion(ctx: HandlerContext, raw: string, conditions: { CopySourceIfMatch?: string; CopySourceIfNoneMatch?: string; CopySourceIfModifiedSince?: Date; CopySourceIfUnmodifiedSince?: Date }) {
  const src = parseCopySource(raw);
  const srcBucket = await requireBucket(ctx.store, src.bucket);
  if (src.versionId !== undefined) checkVersionId(src.versionId);
  const v = await ctx.store.objects.get(srcBucket.name, src.key, src.versionId);
  if (!v) throw src.versionId === undefined ? NoSuchKey(src.key) : NoSuchVersion(src.key, src.versionId);
  if (v.deleteMarker) {
    if (src.versionId !== undefined) throw InvalidRequest('The source of a copy request may not specifically refer to a delete marker by version id.');
    throw NoSuchKey(src.key);
  }
  checkConditions(v, {
    IfMatch: conditions.CopySourceIfMatch, IfNoneMatch: conditions.CopySourceIfNoneMatch,
    IfModifiedSince: conditions.CopySourceIfModifiedSince, IfUnmodifiedSince: conditions.CopySourceIfUnmodifiedSince,
  }, 'x-amz-copy-source-');
  return { src, srcBucket, v };
}

const CopyObject: H['CopyObject'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  checkKey(input.Key);
  checkAcl(input);
  const { src, srcBucket, v: source } = await copySourceVersion(ctx, input.CopySource, input);
  const replaceMeta = input.MetadataDirective === 'REPLACE';
  if (input.MetadataDirective !== undefined && input.MetadataDirective !== 'COPY' && !replaceMeta) throw InvalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', input.MetadataDirective);
  const replaceTags = input.TaggingDirective === 'REPLACE';
  const sameObject = src.bucket === bucket.name && src.key === input.Key && (src.versionId === undefined || src.versionId === source.versionId);
  if (sameObject && !replaceMeta && input.StorageClass === undefined && input.WebsiteRedirectLocation === undefined && input.ServerSideEncryption === undefined) {
    throw InvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
  }
  if (source.size > MAX_PUT_SIZE) throw InvalidRequest(`The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_PUT_SIZE}`);
  await checkWriteConditions(ctx, bucket, input.Key, input);
  const metadata = replaceMeta ? checkMetadata(input.Metadata) : source.metadata;
  const tags: Tag[] = replaceTags ? parseTaggingHeader(input.Tagging) : source.tags;
  if (replaceTags) checkTags(tags, 10);
  const algorithm = (input.ChecksumAlgorithm as ChecksumInput['ChecksumAlgorithm']) ?? source.checksum?.algorithm ?? 'CRC64NVME';
  const asked = requestedChecksum({ ChecksumAlgorithm: algorithm });
  const stored = await storeBody(ctx.store, readSegments(ctx.store, source.segments, 0, source.size - 1), { checksum: asked, maxSize: MAX_PUT_SIZE });
  const versionId = versionIdFor(bucket);
  const headers = replaceMeta ? storedHeaders(input) : { ...source.headers };
  if (input.WebsiteRedirectLocation !== undefined) headers['x-amz-website-redirect-location'] = input.WebsiteRedirectLocation;
  if (input.ServerSideEncryption !== undefined) headers['x-amz-server-side-encryption'] = input.ServerSideEncryption;
  // A copy does not carry the source's lock or restored copy: the target gets its own.
  for (const h of ['x-amz-object-lock-mode', 'x-amz-object-lock-retain-until-date', 'x-amz-object-lock-legal-hold', 'x-amz-restore']) delete headers[h];
  Object.assign(headers, lockHeaders(bucket, input, ctx.now));
  const v: ObjectVersionRecord = {
    bucket: bucket.name, key: input.Key, versionId, deleteMarker: false, lastModified: ctx.now.getTime(), size: stored.size,
    etag: quoteEtag(stored.md5), storageClass: input.StorageClass ?? source.storageClass, owner: bucket.accountId,
    contentType: replaceMeta ? input.ContentType ?? 'binary/octet-stream' : source.contentType, headers, metadata, tags,
    checksum: stored.checksum ? { ...stored.checksum, type: 'FULL_OBJECT' } : undefined, segments: [stored.segment],
  };
  await writeVersion(ctx, v);
  return {
    CopyObjectResult: { ETag: v.etag, LastModified: new Date(v.lastModified), ...checksumFields(v) },
    ServerSideEncryption: (headers['x-amz-server-side-encryption'] ?? 'AES256') as never,
    ...(bucket.versioning !== undefined ? { VersionId: versionId } : {}),
    ...(srcBucket.versioning !== undefined ? { CopySourceVersionId: source.versionId } : {}),
  };
};

async function taggedVersion(ctx: HandlerContext, bucketName: string, key: string, versionId: string | undefined) {
  const bucket = await requireBucket(ctx.store, bucketName);
  const v = await readableVersion(ctx.store, bucket, key, versionId, 'GET');
  return { bucket, v };
}

const GetObjectTagging: H['GetObjectTagging'] = async (input, ctx) => {
  const { bucket, v } = await taggedVersion(ctx, input.Bucket, input.Key, input.VersionId);
  return { TagSet: v.tags, ...(shownVersionId(bucket, v.versionId) !== undefined ? { VersionId: v.versionId } : {}) };
};

const PutObjectTagging: H['PutObjectTagging'] = async (input, ctx) => {
  const { bucket, v } = await taggedVersion(ctx, input.Bucket, input.Key, input.VersionId);
  const tags = (input.Tagging?.TagSet ?? []) as Tag[];
  checkTags(tags, 10);
  await ctx.store.objects.update({ ...v, tags });
  return shownVersionId(bucket, v.versionId) !== undefined ? { VersionId: v.versionId } : {};
};

const DeleteObjectTagging: H['DeleteObjectTagging'] = async (input, ctx) => {
  const { bucket, v } = await taggedVersion(ctx, input.Bucket, input.Key, input.VersionId);
  await ctx.store.objects.update({ ...v, tags: [] });
  return shownVersionId(bucket, v.versionId) !== undefined ? { VersionId: v.versionId } : {};
};

const GetObjectAttributes: H['GetObjectAttributes'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const v = await readableVersion(ctx.store, bucket, input.Key, input.VersionId, 'GET');
  const want = new Set(input.ObjectAttributes);
  const out: Record<string, unknown> = { LastModified: new Date(v.lastModified) };
  const shown = shownVersionId(bucket, v.versionId);
  if (shown !== undefined) out.VersionId = shown;
  // GetObjectAttributes answers the ETag without its quotes.
  if (want.has('ETag')) out.ETag = v.etag.replace(/"/g, '');
  if (want.has('ObjectSize')) out.ObjectSize = v.size;
  if (want.has('StorageClass')) out.StorageClass = v.storageClass;
  if (want.has('Checksum') && v.checksum) out.Checksum = checksumFields(v);
  if (want.has('ObjectParts') && v.segments.length > 1) {
    const max = input.MaxParts ?? 1000;
    const after = input.PartNumberMarker ?? 0;
    const parts = v.segments.map((s, i) => ({ PartNumber: i + 1, Size: s.size, ...(s.checksum && v.checksum ? { [`Checksum${v.checksum.algorithm}`]: s.checksum } : {}) }))
      .filter((p) => p.PartNumber > after);
    const page = parts.slice(0, max);
    out.ObjectParts = {
      TotalPartsCount: v.segments.length, PartNumberMarker: after, MaxParts: max, IsTruncated: parts.length > max,
      ...(parts.length > max ? { NextPartNumberMarker: page[page.length - 1].PartNumber } : {}), Parts: page,
    };
  }
  return out as never;
};

export const objectHandlers: H = {
  PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, CopyObject,
  GetObjectTagging, PutObjectTagging, DeleteObjectTagging, GetObjectAttributes,
};
