// S3 Object Lock on object versions (retention and legal hold, only in a bucket created with
// Object Lock), the protection it gives a version against deletion, and RestoreObject for the
// archive storage classes. https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
import type { Operations } from '../../generated/s3/operations.js';
import type { HandlerContext, ServiceHandlers } from '../types.js';
import type { BucketRecord, ObjectVersionRecord } from '../../store/types.js';
import { AwsError } from '../../protocol/errors.js';
import { httpStatus } from '../../shared/http-status.js';
import { requireBucket } from './common.js';
import { readableVersion } from './versions.js';
import { InvalidArgument, InvalidRequest, MalformedXML } from './errors.js';

type H = ServiceHandlers<Operations>;

export const LOCK_MODE = 'x-amz-object-lock-mode';
export const LOCK_UNTIL = 'x-amz-object-lock-retain-until-date';
export const LEGAL_HOLD = 'x-amz-object-lock-legal-hold';
const RESTORE = 'x-amz-restore';

const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE']);

function requireLock(bucket: BucketRecord): void {
  if (!bucket.config.objectLock) throw InvalidRequest('Bucket is missing Object Lock Configuration');
}

/** The Object Lock headers a write asks for, checked: a mode needs a date in the future, and the bucket must have Object Lock. */
export function lockHeaders(bucket: BucketRecord, input: { ObjectLockMode?: string; ObjectLockRetainUntilDate?: Date; ObjectLockLegalHoldStatus?: string }, now: Date): Record<string, string> {
  const out: Record<string, string> = {};
  if (input.ObjectLockMode === undefined && input.ObjectLockRetainUntilDate === undefined && input.ObjectLockLegalHoldStatus === undefined) {
    const rule = (bucket.config.objectLock as { Rule?: { DefaultRetention?: { Mode?: string; Days?: number; Years?: number } } } | undefined)?.Rule?.DefaultRetention;
    if (rule?.Mode) {
      const days = (rule.Days ?? 0) + (rule.Years ?? 0) * 365;
      out[LOCK_MODE] = rule.Mode;
      out[LOCK_UNTIL] = new Date(now.getTime() + days * 86_400_000).toISOString();
    }
    return out;
  }
  requireLock(bucket);
  if ((input.ObjectLockMode === undefined) !== (input.ObjectLockRetainUntilDate === undefined)) {
    throw InvalidArgument('x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied', 'x-amz-object-lock-retain-until-date', '');
  }
  if (input.ObjectLockMode !== undefined) {
    if (input.ObjectLockMode !== 'GOVERNANCE' && input.ObjectLockMode !== 'COMPLIANCE') throw InvalidArgument('Unknown wormMode directive.', 'x-amz-object-lock-mode', input.ObjectLockMode);
    if (input.ObjectLockRetainUntilDate!.getTime() <= now.getTime()) throw InvalidArgument('The retain until date must be in the future!', 'x-amz-object-lock-retain-until-date', input.ObjectLockRetainUntilDate!.toISOString());
    out[LOCK_MODE] = input.ObjectLockMode;
    out[LOCK_UNTIL] = input.ObjectLockRetainUntilDate!.toISOString();
  }
  if (input.ObjectLockLegalHoldStatus !== undefined) {
    if (input.ObjectLockLegalHoldStatus !== 'ON' && input.ObjectLockLegalHoldStatus !== 'OFF') throw InvalidArgument('Legal Hold must be either of \'ON\' or \'OFF\'', 'x-amz-object-lock-legal-hold', input.ObjectLockLegalHoldStatus);
    out[LEGAL_HOLD] = input.ObjectLockLegalHoldStatus;
  }
  return out;
}

/** What a read answers of a version's lock. */
export function lockFields(v: ObjectVersionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (v.headers[LOCK_MODE]) {
    out.ObjectLockMode = v.headers[LOCK_MODE];
    out.ObjectLockRetainUntilDate = new Date(v.headers[LOCK_UNTIL]);
  }
  if (v.headers[LEGAL_HOLD]) out.ObjectLockLegalHoldStatus = v.headers[LEGAL_HOLD];
  if (v.headers[RESTORE]) out.Restore = v.headers[RESTORE];
  return out;
}

/**
 * A locked version cannot be deleted or overwritten in place: a legal hold, COMPLIANCE retention,
 * or GOVERNANCE retention unless the caller bypasses it (s3:BypassGovernanceRetention, authorized
 * by the map when the request asks).
 */
export function checkDeletable(v: ObjectVersionRecord, now: Date, bypassGovernance: boolean): void {
  const denied = () => new AwsError('AccessDenied', 'Access Denied because object protected by object lock.', 403);
  if (v.headers[LEGAL_HOLD] === 'ON') throw denied();
  const until = v.headers[LOCK_UNTIL];
  if (until && new Date(until).getTime() > now.getTime()) {
    if (v.headers[LOCK_MODE] === 'COMPLIANCE' || !bypassGovernance) throw denied();
  }
}

