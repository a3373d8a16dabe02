// The bucket subresources: the bucket policy (checked by the policy grammar and S3's own rules,
// refused when public while BlockPublicPolicy is on, its user and role principals kept by unique
// id as IAM keeps a trust policy's: src/directory/principal-binding.ts), Block Public Access, object ownership, ACLs
// as S3 answers them with ACLs disabled, and the configurations S3 stores and returns as given
// (CORS, lifecycle, encryption, website, logging, notifications, accelerate, request payment,
// replication, Object Lock, and the analytics/metrics/inventory/intelligent-tiering ones by Id).
import type { Operations } from '../../generated/s3/operations.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import type { BucketRecord } from '../../store/types.js';
import { parsePolicy, type ParsedPolicy } from '../../policy/index.js';
import { bindPrincipals, showPrincipals } from '../../directory/principal-binding.js';
import { AwsError } from '../../protocol/errors.js';
import { canonicalId, ownerOf, requireBucket } from './common.js';
import { readableVersion } from './versions.js';
import { AccessControlListNotSupported, InvalidArgument, MalformedPolicy, MalformedXML, missingConfiguration } from './errors.js';
import { arnInPartition } from '../../shared/partitions.js';

type H = ServiceHandlers<Operations>;
type Input = Record<string, unknown> & { Bucket: string };

async function setConfig(ctx: HandlerContext, bucket: BucketRecord, name: string, value: unknown): Promise<void> {
  const config = { ...bucket.config };
  if (value === undefined) delete config[name];
  else config[name] = value;
  await ctx.store.buckets.put({ ...bucket, config });
}

function stored<T>(bucket: BucketRecord, name: string): T {
  const v = bucket.config[name];
  if (v === undefined) throw missingConfiguration[name]();
  return v as T;
}

/** Condition keys that, with fixed values, keep an Allow to `*` from being public (S3 "The meaning of public"). */
const NARROWING_KEYS = new Set([
  'aws:sourcearn', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceaccount', 'aws:sourceowner', 'aws:principalaccount',
  'aws:principalarn', 'aws:principalorgid', 'aws:userid', 'aws:sourceip', 'aws:principalorgpaths', 's3:x-amz-server-side-encryption-aws-kms-key-id',
  'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:principalservicename', 's3:dataaccesspointaccount', 's3:dataaccesspointarn',
]);

/**
 * Whether a bucket policy is public: an Allow whose principal is everyone (`*` or {"AWS": "*"})
 * without a condition on a fixed value of a narrowing key (an IP range wider than /8 does not narrow).
 */
export function isPublicPolicy(document: string): boolean {
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(document);
  } catch {
    return false;
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  for (const s of statements as Record<string, unknown>[]) {
    if (s.Effect !== 'Allow') continue;
    const p = s.Principal as unknown;
    const everyone = p === '*' || (typeof p === 'object' && p !== null && [(p as Record<string, unknown>).AWS].flat().includes('*'));
    if (!everyone) continue;
    const conditions = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    let narrowed = false;
    for (const op in conditions) {
      if (/like|ifexists|^null$/i.test(op) && !/^ipaddress/i.test(op)) continue;
      for (const key in conditions[op]) {
        if (!NARROWING_KEYS.has(key.toLowerCase())) continue;
        const values = [conditions[op][key]].flat().map(String);
        if (key.toLowerCase() === 'aws:sourceip' && values.some((v) => Number(v.split('/')[1] ?? 32) < 8)) continue;
        if (values.every((v) => !v.includes('*'))) narrowed = true;
      }
    }
    if (!narrowed) return true;
  }
  return false;
}

