// S3's listings: ListObjectsV2, ListObjects, ListObjectVersions and ListMultipartUploads' rolling up
// of keys into CommonPrefixes by delimiter, in UTF-8 byte order, at most 1,000 entries a page, with
// continuation tokens, markers, start-after and encoding-type=url.
import type { Operations } from '../../generated/s3/operations.js';
import type { ServiceHandlers } from '../types.js';
import type { ListedObject, ObjectVersionRecord, Store } from '../../store/types.js';
import { ownerOf, requireBucket } from './common.js';
import { InvalidArgument } from './errors.js';
import { checkVersionId } from './versions.js';

type H = ServiceHandlers<Operations>;

/** The highest code point: a key that starts with a common prefix sorts before the prefix followed by it. */
export const PAST = '\u{10FFFF}';

export type Entry<T> = { item: T } | { prefix: string };

export interface Rollup<T> {
  entries: Entry<T>[];
  truncated: boolean;
}

/**
 * Collects up to `max` entries from `scan` (items by key after a cursor), rolling the keys that
 * contain `delimiter` after `prefix` into one common prefix each. `scan` gets the cursor to continue
 * after and how many rows to read; a common prefix moves the cursor past every key under it.
 */
export async function rollup<T, C extends Cursor>(
  keyOf: (t: T) => string, scan: (after: C, limit: number) => Promise<T[]>, after: C, max: number, prefix: string, delimiter: string | undefined,
  advance: (t: T) => C,
): Promise<Rollup<T> & { next: C }> {
  const entries: Entry<T>[] = [];
  let cursor = after;
  let next = after;
  let lastPrefix: string | undefined;
  const want = max + 1;
  while (entries.length < want) {
    const limit = Math.min(1000, want - entries.length);
    const rows = await scan(cursor, limit);
    let jumped = false;
    for (const row of rows) {
      const key = keyOf(row);
      const at = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (at !== -1) {
        const common = key.slice(0, at + delimiter!.length);
        if (common !== lastPrefix) {
          entries.push({ prefix: common });
          lastPrefix = common;
          if (entries.length <= max) next = { key: common + PAST } as C;
        }
        cursor = { key: common + PAST } as C;
        jumped = true;
        break;
      }
      entries.push({ item: row });
      cursor = advance(row);
      if (entries.length <= max) next = cursor;
      if (entries.length >= want) break;
    }
    if (!jumped && rows.length < limit) break;
  }
  const truncated = entries.length > max;
  return { entries: truncated ? entries.slice(0, max) : entries, truncated, next };
}

export interface Cursor {
  key?: string;
  seq?: number;
}

/** A continuation token: opaque to clients, and refused when it is not one rolegate handed out. */
export function encodeToken(after: string): string {
  return Buffer.from(JSON.stringify(['rolegate-s3', after])).toString('base64url');
}

export function decodeToken(token: string, argument: string): string {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    v = undefined;
  }
  if (!Array.isArray(v) || v.length !== 2 || v[0] !== 'rolegate-s3' || typeof v[1] !== 'string') {
    throw InvalidArgument('The continuation token provided is incorrect', argument, token);
  }
  return v[1];
}

