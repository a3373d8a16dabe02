// GetFederationToken through @aws-sdk/client-sts against a started rolegate: a federated user of an
// IAM user may do what both the user's policies and the session policy allow, is named by its
// federated-user ARN, and may call neither IAM nor STS (but GetCallerIdentity), as AWS documents.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, DeleteAccessKeyCommand, DeleteUserCommand, DeleteUserPolicyCommand, ListUsersCommand,
  PutRolePolicyCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { CreateBucketCommand, ListBucketsCommand, ListObjectsV2Command, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { useRolegate, type Credentials } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const ACCOUNT = '111122223333';
const doc = (statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const creds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!,
});

/** A proxy user allowed to federate and to use S3 and IAM reads. */
async function proxyUser(name = 'proxy', statements: object[] = [{ Effect: 'Allow', Action: ['sts:GetFederationToken', 's3:*', 'iam:ListUsers', 'sts:AssumeRole'], Resource: '*' }]): Promise<Credentials> {
  await rg.iam.send(new CreateUserCommand({ UserName: name }));
  await rg.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc(statements) }));
  const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

const listOnly = doc([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }]);

describe('GetFederationToken', () => {
  test('answers the federated user and its credentials; GetCallerIdentity names the federated-user ARN', async () => {
    const keys = await proxyUser();
    const before = Date.now();
    const r = await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'bob', Policy: listOnly, DurationSeconds: 1800 }));
    assert.deepEqual(r.FederatedUser, { FederatedUserId: `${ACCOUNT}:bob`, Arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob` });
    assert.match(r.Credentials!.AccessKeyId!, /^ASIA/);
    const ttl = r.Credentials!.Expiration!.getTime() - before;
    assert.ok(ttl > 1790_000 && ttl <= 1801_000, `expires in ${ttl} ms`);
    assert.equal(typeof r.PackedPolicySize, 'number');
    const me = await rg.server.sts(creds(r.Credentials!)).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:sts::${ACCOUNT}:federated-user/bob`);
    assert.equal(me.UserId, `${ACCOUNT}:bob`);
    assert.equal(me.Account, ACCOUNT);
  });

  test('the federated user may do what both the user and the session policy allow, and nothing the user alone allows', async () => {
    const keys = await proxyUser();
    const r = await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'carol', Policy: listOnly }));
    const s3 = rg.server.s3(creds(r.Credentials!));
    await s3.send(new ListBucketsCommand({}));
    await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: 'carols-bucket' })), 'AccessDenied', 403);
    // The user itself may create it: the session policy is what refused.
    await rg.server.s3(keys).send(new CreateBucketCommand({ Bucket: 'carols-bucket' }));
  });

  test('without a session policy the federated user may do nothing', async () => {
    const keys = await proxyUser();
    const r = await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'dave' }));
    await rejectsWith(rg.server.s3(creds(r.Credentials!)).send(new ListBucketsCommand({})), 'AccessDenied', 403,
      `User: arn:aws:sts::${ACCOUNT}:federated-user/dave is not authorized to perform: s3:ListAllMyBuckets on resource: "*" because no session policy allows the s3:ListAllMyBuckets action`);
  });

  test('a bucket policy that names the federated user grants it access even without a session policy', async () => {
    const keys = await proxyUser();
    await rg.server.s3().send(new CreateBucketCommand({ Bucket: 'shared' }));
    await rg.server.s3().send(new PutBucketPolicyCommand({ Bucket: 'shared', Policy: doc([{
      Effect: 'Allow', Principal: { AWS: `arn:aws:sts::${ACCOUNT}:federated-user/ivan` }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::shared',
    }]) }));
    const ivan = creds((await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'ivan' }))).Credentials!);
    await rg.server.s3(ivan).send(new ListObjectsV2Command({ Bucket: 'shared' }));
    const other = creds((await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'judy' }))).Credentials!);
    await rejectsWith(rg.server.s3(other).send(new ListObjectsV2Command({ Bucket: 'shared' })), 'AccessDenied', 403);
  });

  test('a session policy cannot grant what the user is not allowed', async () => {
    const keys = await proxyUser('narrow', [{ Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' }]);
    const r = await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'erin', Policy: listOnly }));
    await rejectsWith(rg.server.s3(creds(r.Credentials!)).send(new ListBucketsCommand({})), 'AccessDenied', 403);
  });

  test("the policies see the federated user's aws:PrincipalType, aws:userid and aws:PrincipalArn, and its session tags", async () => {
    const keys = await proxyUser();
    const policy = doc([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*', Condition: { StringEquals: {
      'aws:PrincipalType': 'FederatedUser', 'aws:userid': `${ACCOUNT}:frank`, 'aws:PrincipalArn': `arn:aws:sts::${ACCOUNT}:federated-user/frank`,
      'aws:PrincipalTag/team': 'ops',
    } } }]);
    const ok = await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'frank', Policy: policy, Tags: [{ Key: 'team', Value: 'ops' }] }));
    await rg.server.s3(creds(ok.Credentials!)).send(new ListBucketsCommand({}));
    const other = await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'frank', Policy: policy, Tags: [{ Key: 'team', Value: 'dev' }] }));
    await rejectsWith(rg.server.s3(creds(other.Credentials!)).send(new ListBucketsCommand({})), 'AccessDenied', 403);
  });

  test('is authorized on the federated user it makes', async () => {
    const keys = await proxyUser('scoped', [{ Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: `arn:aws:sts::${ACCOUNT}:federated-user/app-*` }]);
    await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'app-1', Policy: listOnly }));
    await rejectsWith(rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'other', Policy: listOnly })), 'AccessDenied', 403,
      `User: arn:aws:iam::${ACCOUNT}:user/scoped is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::${ACCOUNT}:federated-user/other because no identity-based policy allows the sts:GetFederationToken action`);
  });

  test('is refused with a role session or GetSessionToken credentials', async () => {
    const keys = await proxyUser();
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }]) }));
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'fed', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' }]) }));
    const role = await rg.server.sts(keys).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/r`, RoleSessionName: 'rs' }));
    await rejectsWith(rg.server.sts(creds(role.Credentials!)).send(new GetFederationTokenCommand({ Name: 'bob', Policy: listOnly })), 'AccessDenied', 403,
      'Cannot call GetFederationToken with session credentials');
    const session = await rg.server.sts(keys).send(new GetSessionTokenCommand({}));
    await rejectsWith(rg.server.sts(creds(session.Credentials!)).send(new GetFederationTokenCommand({ Name: 'bob', Policy: listOnly })), 'AccessDenied', 403,
      'Cannot call GetFederationToken with session credentials');
  });

  test('a federated user may call neither IAM nor STS (but GetCallerIdentity), whatever its policy says', async () => {
    const keys = await proxyUser();
    const all = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const r = await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'gina', Policy: all }));
    const fed = creds(r.Credentials!);
    await rejectsWith(rg.server.iam(fed).send(new ListUsersCommand({})), 'InvalidClientTokenId', 403);
    await rejectsWith(rg.server.sts(fed).send(new GetFederationTokenCommand({ Name: 'again', Policy: all })), 'AccessDenied', 403);
    await rejectsWith(rg.server.sts(fed).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/any`, RoleSessionName: 'rs' })), 'AccessDenied', 403);
    await rg.server.sts(fed).send(new GetCallerIdentityCommand({}));
  });

  test("the root may federate; its federated user's session is at most an hour", async () => {
    const before = Date.now();
    const r = await rg.server.sts().send(new GetFederationTokenCommand({ Name: 'rooted', Policy: listOnly, DurationSeconds: 7200 }));
    const ttl = r.Credentials!.Expiration!.getTime() - before;
    assert.ok(ttl > 3590_000 && ttl <= 3601_000, `expires in ${ttl} ms`);
    await rg.server.s3(creds(r.Credentials!)).send(new ListBucketsCommand({}));
    await rejectsWith(rg.server.s3(creds(r.Credentials!)).send(new CreateBucketCommand({ Bucket: 'root-fed' })), 'AccessDenied', 403);
  });

  test('a deleted federating user ends its federated sessions', async () => {
    const keys = await proxyUser('temp');
    const r = await rg.server.sts(keys).send(new GetFederationTokenCommand({ Name: 'hank', Policy: listOnly }));
    await rg.iam.send(new DeleteUserPolicyCommand({ UserName: 'temp', PolicyName: 'p' }));
    await rg.iam.send(new DeleteAccessKeyCommand({ UserName: 'temp', AccessKeyId: keys.accessKeyId }));
    await rg.iam.send(new DeleteUserCommand({ UserName: 'temp' }));
    await rejectsWith(rg.server.sts(creds(r.Credentials!)).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
  });

  test('malformed input answers ValidationError: a name outside 2–32 characters of [\\w+=,.@-], a duration outside 900–129600', async () => {
    const keys = await proxyUser();
    const sts = rg.server.sts(keys);
    await rejectsWith(sts.send(new GetFederationTokenCommand({ Name: 'x', Policy: listOnly })), 'ValidationError', 400, /at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2/);
    await rejectsWith(sts.send(new GetFederationTokenCommand({ Name: 'a'.repeat(33), Policy: listOnly })), 'ValidationError', 400, /length less than or equal to 32/);
    await rejectsWith(sts.send(new GetFederationTokenCommand({ Name: 'bad name', Policy: listOnly })), 'ValidationError', 400, /at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    await rejectsWith(sts.send(new GetFederationTokenCommand({ Name: 'ok', Policy: listOnly, DurationSeconds: 899 })), 'ValidationError', 400, /durationSeconds/);
    await rejectsWith(sts.send(new GetFederationTokenCommand({ Name: 'ok', Policy: listOnly, DurationSeconds: 129601 })), 'ValidationError', 400, /durationSeconds/);
    await rejectsWith(sts.send(new GetFederationTokenCommand({ Name: 'ok', Policy: '{"Version":"2012-10-17","Statement":[' })), 'MalformedPolicyDocumentException', 400, 'Syntax errors in policy.');
  });
});
