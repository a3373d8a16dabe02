// The S3 aggregates' contract: buckets, object versions, multipart uploads and their parts as rows;
// object bodies live in the blob store (./blobs.ts) and rows name them. Engine-neutral: no SQL and
// no clock (times are arguments, milliseconds since the epoch). Keys compare as S3 lists them: by
// the bytes of their UTF-8 form.
import type { Page } from './page.js';
import type { Tag } from './entities.js';

export interface BucketRecord {
  /** Globally unique across accounts, as in S3. */
  name: string;
  accountId: string;
  region: string;
  createdAt: number;
  /** Absent until versioning is first configured; once Enabled a bucket never returns to unversioned. */
  versioning?: 'Enabled' | 'Suspended';
  /**
   * The bucket's subresources as S3 stores them, by name: `policy` (the document as given),
   * `tagging`, `publicAccessBlock`, `ownershipControls`, `cors`, `lifecycle`, `encryption` … (each
   * a JSON value the handlers own). A missing name is a configuration never set or deleted.
   */
  config: Record<string, unknown>;
}

export interface BucketListOptions {
  prefix?: string;
  /**
   * Exclusive: the listing continues after this bucket name. A page's marker carries its last name:
   * `decodeMarker(page.marker)` (src/store/marker.ts) is the `after` of the next page.
   */
  after?: string;
  max: number;
}

/** One stored body piece: a blob, with the part's own ETag and checksum when it came from a multipart upload. */
export interface Segment {
  blob: string;
  size: number;
  etag?: string;
  checksum?: string;
}

export interface ObjectVersionRecord {
  bucket: string;
  key: string;
  /** S3's version id; `null` (the string) for the version written while versioning was off or suspended. */
  versionId: string;
  /** Assigned by the store on put: increases with every version written to the store. */
  seq?: number;
  isLatest?: boolean;
  deleteMarker: boolean;
  lastModified: number;
  size: number;
  /** As S3 answers it, quoted: `"<md5 hex>"`, or `"<md5 of part md5s>-<parts>"` for a multipart object. */
  etag: string;
  storageClass: string;
  /** The account that wrote the version (the bucket owner, with ACLs disabled). */
  owner: string;
  contentType?: string;
  /** The other stored representation headers (content-encoding, content-disposition, cache-control, expires …), names in lower case. */
  headers: Record<string, string>;
  /** User metadata (x-amz-meta-*), names in lower case without the prefix. */
  metadata: Record<string, string>;
  tags: Tag[];
  /** The object's checksum as S3 reports it (`ChecksumCRC32` …), when one was stored. */
  checksum?: { algorithm: string; value: string; type: 'FULL_OBJECT' | 'COMPOSITE' };
  /** The body, in order; empty for a delete marker or an empty object. */
  segments: Segment[];
}

export interface ObjectScanOptions {
  prefix?: string;
  /** Exclusive: only keys after this one (byte order of UTF-8). */
  afterKey?: string;
  /** With afterKey, in a version listing: continue within afterKey after the version of this seq. */
  afterSeq?: number;
  limit: number;
}

/** What a listing of objects shows of each, read without the whole record (ListObjectsV2 pages of 1,000). */
export interface ListedObject {
  key: string;
  size: number;
  etag: string;
  lastModified: number;
  storageClass: string;
  checksumAlgorithm?: string;
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
}

export interface ObjectTable {
  /**
   * Writes a version and makes it the latest of its key. A version whose id is `null` replaces the
   * key's existing null version (as S3 does when versioning is off or suspended), which is returned
   * so its blobs can be deleted; so does any id the key already has. Runs in one transaction of the
   * engine (nested in the store transaction it is called in, if any).
   */
  put(v: ObjectVersionRecord): Promise<{ replaced?: ObjectVersionRecord }>;
  /** The key's latest version (possibly a delete marker), or the named version. */
  get(bucket: string, key: string, versionId?: string): Promise<ObjectVersionRecord | undefined>;
  /** Replaces a stored version's record in place (tags, metadata), keeping its place and its latest flag. */
  update(v: ObjectVersionRecord): Promise<boolean>;
  /** Removes a version for good; when it was the latest, the next newest becomes latest. */
  deleteVersion(bucket: string, key: string, versionId: string): Promise<ObjectVersionRecord | undefined>;
  /** The latest versions that are not delete markers, by key, after `afterKey`, with `prefix`. */
  scan(bucket: string, o: ObjectScanOptions): Promise<ObjectVersionRecord[]>;
  /** The same rows as `scan`, as listings show them. */
  scanListing(bucket: string, o: ObjectScanOptions): Promise<ListedObject[]>;
  /** Every version and delete marker, by key, newest first within a key. */
  scanVersions(bucket: string, o: ObjectScanOptions): Promise<ObjectVersionRecord[]>;
  /** Whether the bucket holds any version or delete marker (DeleteBucket's BucketNotEmpty). */
  any(bucket: string): Promise<boolean>;
  /** Every version of a bucket removed (the bucket is going), with the records, so their blobs can go too. */
  deleteBucketObjects(bucket: string): Promise<ObjectVersionRecord[]>;
}

export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: number;
  owner: string;
  /** The ARN of the caller that created the upload (ListMultipartUploads' Initiator). */
  initiator: string;
  storageClass: string;
  contentType?: string;
  headers: Record<string, string>;
  metadata: Record<string, string>;
  tags: Tag[];
  checksumAlgorithm?: string;
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
}

export interface PartRecord {
  uploadId: string;
  partNumber: number;
  size: number;
  /** Quoted MD5 of the part's bytes. */
  etag: string;
  lastModified: number;
  blob: string;
  /** The part's checksum value (base64), under the upload's algorithm. */
  checksum?: string;
}

export interface UploadScanOptions {
  prefix?: string;
  /**
   * Exclusive position: after this key, or within it after this upload id (ignored without a
   * keyMarker, as in S3). When that upload is gone since, the listing goes on after the key.
   */
  keyMarker?: string;
  uploadIdMarker?: string;
  limit: number;
}

export interface UploadTable {
  create(u: UploadRecord): Promise<void>;
  get(uploadId: string): Promise<UploadRecord | undefined>;
  /** In-progress uploads of a bucket by key, then by initiation time. */
  scan(bucket: string, o: UploadScanOptions): Promise<UploadRecord[]>;
  /** Stores a part; a part number uploaded again replaces the earlier part, which is returned. */
  putPart(p: PartRecord): Promise<{ replaced?: PartRecord }>;
  /** Parts by part number, after `afterPart`. */
  parts(uploadId: string, afterPart: number, limit: number): Promise<PartRecord[]>;
  /** Removes the upload and its parts (completed or aborted), returning the parts it had. */
  finish(uploadId: string): Promise<PartRecord[]>;
  /** Every upload of a bucket removed with its parts (the bucket is going). */
  deleteBucketUploads(bucket: string): Promise<PartRecord[]>;
}

export interface BucketTable {
  /** False when the name is taken, by any account. */
  create(b: BucketRecord): Promise<boolean>;
  get(name: string): Promise<BucketRecord | undefined>;
  /** Replaces the record of an existing bucket; false when there is none. */
  put(b: BucketRecord): Promise<boolean>;
  delete(name: string): Promise<boolean>;
  /** An account's buckets by name. */
  list(accountId: string, o: BucketListOptions): Promise<Page<BucketRecord>>;
}
