// Every S3 call decided by the policy engine, through @aws-sdk/client-s3: identity policies, bucket
// policies (same account and cross-account), explicit denies in either, anonymous callers with and
// without a public policy, Block Public Access, and the Pinpoint export role's s3:prefix/s3:delimiter
// policy from the seeds.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBucketCommand, DeleteBucketPolicyCommand, DeleteObjectsCommand, DeletePublicAccessBlockCommand, GetBucketPolicyCommand, GetBucketPolicyStatusCommand,
  GetObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { startRolegate, TEST_ACCOUNT, type Credentials, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const OTHER = '444455556666';
let server: Rolegate;
let root: S3Client;
let otherRoot: Credentials;

before(async () => {
  server = await startRolegate({ env: { ROLEGATE_ACCOUNTS: OTHER } });
  const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(server.printed)!;
  otherRoot = { accessKeyId: m[1], secretAccessKey: m[2] };
});
after(() => server.stop());
beforeEach(async () => {
  await server.reset();
  root = server.s3();
  await root.send(new CreateBucketCommand({ Bucket: 'data' }));
  await root.send(new PutObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv', Body: 'a,b' }));
  await root.send(new PutObjectCommand({ Bucket: 'data', Key: 'private/secret.txt', Body: 'no' }));
});

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

async function user(name: string, policy?: string, account: Credentials = server.credentials): Promise<{ s3: S3Client; arn: string; credentials: Credentials }> {
  const iam = server.iam(account);
  const created = await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  const credentials = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  return { s3: server.s3(credentials), arn: created.User!.Arn!, credentials };
}

function anonymous(): S3Client {
  return new S3Client({
    endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: '', secretAccessKey: '' }, signer: { sign: async (r) => r },
  });
}

describe('S3 authorization in one account', () => {
  it('allows what an identity policy allows and refuses the rest with S3\'s AccessDenied (403)', async () => {
    const reader = await user('reader', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/Exports/*' }));
    assert.equal(await (await reader.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' }))).Body!.transformToString(), 'a,b');
    await rejectsWith(reader.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'private/secret.txt' })), 'AccessDenied', 403,
      `User: ${reader.arn} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::data/private/secret.txt" because no identity-based policy allows the s3:GetObject action`);
    await rejectsWith(reader.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'Exports/x', Body: 'x' })), 'AccessDenied', 403);
  });

  it('allows a user whom only the bucket policy names, and an explicit deny in the bucket policy binds even the root', async () => {
    const named = await user('named');
    await root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: doc(
      { Effect: 'Allow', Principal: { AWS: named.arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' },
      { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/private/*' },
    ) }));
    assert.equal(await (await named.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' }))).Body!.transformToString(), 'a,b');
    await rejectsWith(named.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'private/secret.txt' })), 'AccessDenied', 403, /explicit deny in a resource-based policy/);
    await rejectsWith(root.send(new GetObjectCommand({ Bucket: 'data', Key: 'private/secret.txt' })), 'AccessDenied', 403);
    assert.ok(await root.send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' })));
  });

  it("a bucket policy that denies everyone binds the root too, except for the policy itself: the owner's root reads, replaces and deletes it", async () => {
    const admin = await user('admin', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    await root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] }) }));
    await rejectsWith(root.send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' })), 'AccessDenied', 403);
    await rejectsWith(admin.s3.send(new DeleteBucketPolicyCommand({ Bucket: 'data' })), 'AccessDenied', 403, /explicit deny in a resource-based policy/);
    assert.match((await root.send(new GetBucketPolicyCommand({ Bucket: 'data' }))).Policy!, /"Deny"/);
    await root.send(new DeleteBucketPolicyCommand({ Bucket: 'data' }));
    assert.ok(await root.send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' })));
  });

  it('records an S3 denial in the decision log with the bucket-policy statement that decided it', async () => {
    const named = await user('logged');
    await root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: doc({ Sid: 'NoPrivate', Effect: 'Deny', Principal: { AWS: named.arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/private/*' }) }));
    const err = await rejectsWith(named.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'private/secret.txt' })), 'AccessDenied', 403);
    const basic = 'Basic ' + Buffer.from(`${server.credentials.accessKeyId}:${server.credentials.secretAccessKey}`).toString('base64');
    const r = await fetch(`${server.endpoint}/_rolegate/decisions?requestId=${err.$metadata!.requestId}`, { headers: { authorization: basic } });
    const [d] = (await r.json()).decisions as { action: string; resource: string; result: string; message: string; decidedBy: { policy: string; sid?: string; effect: string }[] }[];
    assert.equal(d.action, 's3:GetObject');
    assert.equal(d.resource, 'arn:aws:s3:::data/private/secret.txt');
    assert.equal(d.result, 'ExplicitlyDenied');
    assert.equal(d.message, err.message);
    assert.deepEqual(d.decidedBy.map((s) => [s.policy, s.sid, s.effect]), [['bucket-policy:data', 'NoPrivate', 'Deny']]);
  });

  it('refuses what an identity policy denies, whatever the bucket policy allows', async () => {
    const denied = await user('denied', doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' }));
    await root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: doc({ Effect: 'Allow', Principal: { AWS: denied.arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }) }));
    await rejectsWith(denied.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' })), 'AccessDenied', 403, /explicit deny in an identity-based policy/);
  });

  it('decides each key of DeleteObjects on its own and reports refusals per key', async () => {
    const cleaner = await user('cleaner', doc({ Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::data/Exports/*' }));
    const out = await cleaner.s3.send(new DeleteObjectsCommand({ Bucket: 'data', Delete: { Objects: [{ Key: 'Exports/part-1.csv' }, { Key: 'private/secret.txt' }] } }));
    assert.deepEqual(out.Deleted!.map((d) => d.Key), ['Exports/part-1.csv']);
    assert.deepEqual(out.Errors!.map((e) => [e.Key, e.Code]), [['private/secret.txt', 'AccessDenied']]);
    assert.ok(await root.send(new GetObjectCommand({ Bucket: 'data', Key: 'private/secret.txt' })));
  });

  it('refuses a malformed bucket policy with MalformedPolicy (400)', async () => {
    await rejectsWith(root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: '{not json' })), 'MalformedPolicy', 400);
    await rejectsWith(root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other-bucket/*' }) })), 'MalformedPolicy', 400, 'Policy has invalid resource');
    await rejectsWith(root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: doc({ Effect: 'Allow', Principal: '*', Action: 'iam:GetUser', Resource: 'arn:aws:s3:::data/*' }) })), 'MalformedPolicy', 400, 'Policy has invalid action');
    await rejectsWith(root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }) })), 'MalformedPolicy', 400);
    await rejectsWith(root.send(new GetBucketPolicyCommand({ Bucket: 'data' })), 'NoSuchBucketPolicy', 404);
  });
});

describe('S3 authorization across accounts', () => {
  it('refuses another account without a bucket policy, and allows it once the policy names the account', async () => {
    const other = server.s3(otherRoot);
    await rejectsWith(other.send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' })), 'AccessDenied', 403, 'Access Denied');
    await root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/Exports/*' }) }));
    assert.equal(await (await other.send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' }))).Body!.transformToString(), 'a,b');
    // A user of the other account needs its own account's allow as well.
    const bare = await user('visitor', undefined, otherRoot);
    await rejectsWith(bare.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' })), 'AccessDenied', 403);
    const allowed = await user('visitor2', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), otherRoot);
    assert.ok(await allowed.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' })));
  });
});

describe('anonymous requests and Block Public Access', () => {
  it('refuses an unsigned request unless a public bucket policy allows it, which Block Public Access first refuses to save', async () => {
    await rejectsWith(anonymous().send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' })), 'AccessDenied', 403, 'Access Denied');
    const publicRead = doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/Exports/*' });
    await rejectsWith(root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: publicRead })), 'AccessDenied', 403, /BlockPublicPolicy/);
    await root.send(new DeletePublicAccessBlockCommand({ Bucket: 'data' }));
    await root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: publicRead }));
    assert.equal((await root.send(new GetBucketPolicyStatusCommand({ Bucket: 'data' }))).PolicyStatus!.IsPublic, true);
    assert.equal(await (await anonymous().send(new GetObjectCommand({ Bucket: 'data', Key: 'Exports/part-1.csv' }))).Body!.transformToString(), 'a,b');
    await rejectsWith(anonymous().send(new GetObjectCommand({ Bucket: 'data', Key: 'private/secret.txt' })), 'AccessDenied', 403);
  });
});

describe('the Pinpoint export role (seeds: IAM role for exporting endpoints or segments)', () => {
  it('lists and writes under Exports/ only, as its s3:prefix and s3:delimiter conditions say', async () => {
    const iam = server.iam();
    await iam.send(new CreateRoleCommand({ RoleName: 'PinpointExport', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'PinpointExport', PolicyName: 'export', PolicyDocument: doc(
      { Sid: 'AllowUserToSeeBucketListInTheConsole', Action: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'], Effect: 'Allow', Resource: ['arn:aws:s3:::*'] },
      { Sid: 'AllowRootAndHomeListingOfBucket', Action: ['s3:ListBucket'], Effect: 'Allow', Resource: ['arn:aws:s3:::data'], Condition: { StringEquals: { 's3:delimiter': ['/'], 's3:prefix': ['', 'Exports/'] } } },
      { Sid: 'AllowListingOfUserFolder', Action: ['s3:ListBucket'], Effect: 'Allow', Resource: ['arn:aws:s3:::data'], Condition: { StringLike: { 's3:prefix': ['Exports/*'] } } },
      { Sid: 'AllowAllS3ActionsInUserFolder', Action: ['s3:*'], Effect: 'Allow', Resource: ['arn:aws:s3:::data/Exports/*'] },
    ) }));
    // Pinpoint assumes it as its service; here an operator of the account does, as the seed's test step would.
    const operator = await user('operator', doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }));
    const { Credentials: c } = await server.sts(operator.credentials).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/PinpointExport`, RoleSessionName: 'export' }));
    const role = server.s3({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
    const home = await role.send(new ListObjectsV2Command({ Bucket: 'data', Prefix: 'Exports/', Delimiter: '/' }));
    assert.deepEqual(home.Contents!.map((o) => o.Key), ['Exports/part-1.csv']);
    assert.ok(await role.send(new ListObjectsV2Command({ Bucket: 'data', Prefix: 'Exports/2026/' })));
    await role.send(new PutObjectCommand({ Bucket: 'data', Key: 'Exports/segment-1.csv', Body: 'Id\n1' }));
    await rejectsWith(role.send(new ListObjectsV2Command({ Bucket: 'data', Prefix: 'private/' })), 'AccessDenied', 403, /s3:ListBucket/);
    await rejectsWith(role.send(new ListObjectsV2Command({ Bucket: 'data', Prefix: 'Export' })), 'AccessDenied', 403);
    await rejectsWith(role.send(new PutObjectCommand({ Bucket: 'data', Key: 'private/x.csv', Body: 'x' })), 'AccessDenied', 403);
  });
});