/** encoding-type=url: keys and prefixes percent-encoded as S3 answers them (slashes kept). */
function encoder(type: string | undefined): (s: string) => string {
  if (type === undefined) return (s) => s;
  if (type !== 'url') throw InvalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', type);
  return (s) => encodeURIComponent(s).replace(/%2F/g, '/').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function maxKeysOf(v: number | undefined, name = 'maxKeys'): number {
  if (v === undefined) return 1000;
  if (!Number.isInteger(v) || v < 0) throw InvalidArgument(`Argument ${name} must be an integer between 0 and 2147483647`, name, String(v));
  return Math.min(v, 1000);
}

/** What every listing answers about itself (the XML element order is the shape's, not this object's). */
function listFields(name: string, prefix: string, input: { Delimiter?: string; MaxKeys?: number; EncodingType?: string }, prefixes: { Prefix: string }[], enc: (s: string) => string) {
  return {
    Name: name,
    Prefix: enc(prefix),
    ...(input.Delimiter !== undefined ? { Delimiter: enc(input.Delimiter) } : {}),
    MaxKeys: input.MaxKeys ?? 1000,
    ...(prefixes.length ? { CommonPrefixes: prefixes } : {}),
    ...(input.EncodingType ? { EncodingType: 'url' as const } : {}),
  };
}

const latestScan = (store: Store, bucket: string, prefix: string) => (after: Cursor, limit: number) =>
  store.objects.scanListing(bucket, { prefix: prefix || undefined, afterKey: after.key, limit });

/** A Contents entry; the owner of every object is the bucket's owner, ACLs being disabled. */
function contentOf(v: ListedObject, enc: (s: string) => string, owner: { ID: string } | undefined) {
  const c: Record<string, unknown> = { Key: enc(v.key), LastModified: new Date(v.lastModified), ETag: v.etag, Size: v.size, StorageClass: v.storageClass };
  if (v.checksumAlgorithm !== undefined) {
    c.ChecksumAlgorithm = [v.checksumAlgorithm];
    c.ChecksumType = v.checksumType;
  }
  if (owner) c.Owner = owner;
  return c;
}

const ListObjectsV2: H['ListObjectsV2'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const enc = encoder(input.EncodingType);
  const max = maxKeysOf(input.MaxKeys);
  const prefix = input.Prefix ?? '';
  let after: Cursor = {};
  if (input.ContinuationToken !== undefined) {
    after = { key: decodeToken(input.ContinuationToken, 'continuation-token') };
  } else if (input.StartAfter !== undefined) after = { key: input.StartAfter };
  const r = max === 0 ? { entries: [], truncated: false, next: after } : await rollup(
    (v: ListedObject) => v.key, latestScan(ctx.store, bucket.name, prefix), after, max, prefix, input.Delimiter, (v) => ({ key: v.key }));
  const owner = input.FetchOwner === true ? ownerOf(bucket.accountId) : undefined;
  const contents = [];
  const prefixes = [];
  for (const e of r.entries) {
    if ('item' in e) contents.push(contentOf(e.item, enc, owner));
    else prefixes.push({ Prefix: enc(e.prefix) });
  }
  return {
    IsTruncated: r.truncated,
    ...(contents.length ? { Contents: contents as never } : {}),
    ...listFields(bucket.name, prefix, input, prefixes, enc),
    KeyCount: r.entries.length,
    ...(input.ContinuationToken !== undefined ? { ContinuationToken: input.ContinuationToken } : {}),
    ...(r.truncated && r.next.key !== undefined ? { NextContinuationToken: encodeToken(r.next.key) } : {}),
    ...(input.StartAfter !== undefined ? { StartAfter: enc(input.StartAfter) } : {}),
  };
};

const ListObjects: H['ListObjects'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const enc = encoder(input.EncodingType);
  const max = maxKeysOf(input.MaxKeys);
  const prefix = input.Prefix ?? '';
  const marker = input.Marker;
  // A marker that is a common prefix continues past every key under it.
  const after: Cursor = marker === undefined ? {} : { key: input.Delimiter && marker.endsWith(input.Delimiter) && marker.startsWith(prefix) ? marker + PAST : marker };
  const r = max === 0 ? { entries: [], truncated: false, next: after } : await rollup(
    (v: ListedObject) => v.key, latestScan(ctx.store, bucket.name, prefix), after, max, prefix, input.Delimiter, (v) => ({ key: v.key }));
  const owner = ownerOf(bucket.accountId);
  const contents = [];
  const prefixes = [];
  let last: string | undefined;
  for (const e of r.entries) {
    if ('item' in e) {
      contents.push(contentOf(e.item, enc, owner));
      last = e.item.key;
    } else {
      prefixes.push({ Prefix: enc(e.prefix) });
      last = e.prefix;
    }
  }
  return {
    IsTruncated: r.truncated,
    Marker: enc(marker ?? ''),
    // NextMarker is given only with a delimiter; without one the last key is the next marker.
    ...(r.truncated && input.Delimiter !== undefined && last !== undefined ? { NextMarker: enc(last) } : {}),
    ...(contents.length ? { Contents: contents as never } : {}),
    ...listFields(bucket.name, prefix, input, prefixes, enc),
  };
};

const ListObjectVersions: H['ListObjectVersions'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const enc = encoder(input.EncodingType);
  const max = maxKeysOf(input.MaxKeys);
  const prefix = input.Prefix ?? '';
  let after: Cursor = {};
  if (input.VersionIdMarker !== undefined && input.VersionIdMarker !== '') {
    if (input.KeyMarker === undefined || input.KeyMarker === '') throw InvalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', input.VersionIdMarker);
    checkVersionId(input.VersionIdMarker);
    const at = await ctx.store.objects.get(bucket.name, input.KeyMarker, input.VersionIdMarker);
    if (!at) throw InvalidArgument('Invalid version id specified', 'version-id-marker', input.VersionIdMarker);
    after = { key: input.KeyMarker, seq: at.seq };
  } else if (input.KeyMarker !== undefined && input.KeyMarker !== '') {
    after = { key: input.Delimiter && input.KeyMarker.endsWith(input.Delimiter) ? input.KeyMarker + PAST : input.KeyMarker };
  }
  const scan = (c: Cursor, limit: number) => ctx.store.objects.scanVersions(bucket.name, { prefix: prefix || undefined, afterKey: c.key, afterSeq: c.seq, limit });
  const r = max === 0 ? { entries: [], truncated: false, next: after } : await rollup(
    (v: ObjectVersionRecord) => v.key, scan, after, max, prefix, input.Delimiter, (v) => ({ key: v.key, seq: v.seq }));
  const versions = [];
  const markers = [];
  const prefixes = [];
  let last: Entry<ObjectVersionRecord> | undefined;
  for (const e of r.entries) {
    last = e;
    if (!('item' in e)) {
      prefixes.push({ Prefix: enc(e.prefix) });
      continue;
    }
    const v = e.item;
    const common = { Owner: ownerOf(v.owner), Key: enc(v.key), VersionId: v.versionId, IsLatest: v.isLatest === true, LastModified: new Date(v.lastModified) };
    if (v.deleteMarker) markers.push(common);
    else {
      versions.push({
        ETag: v.etag, Size: v.size, StorageClass: v.storageClass, ...common,
        ...(v.checksum ? { ChecksumAlgorithm: [v.checksum.algorithm], ChecksumType: v.checksum.type } : {}),
      });
    }
  }
  const next = r.truncated && last ? ('item' in last ? { NextKeyMarker: enc(last.item.key), NextVersionIdMarker: last.item.versionId } : { NextKeyMarker: enc(last.prefix) }) : {};
  return {
    IsTruncated: r.truncated,
    KeyMarker: enc(input.KeyMarker ?? ''),
    VersionIdMarker: input.VersionIdMarker ?? '',
    ...next,
    ...(versions.length ? { Versions: versions as never } : {}),
    ...(markers.length ? { DeleteMarkers: markers } : {}),
    ...listFields(bucket.name, prefix, input, prefixes, enc),
  };
};

export const listingHandlers: H = { ListObjectsV2, ListObjects, ListObjectVersions };
export { maxKeysOf, encoder };
