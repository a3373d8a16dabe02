// What every S3 handler shares: the bucket a request names, the owner as S3 shows it, bucket-name
// rules, version and upload ids, and the ETag and tag-set rules. No HTTP here: handlers see typed input.
import { createHash } from 'node:crypto';
import { randomBytesPooled } from '../../shared/ids.js';
import type { BucketRecord, Store, Tag } from '../../store/types.js';
import { InvalidBucketName, InvalidTag, KeyTooLong, MissingRequestBody, NoSuchBucket } from './errors.js';

/** S3's canonical user id for an account: 64 hex characters, stable for the account. */
export function canonicalId(accountId: string): string {
  return createHash('sha256').update('rolegate-s3-canonical-user:' + accountId).digest('hex');
}

/** The Owner element S3 answers (DisplayName is no longer returned since 2025). */
export const ownerOf = (accountId: string) => ({ ID: canonicalId(accountId) });

export async function requireBucket(store: Store, name: string): Promise<BucketRecord> {
  const b = await store.buckets.get(name);
  if (!b) throw NoSuchBucket(name);
  return b;
}

/** A required body sent empty: NoSuchBucket first, as every bucket operation answers, then MissingRequestBodyError. */
export async function missingBody(input: Record<string, unknown>, store: Store): Promise<Error> {
  const bucket = input.Bucket;
  if (typeof bucket === 'string' && !(await store.buckets.get(bucket))) return NoSuchBucket(bucket);
  return MissingRequestBody();
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * General purpose bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
 * 3–63 characters of lower-case letters, digits, dots and hyphens, beginning and ending with a
 * letter or digit, no two adjacent dots, not an IP address, none of the reserved prefixes and suffixes.
 */
export function checkBucketName(name: string): void {
  const ok = name.length >= 3 && name.length <= 63 && /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) && !name.includes('..') &&
    !IPV4.test(name) && !RESERVED_PREFIXES.some((p) => name.startsWith(p)) && !RESERVED_SUFFIXES.some((s) => name.endsWith(s));
  if (!ok) throw InvalidBucketName(name);
}

/** Object keys are at most 1,024 bytes of UTF-8. */
export function checkKey(key: string): void {
  const size = Buffer.byteLength(key);
  if (size > 1024) throw KeyTooLong(size);
}

const URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._';

/** A version id as S3 hands them out: 32 URL-safe characters. */
export function newVersionId(): string {
  const bytes = randomBytesPooled(32);
  let out = '';
  for (let i = 0; i < 32; i++) out += URLSAFE[bytes[i] & 63];
  return out;
}

/** An upload id: opaque, URL-safe, long as S3's, and never starting with `-` (a command line would read it as an option). */
export function newUploadId(): string {
  const id = randomBytesPooled(48).toString('base64url');
  return /^[A-Za-z0-9]/.test(id) ? id : 'U' + id.slice(1);
}

export const quoteEtag = (md5: Buffer) => `"${md5.toString('hex')}"`;

/** ETags compare without their quotes, and `*` matches any (RFC 9110 13.1.1). */
export function etagMatches(header: string, etag: string): boolean {
  const bare = etag.replace(/"/g, '');
  for (const raw of header.split(',')) {
    const v = raw.trim().replace(/^W\//, '').replace(/"/g, '');
    if (v === '*' || v === bare) return true;
  }
  return false;
}

/** The version a write makes in this bucket: a fresh id when versioning is enabled, else the null version. */
export const versionIdFor = (bucket: BucketRecord) => (bucket.versioning === 'Enabled' ? newVersionId() : 'null');

/** What a response says of a version: S3 names the null version only in a versioned (or suspended) bucket. */
export const shownVersionId = (bucket: BucketRecord, versionId: string) => (bucket.versioning === undefined ? undefined : versionId);

/** Tag set rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html): keys 1–128, values 0–256, unique keys. */
export function checkTags(tags: readonly Tag[], max: number): void {
  if (tags.length > max) throw max === 10 ? InvalidTag('Object tags cannot be greater than 10') : InvalidTag(`Bucket tag count cannot be greater than ${max}`);
  const seen = new Set<string>();
  for (const t of tags) {
    if (typeof t.Key !== 'string' || t.Key.length < 1 || t.Key.length > 128) throw InvalidTag('The TagKey you have provided is invalid');
    if (typeof t.Value !== 'string' || t.Value.length > 256) throw InvalidTag('The TagValue you have provided is invalid');
    if (t.Key.startsWith('aws:')) throw InvalidTag('Your TagKey cannot be prefixed with aws:');
    if (seen.has(t.Key)) throw InvalidTag('Cannot provide multiple Tags with the same key');
    seen.add(t.Key);
  }
}

/** The `Tagging` header of PutObject and friends: a URL-encoded query string, `k1=v1&k2=v2`. */
export function parseTaggingHeader(tagging: string | undefined): Tag[] {
  if (!tagging) return [];
  const tags: Tag[] = [];
  for (const [Key, Value] of new URLSearchParams(tagging)) tags.push({ Key, Value });
  checkTags(tags, 10);
  return tags;
}