/** S3's own rules on top of the grammar: every resource in this bucket, every action S3's. */
function checkBucketPolicy(bucket: string, text: string, partition: string): ParsedPolicy {
  if (Buffer.byteLength(text) > 20 * 1024) throw new AwsError('PolicyTooLarge', 'Policies must be less than 20 KB', 400);
  try {
    JSON.parse(text);
  } catch {
    throw MalformedPolicy('This policy contains invalid Json');
  }
  const r = parsePolicy(text, 'resource');
  if (!r.ok) throw MalformedPolicy(r.errors[0].message);
  const doc = JSON.parse(text) as { Statement: Record<string, unknown> | Record<string, unknown>[] };
  for (const s of [doc.Statement].flat()) {
    for (const res of [s.Resource ?? s.NotResource].flat()) {
      const arn = String(res);
      // In the request's partition: arn:aws-cn:s3:::BUCKET in aws-cn.
      const own = `arn:${partition}:s3:::${bucket}`;
      const ok = arn === own || arn.startsWith(`${own}/`) ||
        (arn.includes('*') && new RegExp('^' + arn.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*') + '$').test(own));
      if (!ok) throw MalformedPolicy('Policy has invalid resource');
    }
    for (const a of [s.Action ?? s.NotAction].flat()) {
      const action = String(a).toLowerCase();
      if (action !== '*' && !action.startsWith('s3:') && !action.startsWith('s3express:')) throw MalformedPolicy('Policy has invalid action');
    }
  }
  return r.policy;
}

function publicAccessBlock(bucket: BucketRecord): Record<string, boolean> {
  return (bucket.config.publicAccessBlock ?? {}) as Record<string, boolean>;
}

const PutBucketPolicy: H['PutBucketPolicy'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  checkBucketPolicy(bucket.name, input.Policy, ctx.partition);
  if (publicAccessBlock(bucket).BlockPublicPolicy && isPublicPolicy(input.Policy)) {
    throw new AwsError('AccessDenied', `User: ${arnInPartition(ctx.caller.arn, ctx.partition)} is not authorized to perform: s3:PutBucketPolicy on resource: "arn:${ctx.partition}:s3:::${bucket.name}" because public policies are blocked by the BlockPublicPolicy block public access setting.`, 403);
  }
  // A user or role ARN naming nobody is refused, as S3 does ("Invalid principal in policy").
  const bound = await bindPrincipals(ctx.store, input.Policy, { invalidPrincipal: () => MalformedPolicy('Invalid principal in policy'), partition: ctx.partition });
  await setConfig(ctx, bucket, 'policy', bound.stored);
};

/** The policy as saved, its bound principals shown by ARN while they exist and by unique id once gone. */
const GetBucketPolicy: H['GetBucketPolicy'] = async (input, ctx) => ({
  Policy: await showPrincipals(ctx.store, stored<string>(await requireBucket(ctx.store, input.Bucket), 'policy'), ctx.partition),
});

const DeleteBucketPolicy: H['DeleteBucketPolicy'] = async (input, ctx) => {
  await setConfig(ctx, await requireBucket(ctx.store, input.Bucket), 'policy', undefined);
};

const GetBucketPolicyStatus: H['GetBucketPolicyStatus'] = async (input, ctx) => {
  const policy = stored<string>(await requireBucket(ctx.store, input.Bucket), 'policy');
  return { PolicyStatus: { IsPublic: isPublicPolicy(policy) } };
};

const PutPublicAccessBlock: H['PutPublicAccessBlock'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const c = input.PublicAccessBlockConfiguration ?? {};
  const value = {
    BlockPublicAcls: c.BlockPublicAcls ?? false, IgnorePublicAcls: c.IgnorePublicAcls ?? false,
    BlockPublicPolicy: c.BlockPublicPolicy ?? false, RestrictPublicBuckets: c.RestrictPublicBuckets ?? false,
  };
  await setConfig(ctx, bucket, 'publicAccessBlock', value);
};

const GetPublicAccessBlock: H['GetPublicAccessBlock'] = async (input, ctx) => ({
  PublicAccessBlockConfiguration: stored(await requireBucket(ctx.store, input.Bucket), 'publicAccessBlock'),
});

const DeletePublicAccessBlock: H['DeletePublicAccessBlock'] = async (input, ctx) => {
  await setConfig(ctx, await requireBucket(ctx.store, input.Bucket), 'publicAccessBlock', undefined);
};

const ownership = (b: BucketRecord) => ((b.config.ownershipControls as { Rules?: { ObjectOwnership?: string }[] } | undefined)?.Rules?.[0]?.ObjectOwnership) ?? 'ObjectWriter';

const ownerGrant = (accountId: string) => ({ Grantee: { Type: 'CanonicalUser' as const, ID: canonicalId(accountId) }, Permission: 'FULL_CONTROL' as const });

/** With ACLs disabled S3 still accepts an ACL that gives the owner full control and nothing else. */
function checkAclWrite(bucket: BucketRecord, input: { ACL?: string; AccessControlPolicy?: { Grants?: { Grantee?: { ID?: string; Type?: string }; Permission?: string }[] }; GrantFullControl?: string; GrantRead?: string; GrantReadACP?: string; GrantWrite?: string; GrantWriteACP?: string }): void {
  if (ownership(bucket) !== 'BucketOwnerEnforced') return;
  const grants = input.AccessControlPolicy?.Grants ?? [];
  const onlyOwner = grants.every((g) => g.Permission === 'FULL_CONTROL' && g.Grantee?.Type === 'CanonicalUser' && g.Grantee.ID === canonicalId(bucket.accountId));
  const canned = input.ACL === undefined || input.ACL === 'private' || input.ACL === 'bucket-owner-full-control';
  if (!canned || !onlyOwner || input.GrantRead || input.GrantReadACP || input.GrantWrite || input.GrantWriteACP || input.GrantFullControl) throw AccessControlListNotSupported();
}

const GetBucketAcl: H['GetBucketAcl'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  return { Owner: ownerOf(b.accountId), Grants: [ownerGrant(b.accountId)] };
};

const PutBucketAcl: H['PutBucketAcl'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  checkAclWrite(b, input);
};

const GetObjectAcl: H['GetObjectAcl'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  const v = await readableVersion(ctx.store, b, input.Key, input.VersionId, 'GET');
  return { Owner: ownerOf(v.owner), Grants: [ownerGrant(v.owner)] };
};

const PutObjectAcl: H['PutObjectAcl'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  await readableVersion(ctx.store, b, input.Key, input.VersionId, 'PUT');
  checkAclWrite(b, input);
  return {};
};

const PutBucketOwnershipControls: H['PutBucketOwnershipControls'] = async (input, ctx) => {
  const b = await requireBucket(ctx.store, input.Bucket);
  const rules = input.OwnershipControls?.Rules ?? [];
  if (rules.length !== 1 || !['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'].includes(rules[0].ObjectOwnership as string)) throw MalformedXML();
  await setConfig(ctx, b, 'ownershipControls', { Rules: rules });
};

const GetBucketOwnershipControls: H['GetBucketOwnershipControls'] = async (input, ctx) => ({
  OwnershipControls: stored(await requireBucket(ctx.store, input.Bucket), 'ownershipControls'),
});

const DeleteBucketOwnershipControls: H['DeleteBucketOwnershipControls'] = async (input, ctx) => {
  await setConfig(ctx, await requireBucket(ctx.store, input.Bucket), 'ownershipControls', undefined);
};

/**
 * Configurations S3 keeps and returns as given: the input member stored under `name`, answered
 * whole (`wrap`: inside the output member of that name) or spread into the output; `fallback` is
 * what S3 answers for a bucket that never had one (else the configuration's "does not exist" error).
 */
interface Stored {
  name: string;
  member: string;
  put: string;
  get: string;
  del?: string;
  wrap?: string;
  fallback?: (b: BucketRecord) => Record<string, unknown>;
}

const STORED: Stored[] = [
  { name: 'cors', member: 'CORSConfiguration', put: 'PutBucketCors', get: 'GetBucketCors', del: 'DeleteBucketCors' },
  { name: 'lifecycle', member: 'LifecycleConfiguration', put: 'PutBucketLifecycleConfiguration', get: 'GetBucketLifecycleConfiguration', del: 'DeleteBucketLifecycle' },
  // Every bucket is encrypted with SSE-S3 unless configured otherwise (default encryption, January 2023).
  { name: 'encryption', member: 'ServerSideEncryptionConfiguration', put: 'PutBucketEncryption', get: 'GetBucketEncryption', del: 'DeleteBucketEncryption', wrap: 'ServerSideEncryptionConfiguration',
    fallback: () => ({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] } }) },
  { name: 'website', member: 'WebsiteConfiguration', put: 'PutBucketWebsite', get: 'GetBucketWebsite', del: 'DeleteBucketWebsite' },
  { name: 'logging', member: 'BucketLoggingStatus', put: 'PutBucketLogging', get: 'GetBucketLogging', fallback: () => ({}) },
  { name: 'notification', member: 'NotificationConfiguration', put: 'PutBucketNotificationConfiguration', get: 'GetBucketNotificationConfiguration', fallback: () => ({}) },
  { name: 'accelerate', member: 'AccelerateConfiguration', put: 'PutBucketAccelerateConfiguration', get: 'GetBucketAccelerateConfiguration', fallback: () => ({}) },
  { name: 'requestPayment', member: 'RequestPaymentConfiguration', put: 'PutBucketRequestPayment', get: 'GetBucketRequestPayment', fallback: () => ({ Payer: 'BucketOwner' }) },
  { name: 'replication', member: 'ReplicationConfiguration', put: 'PutBucketReplication', get: 'GetBucketReplication', del: 'DeleteBucketReplication', wrap: 'ReplicationConfiguration' },
  { name: 'objectLock', member: 'ObjectLockConfiguration', put: 'PutObjectLockConfiguration', get: 'GetObjectLockConfiguration', wrap: 'ObjectLockConfiguration' },
  // The deprecated forms answer the same stored configuration.
  { name: 'lifecycle', member: 'LifecycleConfiguration', put: 'PutBucketLifecycle', get: 'GetBucketLifecycle' },
  { name: 'notification', member: 'NotificationConfiguration', put: 'PutBucketNotification', get: 'GetBucketNotification', fallback: () => ({}) },
  { name: 'abac', member: 'AbacStatus', put: 'PutBucketAbac', get: 'GetBucketAbac', wrap: 'AbacStatus', fallback: () => ({}) },
];

