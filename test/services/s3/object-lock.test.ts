// S3 Object Lock and archive restores through @aws-sdk/client-s3: retention and legal holds only in
// a bucket made with Object Lock, a locked version refused deletion, GOVERNANCE bypassed on request,
// and RestoreObject for archived storage classes only.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, GetObjectLegalHoldCommand, GetObjectRetentionCommand, HeadObjectCommand,
  ListDirectoryBucketsCommand, PutObjectCommand, PutObjectLegalHoldCommand, PutObjectRetentionCommand, RestoreObjectCommand,
} from '@aws-sdk/client-s3';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const inADay = () => new Date(Date.now() + 86_400_000);

it('refuses retention and legal holds in a bucket made without Object Lock', async () => {
  const s3 = rg.server.s3();
  await s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
  await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'k', Body: 'x' }));
  await rejectsWith(s3.send(new PutObjectLegalHoldCommand({ Bucket: 'plain', Key: 'k', LegalHold: { Status: 'ON' } })), 'InvalidRequest', 400, 'Bucket is missing Object Lock Configuration');
  await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'l', Body: 'x', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: inADay() })), 'InvalidRequest', 400);
});

it('keeps a version under retention or legal hold from deletion, GOVERNANCE giving way to a bypass', async () => {
  const s3 = rg.server.s3();
  await s3.send(new CreateBucketCommand({ Bucket: 'vault', ObjectLockEnabledForBucket: true }));
  const gov = await s3.send(new PutObjectCommand({ Bucket: 'vault', Key: 'g', Body: 'x', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: inADay() }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'vault', Key: 'g' }));
  assert.equal(head.ObjectLockMode, 'GOVERNANCE');
  assert.equal((await s3.send(new GetObjectRetentionCommand({ Bucket: 'vault', Key: 'g' }))).Retention!.Mode, 'GOVERNANCE');
  await rejectsWith(s3.send(new DeleteObjectCommand({ Bucket: 'vault', Key: 'g', VersionId: gov.VersionId })), 'AccessDenied', 403, 'Access Denied because object protected by object lock.');
  await s3.send(new DeleteObjectCommand({ Bucket: 'vault', Key: 'g', VersionId: gov.VersionId, BypassGovernanceRetention: true }));
  await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'vault', Key: 'g', VersionId: gov.VersionId })), 'NoSuchVersion', 404);

  const held = await s3.send(new PutObjectCommand({ Bucket: 'vault', Key: 'h', Body: 'x' }));
  await s3.send(new PutObjectLegalHoldCommand({ Bucket: 'vault', Key: 'h', LegalHold: { Status: 'ON' } }));
  assert.equal((await s3.send(new GetObjectLegalHoldCommand({ Bucket: 'vault', Key: 'h' }))).LegalHold!.Status, 'ON');
  await rejectsWith(s3.send(new DeleteObjectCommand({ Bucket: 'vault', Key: 'h', VersionId: held.VersionId, BypassGovernanceRetention: true })), 'AccessDenied', 403);
  // Without a version id a delete only adds a marker, which a lock does not prevent.
  assert.equal((await s3.send(new DeleteObjectCommand({ Bucket: 'vault', Key: 'h' }))).DeleteMarker, true);

  const comp = await s3.send(new PutObjectCommand({ Bucket: 'vault', Key: 'c', Body: 'x', ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: inADay() }));
  await rejectsWith(s3.send(new DeleteObjectCommand({ Bucket: 'vault', Key: 'c', VersionId: comp.VersionId, BypassGovernanceRetention: true })), 'AccessDenied', 403);
  await rejectsWith(s3.send(new PutObjectRetentionCommand({ Bucket: 'vault', Key: 'c', Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 3_600_000) }, BypassGovernanceRetention: true })), 'AccessDenied', 403);
});

it('restores an archived object before it can be read, and refuses a restore of a STANDARD one', async () => {
  const s3 = rg.server.s3();
  await s3.send(new CreateBucketCommand({ Bucket: 'archive' }));
  await s3.send(new PutObjectCommand({ Bucket: 'archive', Key: 'cold', Body: 'frozen', StorageClass: 'GLACIER' }));
  await s3.send(new PutObjectCommand({ Bucket: 'archive', Key: 'warm', Body: 'x' }));
  await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'archive', Key: 'cold' })), 'InvalidObjectState', 403);
  await rejectsWith(s3.send(new RestoreObjectCommand({ Bucket: 'archive', Key: 'warm', RestoreRequest: { Days: 1 } })), 'InvalidObjectState', 403);
  const restored = await s3.send(new RestoreObjectCommand({ Bucket: 'archive', Key: 'cold', RestoreRequest: { Days: 2 } }));
  assert.equal(restored.$metadata.httpStatusCode, 202);
  assert.match((await s3.send(new HeadObjectCommand({ Bucket: 'archive', Key: 'cold' }))).Restore!, /ongoing-request="false", expiry-date=/);
  assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: 'archive', Key: 'cold' }))).Body!.transformToString(), 'frozen');
});

it('lists no directory buckets: rolegate serves general purpose buckets', async () => {
  assert.deepEqual((await rg.server.s3().send(new ListDirectoryBucketsCommand({}))).Buckets, []);
});
