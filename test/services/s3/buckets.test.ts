// S3 buckets through @aws-sdk/client-s3: create (names, LocationConstraint, the shared namespace),
// head, delete (BucketNotEmpty), list with prefix and continuation, location, versioning, tagging,
// and the defaults of a new bucket (ACLs disabled, Block Public Access on, SSE-S3).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteBucketTaggingCommand, GetBucketAclCommand, GetBucketEncryptionCommand,
  GetBucketLocationCommand, GetBucketOwnershipControlsCommand, GetBucketTaggingCommand, GetBucketVersioningCommand,
  DeleteObjectCommand, GetPublicAccessBlockCommand, HeadBucketCommand, ListBucketsCommand, PutBucketAclCommand, PutBucketTaggingCommand,
  PutBucketVersioningCommand, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate({ env: { ROLEGATE_ACCOUNTS: '444455556666' } });

describe('CreateBucket', () => {
  it('creates a bucket that HeadBucket, ListBuckets and GetBucketLocation then show', async () => {
    const s3 = rg.server.s3();
    const out = await s3.send(new CreateBucketCommand({ Bucket: 'reports-2026' }));
    assert.equal(out.Location, '/reports-2026');
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'reports-2026' }));
    assert.equal(head.BucketRegion, 'us-east-1');
    const list = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(list.Buckets!.map((b) => b.Name), ['reports-2026']);
    assert.match(list.Owner!.ID!, /^[0-9a-f]{64}$/);
    const loc = await s3.send(new GetBucketLocationCommand({ Bucket: 'reports-2026' }));
    assert.equal(loc.LocationConstraint, undefined);
  });

  it('refuses names outside the bucket naming rules with InvalidBucketName (400)', async () => {
    const s3 = rg.server.s3();
    for (const name of ['ab', 'Upper-case', 'double..dot', '192.168.5.4', 'xn--punycode', 'ends-with-', 'a'.repeat(64), 'name-s3alias']) {
      await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: name })), 'InvalidBucketName', 400, 'The specified bucket is not valid.');
    }
  });

  it('answers BucketAlreadyExists (409) to another account, and 200 to the owner again in us-east-1', async () => {
    const s3 = rg.server.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'shared-name' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'shared-name' }));
    // A bucket name is taken for every account.
    const other = otherAccountS3();
    await rejectsWith(other.send(new CreateBucketCommand({ Bucket: 'shared-name' })), 'BucketAlreadyExists', 409);
  });

  it('checks LocationConstraint against the Region the request is signed for', async () => {
    const west = new S3Client({ endpoint: rg.server.endpoint, region: 'eu-west-1', credentials: rg.server.credentials, forcePathStyle: true, maxAttempts: 1 });
    await west.send(new CreateBucketCommand({ Bucket: 'in-ireland', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const loc = await west.send(new GetBucketLocationCommand({ Bucket: 'in-ireland' }));
    assert.equal(loc.LocationConstraint, 'eu-west-1');
    await rejectsWith(west.send(new CreateBucketCommand({ Bucket: 'elsewhere', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } })), 'IllegalLocationConstraintException', 400,
      'The us-west-2 location constraint is incompatible for the region specific endpoint this request was sent to.');
    await rejectsWith(rg.server.s3().send(new CreateBucketCommand({ Bucket: 'east', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never } })), 'InvalidLocationConstraint', 400);
    await rejectsWith(west.send(new CreateBucketCommand({ Bucket: 'in-ireland' })), 'BucketAlreadyOwnedByYou', 409);
  });

  it('gives a new bucket ACLs disabled, Block Public Access on and SSE-S3 default encryption', async () => {
    const s3 = rg.server.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'defaults' }));
    const own = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'defaults' }));
    assert.equal(own.OwnershipControls!.Rules![0].ObjectOwnership, 'BucketOwnerEnforced');
    const pab = await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'defaults' }));
    assert.deepEqual(pab.PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'defaults' }));
    assert.equal(enc.ServerSideEncryptionConfiguration!.Rules![0].ApplyServerSideEncryptionByDefault!.SSEAlgorithm, 'AES256');
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: 'defaults' }));
    assert.equal(acl.Grants!.length, 1);
    assert.equal(acl.Grants![0].Permission, 'FULL_CONTROL');
    await rejectsWith(s3.send(new PutBucketAclCommand({ Bucket: 'defaults', ACL: 'public-read' })), 'AccessControlListNotSupported', 400);
    await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: 'public-acl', ACL: 'public-read' })), 'InvalidBucketAclWithObjectOwnership', 400);
  });
});