function storedHandlers(): H {
  const out: Record<string, unknown> = {};
  for (const s of STORED) {
    out[s.put] = async (input: Input, ctx: HandlerContext) => {
      const b = await requireBucket(ctx.store, input.Bucket);
      if (s.name === 'replication' && b.versioning !== 'Enabled') {
        throw InvalidArgument('Versioning must be \'Enabled\' on the bucket to apply a replication configuration');
      }
      if (s.name === 'objectLock' && b.versioning !== 'Enabled') {
        throw new AwsError('InvalidBucketState', 'Versioning must be \'Enabled\' on the bucket to apply a Object Lock configuration', 409);
      }
      await setConfig(ctx, b, s.name, input[s.member] ?? {});
      return {};
    };
    out[s.get] = async (input: Input, ctx: HandlerContext) => {
      const b = await requireBucket(ctx.store, input.Bucket);
      const v = b.config[s.name];
      if (v === undefined) {
        if (s.fallback) return s.fallback(b);
        throw missingConfiguration[s.name]();
      }
      return s.wrap ? { [s.wrap]: v } : { ...(v as Record<string, unknown>) };
    };
    if (s.del) {
      out[s.del] = async (input: Input, ctx: HandlerContext) => {
        await setConfig(ctx, await requireBucket(ctx.store, input.Bucket), s.name, undefined);
      };
    }
  }
  return out as H;
}

