// S3's resources as the engine sees them: a bucket (arn:aws:s3:::NAME) or an object
// (arn:aws:s3:::NAME/KEY, the key as given, unencoded), in the account that owns the bucket (the
// caller's when there is no such bucket), with the bucket policy as the resource's policy; a copy
// source, parsed from x-amz-copy-source. And the keys S3 supplies from the request's
// authentication (s3:authType, s3:signatureversion, s3:x-amz-content-sha256, s3:TlsVersion), the
// resource's owner (s3:ResourceAccount), and the tags a request sets (s3:RequestObjectTag/*,
// aws:RequestTag/* of CreateBucket). The operations' own keys are in the map (src/authz/map/s3.ts).
import type { ContextValue } from '../../policy/index.js';
import type { BucketRecord, Tag } from '../../store/types.js';
import type { ResourceSource } from '../map/schema.js';
import { callScope, str, type FamilyResolver, type Input, type KeyResolver, type ResolveFacts, type ResolvedResource, type ResourceResolver } from './types.js';

const bucketArn = (facts: ResolveFacts, bucket: string) => `arn:${facts.partition}:s3:::${bucket}`;
const bucketName = (source: ResourceSource, input: Input) => (source.name ? str(input[source.name]) : undefined);

/**
 * Whether the bucket's tags take part in authorization: only once ABAC is enabled on it
 * (PutBucketAbac; off by default). The S3 User Guide, "Enabling ABAC in general purpose buckets":
 * tag-based conditions with aws:ResourceTag and s3:BucketTag apply only after ABAC is enabled.
 * The handler keeps the AbacStatus as given under `config.abac`.
 */
function abacEnabled(b: BucketRecord): boolean {
  return (b.config.abac as { Status?: string } | undefined)?.Status === 'Enabled';
}

/** The bucket's own keys: aws:ResourceTag/<key> and s3:BucketTag/<key> from its tags, when ABAC is enabled. */
function bucketTagContext(b: BucketRecord, into: Record<string, ContextValue>) {
  if (!abacEnabled(b)) return;
  for (const t of (b.config.tagging as readonly Tag[] | undefined) ?? []) {
    into[`aws:ResourceTag/${t.Key}`] = t.Value;
    into[`s3:BucketTag/${t.Key}`] = t.Value;
  }
}

/** What a bucket (or an object in it) takes from the stored bucket: its owner, its policy and its tags. */
function fromBucket(b: BucketRecord | undefined, facts: ResolveFacts): Omit<ResolvedResource, 'resource'> {
  if (!b) return { account: facts.account };
  const context: Record<string, ContextValue> = {};
  bucketTagContext(b, context);
  const policy = typeof b.config.policy === 'string' ? { id: `bucket-policy:${b.name}`, document: b.config.policy } : undefined;
  return {
    account: b.accountId,
    ...(Object.keys(context).length ? { context } : {}),
    ...(policy ? { policy } : {}),
  };
}

async function storedBucket(facts: ResolveFacts, name: string | undefined): Promise<BucketRecord | undefined> {
  return name ? callScope(facts).store.buckets.get(name) : undefined;
}

/** s3:ExistingObjectTag/<key> of the named version (the latest without one), when it exists and is not a delete marker. */
async function existingObjectTags(facts: ResolveFacts, bucket: string, key: string, versionId: string | undefined, into: Record<string, ContextValue>) {
  const v = await callScope(facts).store.objects.get(bucket, key, versionId);
  if (!v || v.deleteMarker) return;
  for (const t of v.tags) into[`s3:ExistingObjectTag/${t.Key}`] = t.Value;
}

/** A bucket, named by the input member `name`. */
const bucket: ResourceResolver = async (source, input, facts) => {
  const name = bucketName(source, input);
  return { resource: bucketArn(facts, name ?? '*'), ...fromBucket(await storedBucket(facts, name), facts) };
};

async function objectResource(facts: ResolveFacts, name: string | undefined, key: string | undefined, versionId: string | undefined, withTags: boolean): Promise<ResolvedResource> {
  const b = await storedBucket(facts, name);
  const found: ResolvedResource = { resource: `${bucketArn(facts, name ?? '*')}/${key ?? '*'}`, ...fromBucket(b, facts) };
  if (withTags && b && key !== undefined) {
    const context: Record<string, ContextValue> = { ...found.context };
    await existingObjectTags(facts, b.name, key, versionId, context);
    if (Object.keys(context).length) found.context = context;
  }
  return found;
}

/** An object: the bucket named by `name`, the key in `Key`, the version in `VersionId` (for s3:ExistingObjectTag/*). */
const object: ResourceResolver = async (source, input, facts) =>
  objectResource(facts, bucketName(source, input), str(input.Key), str(input.VersionId), source.existingObjectTags === true);