async function lockedVersion(ctx: HandlerContext, input: { Bucket: string; Key: string; VersionId?: string }) {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  requireLock(bucket);
  const v = await readableVersion(ctx.store, bucket, input.Key, input.VersionId, 'GET');
  return { bucket, v };
}

const PutObjectRetention: H['PutObjectRetention'] = async (input, ctx) => {
  const { v } = await lockedVersion(ctx, input);
  const r = input.Retention;
  if (!r) throw MalformedXML();
  const headers = { ...v.headers };
  const current = v.headers[LOCK_UNTIL] ? new Date(v.headers[LOCK_UNTIL]).getTime() : 0;
  const active = current > ctx.now.getTime();
  // A retention may be extended; shortening or removing it needs GOVERNANCE with a bypass, never COMPLIANCE.
  const shortens = active && (r.RetainUntilDate === undefined || r.RetainUntilDate.getTime() < current || r.Mode !== v.headers[LOCK_MODE]);
  if (shortens && (v.headers[LOCK_MODE] === 'COMPLIANCE' || !input.BypassGovernanceRetention)) {
    throw new AwsError('AccessDenied', 'Access Denied because object protected by object lock.', 403);
  }
  if (r.Mode === undefined && r.RetainUntilDate === undefined) {
    delete headers[LOCK_MODE];
    delete headers[LOCK_UNTIL];
  } else {
    if (r.Mode !== 'GOVERNANCE' && r.Mode !== 'COMPLIANCE') throw MalformedXML();
    if (!r.RetainUntilDate || r.RetainUntilDate.getTime() <= ctx.now.getTime()) throw InvalidArgument('The retain until date must be in the future!', 'RetainUntilDate', r.RetainUntilDate?.toISOString());
    headers[LOCK_MODE] = r.Mode;
    headers[LOCK_UNTIL] = r.RetainUntilDate.toISOString();
  }
  await ctx.store.objects.update({ ...v, headers });
  return {};
};

const GetObjectRetention: H['GetObjectRetention'] = async (input, ctx) => {
  const { v } = await lockedVersion(ctx, input);
  if (!v.headers[LOCK_MODE]) throw new AwsError('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', 404);
  return { Retention: { Mode: v.headers[LOCK_MODE] as 'GOVERNANCE', RetainUntilDate: new Date(v.headers[LOCK_UNTIL]) } };
};

const PutObjectLegalHold: H['PutObjectLegalHold'] = async (input, ctx) => {
  const { v } = await lockedVersion(ctx, input);
  const status = input.LegalHold?.Status;
  if (status !== 'ON' && status !== 'OFF') throw MalformedXML();
  await ctx.store.objects.update({ ...v, headers: { ...v.headers, [LEGAL_HOLD]: status } });
  return {};
};

const GetObjectLegalHold: H['GetObjectLegalHold'] = async (input, ctx) => {
  const { v } = await lockedVersion(ctx, input);
  if (!v.headers[LEGAL_HOLD]) throw new AwsError('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', 404);
  return { LegalHold: { Status: v.headers[LEGAL_HOLD] as 'ON' } };
};

/** Reading an archived version needs a restored copy first (InvalidObjectState otherwise). */
export function checkReadable(v: ObjectVersionRecord, now: Date): void {
  if (!ARCHIVED.has(v.storageClass)) return;
  const restore = v.headers[RESTORE];
  const expiry = restore && /expiry-date="([^"]+)"/.exec(restore)?.[1];
  if (!expiry || new Date(expiry).getTime() <= now.getTime()) {
    throw new AwsError('InvalidObjectState', 'The operation is not valid for the object\'s storage class', 403, 'Sender', { StorageClass: v.storageClass });
  }
}

/**
 * RestoreObject: a temporary copy of an archived version for `Days` days. rolegate has no tiers to
 * wait for, so the copy is ready at once (202 the first time, 200 when one is already there).
 */
const RestoreObject: H['RestoreObject'] = async (input, ctx) => {
  const bucket = await requireBucket(ctx.store, input.Bucket);
  const v = await readableVersion(ctx.store, bucket, input.Key, input.VersionId, 'POST');
  if (!ARCHIVED.has(v.storageClass)) {
    throw new AwsError('InvalidObjectState', 'Restore is not allowed for the object\'s current storage class', 403, 'Sender', { StorageClass: v.storageClass });
  }
  const days = input.RestoreRequest?.Days;
  if (days === undefined || !Number.isInteger(days) || days < 1) throw MalformedXML();
  const already = v.headers[RESTORE] !== undefined;
  const expiry = new Date(Math.ceil((ctx.now.getTime() + days * 86_400_000) / 86_400_000) * 86_400_000);
  await ctx.store.objects.update({ ...v, headers: { ...v.headers, [RESTORE]: `ongoing-request="false", expiry-date="${expiry.toUTCString()}"` } });
  const out: Record<string, unknown> = {};
  if (!already) (out as { [httpStatus]?: number })[httpStatus] = 202;
  return out;
};

export const objectLockHandlers: H = { PutObjectRetention, GetObjectRetention, PutObjectLegalHold, GetObjectLegalHold, RestoreObject };