/** The second account's root, whose keys the server printed once at start-up. */
function otherAccountS3(): S3Client {
  const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(rg.server.printed)!;
  return rg.server.s3({ accessKeyId: m[1], secretAccessKey: m[2] });
}

describe('DeleteBucket and HeadBucket', () => {
  it('refuses to delete a bucket that holds objects with BucketNotEmpty (409), then deletes it once empty', async () => {
    const s3 = rg.server.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'full' }));
    await s3.send(new PutObjectCommand({ Bucket: 'full', Key: 'a.txt', Body: 'x' }));
    await rejectsWith(s3.send(new DeleteBucketCommand({ Bucket: 'full' })), 'BucketNotEmpty', 409);
    await s3.send(new DeleteObjectCommand({ Bucket: 'full', Key: 'a.txt' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'full' }));
    await rejectsWith(s3.send(new HeadBucketCommand({ Bucket: 'full' })), 'NotFound', 404);
    await rejectsWith(s3.send(new DeleteBucketCommand({ Bucket: 'full' })), 'NoSuchBucket', 404, 'The specified bucket does not exist');
  });
});

describe('ListBuckets', () => {
  it('pages with MaxBuckets and ContinuationToken, filtered by Prefix', async () => {
    const s3 = rg.server.s3();
    for (const n of ['logs-a', 'logs-b', 'logs-c', 'data-a']) await s3.send(new CreateBucketCommand({ Bucket: n }));
    const first = await s3.send(new ListBucketsCommand({ MaxBuckets: 2, Prefix: 'logs-' }));
    assert.deepEqual(first.Buckets!.map((b) => b.Name), ['logs-a', 'logs-b']);
    assert.ok(first.ContinuationToken);
    assert.equal(first.Prefix, 'logs-');
    const second = await s3.send(new ListBucketsCommand({ MaxBuckets: 2, Prefix: 'logs-', ContinuationToken: first.ContinuationToken }));
    assert.deepEqual(second.Buckets!.map((b) => b.Name), ['logs-c']);
    assert.equal(second.ContinuationToken, undefined);
    await rejectsWith(s3.send(new ListBucketsCommand({ MaxBuckets: 0 })), 'InvalidArgument', 400);
  });
});

describe('bucket versioning and tagging', () => {
  it('reports no versioning status until configured, then Enabled and Suspended', async () => {
    const s3 = rg.server.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'versioned' }));
    const none = await s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned' }));
    assert.equal(none.Status, undefined);
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned' }))).Status, 'Enabled');
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Suspended' } }));
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned' }))).Status, 'Suspended');
  });

  it('stores a tag set, answers NoSuchTagSet (404) once deleted, and refuses duplicate keys with InvalidTag', async () => {
    const s3 = rg.server.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'tagged' }));
    await rejectsWith(s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged' })), 'NoSuchTagSet', 404);
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'tagged', Tagging: { TagSet: [{ Key: 'team', Value: 'growth' }, { Key: 'env', Value: 'test' }] } }));
    const tags = await s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged' }));
    assert.deepEqual(tags.TagSet, [{ Key: 'team', Value: 'growth' }, { Key: 'env', Value: 'test' }]);
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'tagged' }));
    await rejectsWith(s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged' })), 'NoSuchTagSet', 404);
    await rejectsWith(s3.send(new PutBucketTaggingCommand({ Bucket: 'tagged', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })), 'InvalidTag', 400);
  });
});
