// S3 operations whose request body is required, sent without one through @aws-sdk/client-s3: each
// answers MissingRequestBodyError (400, "Request Body is empty"), as S3 does, and changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBucketCommand, GetBucketEncryptionCommand, GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand,
  GetObjectTaggingCommand, GetPublicAccessBlockCommand, PutBucketCorsCommand, PutBucketEncryptionCommand, PutBucketPolicyCommand,
  PutBucketTaggingCommand, PutBucketVersioningCommand, PutObjectCommand, PutObjectTaggingCommand, PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();

describe('a required request body sent empty', () => {
  it('answers MissingRequestBodyError for each bucket configuration and object tagging, and stores nothing', async () => {
    const s3 = rg.server.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'empty-bodies' }));
    await s3.send(new PutObjectCommand({ Bucket: 'empty-bodies', Key: 'k', Body: 'x' }));
    const bucket = { Bucket: 'empty-bodies' };
    const sends = [
      () => s3.send(new PutBucketPolicyCommand({ ...bucket } as never)),
      () => s3.send(new PutBucketPolicyCommand({ ...bucket, Policy: '' })),
      () => s3.send(new PutBucketTaggingCommand({ ...bucket } as never)),
      () => s3.send(new PutBucketVersioningCommand({ ...bucket } as never)),
      () => s3.send(new PutBucketEncryptionCommand({ ...bucket } as never)),
      () => s3.send(new PutBucketCorsCommand({ ...bucket } as never)),
      () => s3.send(new PutPublicAccessBlockCommand({ ...bucket } as never)),
      () => s3.send(new PutObjectTaggingCommand({ ...bucket, Key: 'k' } as never)),
    ];
    for (const send of sends) await rejectsWith(send(), 'MissingRequestBodyError', 400, 'Request Body is empty');
    // Nothing changed: the defaults of a new bucket, no policy, no tags.
    await rejectsWith(s3.send(new GetBucketPolicyCommand(bucket)), 'NoSuchBucketPolicy', 404);
    await rejectsWith(s3.send(new GetBucketTaggingCommand(bucket)), 'NoSuchTagSet', 404);
    assert.equal((await s3.send(new GetBucketVersioningCommand(bucket))).Status, undefined);
    const sse = await s3.send(new GetBucketEncryptionCommand(bucket));
    assert.equal(sse.ServerSideEncryptionConfiguration!.Rules![0].ApplyServerSideEncryptionByDefault!.SSEAlgorithm, 'AES256');
    const pab = await s3.send(new GetPublicAccessBlockCommand(bucket));
    assert.equal(pab.PublicAccessBlockConfiguration!.BlockPublicPolicy, true);
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ ...bucket, Key: 'k' }))).TagSet, []);
  });

  it('still answers NoSuchBucket first for a bucket that is not there', async () => {
    await rejectsWith(rg.server.s3().send(new PutBucketTaggingCommand({ Bucket: 'not-a-bucket-here' } as never)), 'NoSuchBucket', 404);
  });
});
