// S3's bucket operations: create (name rules, LocationConstraint, the global namespace), head,
// delete (only when empty), list (prefix and continuation, as the 2024 API has them), location,
// versioning and tagging. Object ownership is BucketOwnerEnforced (ACLs disabled), as S3 defaults
// every bucket since April 2023, with Block Public Access on.
import type { Operations } from '../../generated/s3/operations.js';
import type { ServiceHandlers } from '../types.js';
import type { BucketRecord, Tag } from '../../store/types.js';
import { decodeToken, encodeToken } from './listing.js';
import { checkBucketName, checkTags, ownerOf, requireBucket } from './common.js';
import {
  BucketAlreadyExists, BucketAlreadyOwnedByYou, BucketNotEmpty, IllegalLocationConstraint, InvalidArgument,
  InvalidBucketAclWithObjectOwnership, InvalidBucketState, InvalidLocationConstraint, MalformedXML, NoSuchBucket, NoSuchTagSet, TooManyBuckets,
} from './errors.js';

type H = ServiceHandlers<Operations>;

/** General purpose buckets per account (Service Quotas' default since 2024). */
export const MAX_BUCKETS = 10_000;

/** The Block Public Access settings of a new bucket (on by default since April 2023). */
export const DEFAULT_PUBLIC_ACCESS_BLOCK = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

const bucketArn = (name: string) => `arn:aws:s3:::${name}`;

/** A LocationConstraint, or its absence, against the Region the request was signed for. */
function regionOf(constraint: string | undefined, requestRegion: string): string {
  if (constraint === undefined || constraint === '') {
    if (requestRegion !== 'us-east-1') throw IllegalLocationConstraint(undefined);
    return 'us-east-1';
  }
  // us-east-1 is the absence of a constraint: naming it is refused (CreateBucketConfiguration docs).
  if (constraint === 'us-east-1') throw InvalidLocationConstraint();
  const region = constraint === 'EU' ? 'eu-west-1' : constraint;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw InvalidLocationConstraint();
  if (region !== requestRegion && requestRegion !== 'us-east-1') throw IllegalLocationConstraint(constraint);
  return region;
}

