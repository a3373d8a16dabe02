// Finding the version a request names, and how S3 answers when it is absent or a delete marker;
// the conditional headers (If-Match … If-Unmodified-Since) in the order RFC 9110 and S3 apply them.
import type { BucketRecord, ObjectVersionRecord, Store } from '../../store/types.js';
import { etagMatches } from './common.js';
import { InvalidArgument, MethodNotAllowed, NoSuchKey, NoSuchVersion, NotModified, PreconditionFailed } from './errors.js';

const httpDate = (ms: number) => new Date(ms).toUTCString();

function markerHeaders(v: ObjectVersionRecord, bucket: BucketRecord): Record<string, string> {
  const h: Record<string, string> = { 'x-amz-delete-marker': 'true', 'last-modified': httpDate(v.lastModified) };
  if (bucket.versioning !== undefined) h['x-amz-version-id'] = v.versionId;
  return h;
}

/** A version id S3 could have handed out: `null`, or URL-safe characters. */
export function checkVersionId(versionId: string): void {
  if (versionId !== 'null' && !/^[A-Za-z0-9._-]{1,1024}$/.test(versionId)) throw InvalidArgument('Invalid version id specified', 'versionId', versionId);
}

/**
 * The version to read: the latest (a delete marker there answers NoSuchKey with
 * x-amz-delete-marker), or the one named (a delete marker named answers 405 MethodNotAllowed).
 */
export async function readableVersion(store: Store, bucket: BucketRecord, key: string, versionId: string | undefined, method: string): Promise<ObjectVersionRecord> {
  if (versionId !== undefined) checkVersionId(versionId);
  const v = await store.objects.get(bucket.name, key, versionId);
  if (!v) throw versionId === undefined ? NoSuchKey(key) : NoSuchVersion(key, versionId);
  if (v.deleteMarker) {
    if (versionId !== undefined) throw MethodNotAllowed(method, 'DeleteMarker').withHeaders(markerHeaders(v, bucket));
    throw NoSuchKey(key).withHeaders(markerHeaders(v, bucket));
  }
  return v;
}

export interface Conditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
  IfUnmodifiedSince?: Date;
}

/** Seconds: HTTP dates have no milliseconds, and S3 compares Last-Modified at that grain. */
const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * RFC 9110 13.2.2 as S3 applies it (GetObject: "If both If-Match and If-Unmodified-Since are present
 * and If-Match is true while If-Unmodified-Since is false, 200"; "If-None-Match false and
 * If-Modified-Since true: 304"). Reads answer 304 where writes would answer 412.
 */
export function checkConditions(v: ObjectVersionRecord, c: Conditions, prefix = ''): void {
  const modified = seconds(v.lastModified);
  if (c.IfMatch !== undefined) {
    if (!etagMatches(c.IfMatch, v.etag)) throw PreconditionFailed(`${prefix}If-Match`);
  } else if (c.IfUnmodifiedSince !== undefined && modified > seconds(c.IfUnmodifiedSince.getTime())) {
    throw PreconditionFailed(`${prefix}If-Unmodified-Since`);
  }
  const cacheHeaders = { etag: v.etag, 'last-modified': httpDate(v.lastModified) };
  if (c.IfNoneMatch !== undefined) {
    if (etagMatches(c.IfNoneMatch, v.etag)) {
      if (prefix) throw PreconditionFailed(`${prefix}If-None-Match`);
      throw NotModified().withHeaders(cacheHeaders);
    }
  } else if (c.IfModifiedSince !== undefined && modified <= seconds(c.IfModifiedSince.getTime())) {
    if (prefix) throw PreconditionFailed(`${prefix}If-Modified-Since`);
    throw NotModified().withHeaders(cacheHeaders);
  }
}