/** Analytics, metrics, inventory and intelligent-tiering configurations: up to 1,000 each, by Id. */
const BY_ID = [
  { name: 'analytics', member: 'AnalyticsConfiguration', op: 'BucketAnalyticsConfiguration', list: 'AnalyticsConfigurationList' },
  { name: 'metrics', member: 'MetricsConfiguration', op: 'BucketMetricsConfiguration', list: 'MetricsConfigurationList' },
  { name: 'inventory', member: 'InventoryConfiguration', op: 'BucketInventoryConfiguration', list: 'InventoryConfigurationList' },
  { name: 'intelligentTiering', member: 'IntelligentTieringConfiguration', op: 'BucketIntelligentTieringConfiguration', list: 'IntelligentTieringConfigurationList' },
];

function byIdHandlers(): H {
  const out: Record<string, unknown> = {};
  for (const s of BY_ID) {
    const all = (b: BucketRecord) => (b.config[s.name] ?? {}) as Record<string, unknown>;
    out[`Put${s.op}`] = async (input: Input & { Id: string }, ctx: HandlerContext) => {
      const b = await requireBucket(ctx.store, input.Bucket);
      const conf = input[s.member] as { Id?: string } | undefined;
      if (!conf || conf.Id !== input.Id) throw InvalidArgument('Configuration id does not match the id in the request', 'id', input.Id);
      const current = all(b);
      if (!(input.Id in current) && Object.keys(current).length >= 1000) throw new AwsError('TooManyConfigurations', 'You are attempting to create a new configuration but have already reached the 1,000-configuration limit.', 400);
      await setConfig(ctx, b, s.name, { ...current, [input.Id]: conf });
      return {};
    };
    out[`Get${s.op}`] = async (input: Input & { Id: string }, ctx: HandlerContext) => {
      const conf = all(await requireBucket(ctx.store, input.Bucket))[input.Id];
      if (conf === undefined) throw missingConfiguration[s.name]();
      return { [s.member]: conf };
    };
    out[`Delete${s.op}`] = async (input: Input & { Id: string }, ctx: HandlerContext) => {
      const b = await requireBucket(ctx.store, input.Bucket);
      const current = { ...all(b) };
      if (!(input.Id in current)) throw missingConfiguration[s.name]();
      delete current[input.Id];
      await setConfig(ctx, b, s.name, Object.keys(current).length ? current : undefined);
    };
    out[`List${s.op}s`] = async (input: Input & { ContinuationToken?: string }, ctx: HandlerContext) => {
      const ids = Object.keys(all(await requireBucket(ctx.store, input.Bucket))).sort();
      const start = input.ContinuationToken ? ids.findIndex((id) => id > Buffer.from(input.ContinuationToken!, 'base64url').toString()) : 0;
      const from = start === -1 ? ids.length : start;
      const page = ids.slice(from, from + 100);
      const truncated = from + 100 < ids.length;
      const confs = all(await requireBucket(ctx.store, input.Bucket));
      return {
        IsTruncated: truncated,
        ...(input.ContinuationToken ? { ContinuationToken: input.ContinuationToken } : {}),
        ...(truncated ? { NextContinuationToken: Buffer.from(page[page.length - 1]).toString('base64url') } : {}),
        ...(page.length ? { [s.list]: page.map((id) => confs[id]) } : {}),
      };
    };
  }
  return out as H;
}

export const bucketConfigHandlers: H = {
  PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus,
  PutPublicAccessBlock, GetPublicAccessBlock, DeletePublicAccessBlock,
  GetBucketAcl, PutBucketAcl, GetObjectAcl, PutObjectAcl,
  PutBucketOwnershipControls, GetBucketOwnershipControls, DeleteBucketOwnershipControls,
  ...storedHandlers(),
  ...byIdHandlers(),
};