const CreateBucket: H['CreateBucket'] = async (input, ctx) => {
  const name = input.Bucket;
  checkBucketName(name);
  const conf = input.CreateBucketConfiguration;
  const region = regionOf(conf?.LocationConstraint, ctx.region);
  // With ACLs disabled, a canned ACL other than private (or a grant) is refused.
  if ((input.ACL !== undefined && input.ACL !== 'private') || input.GrantFullControl || input.GrantRead || input.GrantReadACP || input.GrantWrite || input.GrantWriteACP) {
    if (input.ObjectOwnership === undefined || input.ObjectOwnership === 'BucketOwnerEnforced') throw InvalidBucketAclWithObjectOwnership();
  }
  const tags = (conf?.Tags ?? []) as Tag[];
  checkTags(tags, 50);
  const existing = await ctx.store.buckets.get(name);
  if (existing) {
    if (existing.accountId !== ctx.accountId) throw BucketAlreadyExists(name);
    // In us-east-1 S3 answers 200 to a re-creation by the owner (CreateBucket: "BucketAlreadyOwnedByYou … except in us-east-1").
    if (existing.region === 'us-east-1' && region === 'us-east-1') return { Location: `/${name}`, BucketArn: bucketArn(name) };
    throw BucketAlreadyOwnedByYou(name);
  }
  const page = await ctx.store.buckets.list(ctx.accountId, { max: MAX_BUCKETS });
  if (page.items.length >= MAX_BUCKETS) throw TooManyBuckets();
  const config: Record<string, unknown> = {
    publicAccessBlock: DEFAULT_PUBLIC_ACCESS_BLOCK,
    ownershipControls: { Rules: [{ ObjectOwnership: input.ObjectOwnership ?? 'BucketOwnerEnforced' }] },
  };
  if (tags.length) config.tagging = tags;
  const record: BucketRecord = { name, accountId: ctx.accountId, region, createdAt: ctx.now.getTime(), config };
  if (input.ObjectLockEnabledForBucket) {
    // Object Lock needs versioning, and turns it on (PutObjectLockConfiguration docs).
    record.versioning = 'Enabled';
    config.objectLock = { ObjectLockEnabled: 'Enabled' };
  }
  if (!(await ctx.store.buckets.create(record))) {
    const raced = await ctx.store.buckets.get(name);
    throw raced && raced.accountId === ctx.accountId ? BucketAlreadyOwnedByYou(name) : BucketAlreadyExists(name);
  }
  return { Location: region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/`, BucketArn: bucketArn(name) };
};

const HeadBucket: H['HeadBucket'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  return { BucketRegion: b.region, AccessPointAlias: false, BucketArn: bucketArn(b.name) };
};

const DeleteBucket: H['DeleteBucket'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  if (await ctx.store.objects.any(b.name)) throw BucketNotEmpty(b.name);
  // In-progress multipart uploads do not keep a bucket: they go with it, and their parts' blobs too.
  const parts = await ctx.store.transaction(async (tx) => {
    const gone = await tx.uploads.deleteBucketUploads(b.name);
    await tx.buckets.delete(b.name);
    return gone;
  });
  for (const p of parts) await ctx.store.blobs.delete(p.blob);
};

const ListBuckets: H['ListBuckets'] = async (input, ctx) => {
  const max = input.MaxBuckets ?? MAX_BUCKETS;
  if (!Number.isInteger(max) || max < 1 || max > MAX_BUCKETS) throw InvalidArgument('Argument maxBuckets must be an integer between 1 and 10000', 'maxBuckets', String(max));
  let after: string | undefined;
  if (input.ContinuationToken !== undefined) after = decodeToken(input.ContinuationToken, 'continuation-token');
  const buckets: NonNullable<Awaited<ReturnType<NonNullable<H['ListBuckets']>>>['Buckets']> = [];
  let marker = after;
  let more = false;
  // BucketRegion filters after the page is read: read on until the page is full or the list ends.
  for (;;) {
    const page = await ctx.store.buckets.list(ctx.accountId, { prefix: input.Prefix, after: marker, max: max - buckets.length });
    for (const b of page.items) {
      if (input.BucketRegion === undefined || b.region === input.BucketRegion) {
        buckets.push({ Name: b.name, CreationDate: new Date(b.createdAt), BucketRegion: b.region, BucketArn: bucketArn(b.name) });
      }
      marker = b.name;
    }
    more = page.marker !== undefined;
    if (!more || buckets.length >= max) break;
  }
  return {
    Buckets: buckets,
    Owner: ownerOf(ctx.accountId),
    ...(more && marker !== undefined ? { ContinuationToken: encodeToken(marker) } : {}),
    ...(input.Prefix !== undefined ? { Prefix: input.Prefix } : {}),
  };
};

const GetBucketLocation: H['GetBucketLocation'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  // us-east-1 buckets answer an empty LocationConstraint.
  return b.region === 'us-east-1' ? {} : { LocationConstraint: b.region as never };
};

const PutBucketVersioning: H['PutBucketVersioning'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  const status = input.VersioningConfiguration?.Status;
  if (status !== 'Enabled' && status !== 'Suspended') throw MalformedXML();
  if (status === 'Suspended' && b.config.objectLock) {
    throw InvalidBucketState('An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.');
  }
  const mfa = input.VersioningConfiguration?.MFADelete;
  await ctx.store.buckets.put({ ...b, versioning: status, config: mfa ? { ...b.config, mfaDelete: mfa } : b.config });
};

const GetBucketVersioning: H['GetBucketVersioning'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  if (b.versioning === undefined) return {};
  return { Status: b.versioning, ...(b.config.mfaDelete ? { MFADelete: b.config.mfaDelete as 'Enabled' | 'Disabled' } : {}) };
};

const PutBucketTagging: H['PutBucketTagging'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  const tags = (input.Tagging?.TagSet ?? []) as Tag[];
  checkTags(tags, 50);
  await ctx.store.buckets.put({ ...b, config: { ...b.config, tagging: tags } });
};

const GetBucketTagging: H['GetBucketTagging'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  const tags = b.config.tagging as Tag[] | undefined;
  if (!tags || tags.length === 0) throw NoSuchTagSet();
  return { TagSet: tags };
};

const DeleteBucketTagging: H['DeleteBucketTagging'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  const { tagging: _gone, ...config } = b.config;
  await ctx.store.buckets.put({ ...b, config });
};

/** rolegate serves general purpose buckets only: there are no directory buckets to list. */
const ListDirectoryBuckets: H['ListDirectoryBuckets'] = async () => ({ Buckets: [] });

/**
 * CreateSession is for directory buckets (names ending --x-s3), which rolegate does not create,
 * so every bucket it names is unknown to it.
 */
const CreateSession: H['CreateSession'] = async (input) => {
  throw NoSuchBucket(input.Bucket);
};

export const bucketHandlers: H = {
  ListDirectoryBuckets, CreateSession,
  CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation,
  PutBucketVersioning, GetBucketVersioning, PutBucketTagging, GetBucketTagging, DeleteBucketTagging,
};