/** A copy source as CopyObject and UploadPartCopy send it. */
export interface CopySource {
  bucket: string;
  key: string;
  versionId?: string;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * x-amz-copy-source: `bucket/key`, percent-encoded, perhaps with a leading `/`, perhaps with
 * `?versionId=…` (S3 API Reference, CopyObject). Undefined when it names no bucket and key.
 */
export function parseCopySource(raw: string): CopySource | undefined {
  const q = raw.indexOf('?');
  const path = decode(q < 0 ? raw : raw.slice(0, q));
  const versionId = q < 0 ? undefined : new URLSearchParams(raw.slice(q + 1)).get('versionId') ?? undefined;
  const s = path.startsWith('/') ? path.slice(1) : path;
  const slash = s.indexOf('/');
  if (slash <= 0 || slash === s.length - 1) return undefined;
  return { bucket: s.slice(0, slash), key: s.slice(slash + 1), ...(versionId ? { versionId } : {}) };
}

/**
 * The object a copy reads, named by the input member `name` (CopySource): its ARN, the source
 * bucket's owner, policy and tags, the version's s3:ExistingObjectTag/*, and the version it names
 * (the map's `versioned` then asks s3:GetObjectVersion instead of s3:GetObject).
 */
const copySource: ResourceResolver = async (source, input, facts) => {
  const raw = source.name ? str(input[source.name]) : undefined;
  const parsed = raw !== undefined ? parseCopySource(raw) : undefined;
  if (!parsed) return { resource: `${bucketArn(facts, '*')}/*`, account: facts.account };
  const found = await objectResource(facts, parsed.bucket, parsed.key, parsed.versionId, true);
  if (parsed.versionId !== undefined) found.versionId = parsed.versionId;
  return found;
};

export const s3ResourceResolvers: Record<string, ResourceResolver> = { 's3:bucket': bucket, 's3:object': object, 's3:copy-source': copySource };

/** A TLS version as the connection names it (`TLSv1.2`) in the form s3:TlsVersion compares numerically (`1.2`). */
function tlsVersion(v: string | undefined): string | undefined {
  const m = v !== undefined ? /(\d+(?:\.\d+)?)$/.exec(v) : null;
  return m ? m[1] : undefined;
}

/** The tags a request sets on an object: the x-amz-tagging header (`k1=v1&k2=v2`, URL-encoded), or PutObjectTagging's Tagging.TagSet. */
function requestObjectTags(input: Input): Tag[] | undefined {
  const t = input.Tagging;
  if (typeof t === 'string') return [...new URLSearchParams(t)].map(([Key, Value]) => ({ Key, Value }));
  const set = t !== null && typeof t === 'object' ? (t as { TagSet?: unknown }).TagSet : undefined;
  return Array.isArray(set) ? (set as Tag[]) : undefined;
}

/** CreateBucket's tags: CreateBucketConfiguration.Tags. */
function createBucketTags(input: Input): Tag[] | undefined {
  const c = input.CreateBucketConfiguration as { Tags?: Tag[] } | undefined;
  return c?.Tags;
}

const keysOf = (tags: readonly Tag[] | undefined) => (tags?.length ? tags.map((t) => t.Key) : undefined);

/** ObjectEncryption's SSE-KMS (UpdateObjectEncryption) asks for aws:kms. */
const updatedEncryption: KeyResolver = (input) => ((input.ObjectEncryption as { SSEKMS?: unknown } | undefined)?.SSEKMS !== undefined ? 'aws:kms' : undefined);

export const s3KeyResolvers: Record<string, KeyResolver> = {
  's3:authType': (_, scope) => scope.facts.request?.authType,
  's3:signatureversion': (_, scope) => scope.facts.request?.signatureVersion,
  's3:x-amz-content-sha256': (_, scope) => scope.facts.request?.contentSha256,
  /** Absent on plain HTTP. */
  's3:TlsVersion': (_, scope) => tlsVersion(scope.facts.request?.tlsVersion),
  /** The account that owns the bucket the request is on (the caller's for a bucket being created, or none). */
  's3:ResourceAccount': (_, scope) => scope.resource?.account ?? scope.facts.account,
  's3:RequestObjectTagKeys': (input) => keysOf(requestObjectTags(input)),
  /** A copy source's version (`?versionId=`), as the copy-source resolver found it. */
  's3:copySourceVersionId': (_, scope) => scope.resource?.versionId,
  's3:CreateBucketTagKeys': (input) => keysOf(createBucketTags(input)),
  's3:updatedEncryption': updatedEncryption,
};

export const s3Families: Record<string, FamilyResolver> = {
  's3:RequestObjectTag': (input, into) => {
    for (const t of requestObjectTags(input) ?? []) into[`s3:RequestObjectTag/${t.Key}`] = t.Value;
  },
  's3:CreateBucketRequestTag': (input, into) => {
    for (const t of createBucketTags(input) ?? []) into[`aws:RequestTag/${t.Key}`] = t.Value;
  },
};
