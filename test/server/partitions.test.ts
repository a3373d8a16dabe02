// Partitions: the region of a request's credential scope decides the partition its ARNs are in.
// Through the SDK with region cn-north-1 (aws-cn) and us-gov-west-1 (aws-us-gov), IAM's entities,
// STS's sessions and the account root read in that partition, AWS managed policies are attached by
// their ARN there, and policies match ARNs of that partition only; us-east-1 stays in `aws`.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand, AddUserToGroupCommand, AttachRolePolicyCommand, ChangePasswordCommand, CreateLoginProfileCommand, AttachUserPolicyCommand, CreateAccessKeyCommand,
  CreateGroupCommand, CreateInstanceProfileCommand, CreateOpenIDConnectProviderCommand, CreatePolicyCommand, CreateRoleCommand,
  CreateUserCommand, CreateVirtualMFADeviceCommand, GenerateCredentialReportCommand, GetCredentialReportCommand, GetGroupCommand,
  GetInstanceProfileCommand, GetOpenIDConnectProviderCommand, GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, GetUserCommand, IAMClient,
  ListAttachedRolePoliciesCommand, ListSSHPublicKeysCommand, ListUsersCommand, ListVirtualMFADevicesCommand, PutRolePolicyCommand, PutUserPolicyCommand, SimulatePrincipalPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetFederationTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { CreateAppCommand, GetAppCommand, GetEventStreamCommand, PinpointClient, PutEventStreamCommand } from '@aws-sdk/client-pinpoint';
import { CreateBucketCommand, GetBucketPolicyCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startRolegate, TEST_ACCOUNT, TEST_ROOT, type Credentials, type Rolegate } from '../support/server.js';
import { rejectsWith } from '../support/errors.js';

let server: Rolegate;
before(async () => {
  server = await startRolegate();
});
after(() => server.stop());
beforeEach(() => server.reset());

const config = (region: string, credentials: Credentials) => ({ endpoint: server.endpoint, region, credentials, maxAttempts: 1 });
const iamIn = (region: string, c: Credentials = TEST_ROOT) => new IAMClient(config(region, c));
const stsIn = (region: string, c: Credentials = TEST_ROOT) => new STSClient(config(region, c));
const s3In = (region: string, c: Credentials = TEST_ROOT) => new S3Client({ ...config(region, c), forcePathStyle: true });

const doc = (statement: object | object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const creds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
});

async function userWithKey(iam: IAMClient, name: string): Promise<Credentials> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return creds(AccessKey!);
}

describe('IAM and STS in aws-cn (cn-north-1)', () => {
  const CN = 'cn-north-1';

  test('a user created through cn-north-1 is arn:aws-cn:iam::ACCOUNT:user/NAME, and us-east-1 reads it in aws', async () => {
    const { User } = await iamIn(CN).send(new CreateUserCommand({ UserName: 'li', Path: '/ops/' }));
    assert.equal(User!.Arn, `arn:aws-cn:iam::${TEST_ACCOUNT}:user/ops/li`);
    const got = await iamIn(CN).send(new GetUserCommand({ UserName: 'li' }));
    assert.equal(got.User!.Arn, `arn:aws-cn:iam::${TEST_ACCOUNT}:user/ops/li`);
    const listed = await iamIn('cn-northwest-1').send(new ListUsersCommand({}));
    assert.deepEqual(listed.Users!.map((u) => u.Arn), [`arn:aws-cn:iam::${TEST_ACCOUNT}:user/ops/li`]);
    const inAws = await iamIn('us-east-1').send(new GetUserCommand({ UserName: 'li' }));
    assert.equal(inAws.User!.Arn, `arn:aws:iam::${TEST_ACCOUNT}:user/ops/li`);
  });

  test('GetCallerIdentity of the root is arn:aws-cn:iam::ACCOUNT:root', async () => {
    const id = await stsIn(CN).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws-cn:iam::${TEST_ACCOUNT}:root`);
    assert.equal(id.Account, TEST_ACCOUNT);
    assert.equal((await stsIn('us-east-1').send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${TEST_ACCOUNT}:root`);
  });

  test('AssumeRole gives arn:aws-cn:sts::ACCOUNT:assumed-role/ROLE/SESSION, and the session reads itself there', async () => {
    const iam = iamIn(CN);
    const user = await userWithKey(iam, 'caller');
    const { Role } = await iam.send(new CreateRoleCommand({
      RoleName: 'deploy',
      AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws-cn:iam::${TEST_ACCOUNT}:user/caller` }, Action: 'sts:AssumeRole' }),
    }));
    assert.equal(Role!.Arn, `arn:aws-cn:iam::${TEST_ACCOUNT}:role/deploy`);
    await iam.send(new PutUserPolicyCommand({
      UserName: 'caller', PolicyName: 'assume',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws-cn:iam::${TEST_ACCOUNT}:role/deploy` }),
    }));
    const out = await stsIn(CN, user).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 's1' }));
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws-cn:sts::${TEST_ACCOUNT}:assumed-role/deploy/s1`);
    const id = await stsIn(CN, creds(out.Credentials!)).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws-cn:sts::${TEST_ACCOUNT}:assumed-role/deploy/s1`);
    // The trust policy names the user in its partition: GetRole shows it so.
    const got = await iam.send(new GetRoleCommand({ RoleName: 'deploy' }));
    const trust = JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!));
    assert.equal(trust.Statement.Principal.AWS, `arn:aws-cn:iam::${TEST_ACCOUNT}:user/caller`);
  });

  test('a policy naming the role in aws does not let a caller in aws-cn assume it', async () => {
    const iam = iamIn(CN);
    const user = await userWithKey(iam, 'caller');
    await iam.send(new CreateRoleCommand({
      RoleName: 'deploy',
      AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: TEST_ACCOUNT }, Action: 'sts:AssumeRole' }),
    }));
    // Saved through us-east-1, where IAM takes ARNs of aws.
    await iamIn('us-east-1').send(new PutUserPolicyCommand({
      UserName: 'caller', PolicyName: 'assume',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${TEST_ACCOUNT}:role/deploy` }),
    }));
    await rejectsWith(stsIn(CN, user).send(new AssumeRoleCommand({ RoleArn: `arn:aws-cn:iam::${TEST_ACCOUNT}:role/deploy`, RoleSessionName: 's1' })),
      'AccessDenied', 403, `User: arn:aws-cn:iam::${TEST_ACCOUNT}:user/caller is not authorized to perform: sts:AssumeRole on resource: arn:aws-cn:iam::${TEST_ACCOUNT}:role/deploy`);
  });

  test('arn:aws-cn:iam::aws:policy/ReadOnlyAccess attaches there and decides', async () => {
    const iam = iamIn(CN);
    const user = await userWithKey(iam, 'reader');
    await rejectsWith(iamIn(CN, user).send(new GetUserCommand({ UserName: 'reader' })), 'AccessDenied', 403,
      `User: arn:aws-cn:iam::${TEST_ACCOUNT}:user/reader is not authorized to perform: iam:GetUser on resource: arn:aws-cn:iam::${TEST_ACCOUNT}:user/reader because no identity-based policy allows the iam:GetUser action`);
    await iam.send(new AttachUserPolicyCommand({ UserName: 'reader', PolicyArn: 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess' }));
    const got = await iamIn(CN, user).send(new GetUserCommand({ UserName: 'reader' }));
    assert.equal(got.User!.Arn, `arn:aws-cn:iam::${TEST_ACCOUNT}:user/reader`);
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess' }));
    assert.equal(policy.Policy!.Arn, 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess');
  });

  test('an AWS managed policy names its resources in aws-cn there, in what GetPolicyVersion shows and in what it allows', async () => {
    // IAMUserSSHKeys allows a user its own SSH keys on arn:aws:iam::*:user/${aws:username}.
    const ARN = 'arn:aws-cn:iam::aws:policy/IAMUserSSHKeys';
    const iam = iamIn(CN);
    const shown = await iam.send(new GetPolicyVersionCommand({ PolicyArn: ARN, VersionId: 'v1' }));
    const document = decodeURIComponent(shown.PolicyVersion!.Document!);
    assert.match(document, /"arn:aws-cn:iam::\*:user\/\$\{aws:username\}"/);
    assert.doesNotMatch(document, /"arn:aws:/);
    assert.match(decodeURIComponent((await iamIn('us-east-1').send(new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/IAMUserSSHKeys', VersionId: 'v1' }))).PolicyVersion!.Document!), /"arn:aws:iam::\*:user\//);
    const user = await userWithKey(iam, 'keys');
    await iam.send(new AttachUserPolicyCommand({ UserName: 'keys', PolicyArn: ARN }));
    const listed = await iamIn(CN, user).send(new ListSSHPublicKeysCommand({ UserName: 'keys' }));
    assert.deepEqual(listed.SSHPublicKeys, []);
  });

  test('an error quotes the ARN as the caller wrote it', async () => {
    await rejectsWith(iamIn(CN).send(new GetPolicyCommand({ PolicyArn: `arn:aws-cn:iam::${TEST_ACCOUNT}:policy/missing` })), 'NoSuchEntityException', 404,
      `Policy arn:aws-cn:iam::${TEST_ACCOUNT}:policy/missing does not exist or is not attachable.`);
  });

  test("with the password policy's AllowUsersToChangePassword a user changes its own password in aws-cn", async () => {
    const iam = iamIn(CN);
    const user = await userWithKey(iam, 'pw');
    await iam.send(new CreateLoginProfileCommand({ UserName: 'pw', Password: 'Correct-Horse-1' }));
    await rejectsWith(iamIn(CN, user).send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Battery-Staple-2' })), 'AccessDenied', 403,
      new RegExp(`^User: arn:aws-cn:iam::${TEST_ACCOUNT}:user/pw is not authorized to perform: iam:ChangePassword on resource: arn:aws-cn:iam::${TEST_ACCOUNT}:user/pw`));
    await iam.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true }));
    await iamIn(CN, user).send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Battery-Staple-2' }));
  });

  test("an ARN of another partition is refused: IAM answers ValidationError 'Invalid ARN partition'", async () => {
    await iamIn(CN).send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
    await rejectsWith(iamIn(CN).send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
      'ValidationError', 400, 'Invalid ARN partition');
    await rejectsWith(iamIn('us-gov-west-1').send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess' })),
      'ValidationError', 400, 'Invalid ARN partition');
    assert.deepEqual((await iamIn(CN).send(new ListAttachedRolePoliciesCommand({ RoleName: 'r' }))).AttachedPolicies, []);
  });
});

describe('every IAM entity in aws-cn', () => {
  const CN = 'cn-north-1';
  const arn = (rest: string) => `arn:aws-cn:iam::${TEST_ACCOUNT}:${rest}`;

  test('groups, instance profiles, OIDC providers and virtual MFA devices are named in aws-cn', async () => {
    const iam = iamIn(CN);
    assert.equal((await iam.send(new CreateGroupCommand({ GroupName: 'g' }))).Group!.Arn, arn('group/g'));
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'g', UserName: 'u' }));
    const group = await iam.send(new GetGroupCommand({ GroupName: 'g' }));
    assert.deepEqual([group.Group!.Arn, group.Users!.map((u) => u.Arn)], [arn('group/g'), [arn('user/u')]]);
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
    assert.equal((await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }))).InstanceProfile!.Arn, arn('instance-profile/ip'));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'r' }));
    const profile = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ip' }));
    assert.deepEqual(profile.InstanceProfile!.Roles!.map((r) => r.Arn), [arn('role/r')]);
    const oidc = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://tokens.example.com', ClientIDList: ['sts.amazonaws.com'], ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'] }));
    assert.equal(oidc.OpenIDConnectProviderArn, arn('oidc-provider/tokens.example.com'));
    const gotOidc = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: oidc.OpenIDConnectProviderArn }));
    assert.equal(gotOidc.Url, 'tokens.example.com');
    const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone' }));
    assert.equal(mfa.VirtualMFADevice!.SerialNumber, arn('mfa/phone'));
    const listed = await iam.send(new ListVirtualMFADevicesCommand({}));
    assert.deepEqual(listed.VirtualMFADevices!.map((d) => d.SerialNumber), [arn('mfa/phone')]);
  });

  test('a federated user is arn:aws-cn:sts::ACCOUNT:federated-user/NAME', async () => {
    const user = await userWithKey(iamIn(CN), 'fed');
    await iamIn(CN).send(new PutUserPolicyCommand({ UserName: 'fed', PolicyName: 'f', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' }) }));
    const out = await stsIn(CN, user).send(new GetFederationTokenCommand({ Name: 'bob', Policy: doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }) }));
    assert.equal(out.FederatedUser!.Arn, `arn:aws-cn:sts::${TEST_ACCOUNT}:federated-user/bob`);
    assert.equal((await stsIn(CN, creds(out.Credentials!)).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws-cn:sts::${TEST_ACCOUNT}:federated-user/bob`);
  });

  test('the credential report names the root and users in aws-cn', async () => {
    const iam = iamIn(CN);
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new GenerateCredentialReportCommand({}));
    const csv = Buffer.from((await iam.send(new GetCredentialReportCommand({}))).Content!).toString('utf8');
    assert.deepEqual(csv.split('\n').slice(1).map((l) => l.split(',')[1]), [arn('root'), arn('user/alice')]);
    const inAws = Buffer.from((await iamIn('us-east-1').send(new GetCredentialReportCommand({}))).Content!).toString('utf8');
    assert.equal(inAws.split('\n')[2].split(',')[1], `arn:aws:iam::${TEST_ACCOUNT}:user/alice`);
  });

  test('the policy simulator decides in aws-cn: a resource of arn:aws-cn:s3 matches the policy naming it', async () => {
    const iam = iamIn(CN);
    await iam.send(new CreateUserCommand({ UserName: 'sim' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'sim', PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws-cn:s3:::b/*' }) }));
    const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn('user/sim'), ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws-cn:s3:::b/k'] }));
    assert.equal(out.EvaluationResults![0].EvalDecision, 'allowed');
    assert.equal(out.EvaluationResults![0].EvalResourceName, 'arn:aws-cn:s3:::b/k');
  });
});

describe('Kinesis in aws-cn', () => {
  test('a stream is arn:aws-cn:kinesis:REGION:ACCOUNT:stream/NAME, written to by that ARN, and policies name it so', async () => {
    const CN = 'cn-northwest-1';
    const kinesis = (c: Credentials = TEST_ROOT) => new KinesisClient(config(CN, c));
    await kinesis().send(new CreateStreamCommand({ StreamName: 'events', ShardCount: 1 }));
    const arn = `arn:aws-cn:kinesis:${CN}:${TEST_ACCOUNT}:stream/events`;
    let summary = await kinesis().send(new DescribeStreamSummaryCommand({ StreamName: 'events' }));
    for (let i = 0; i < 50 && summary.StreamDescriptionSummary!.StreamStatus !== 'ACTIVE'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      summary = await kinesis().send(new DescribeStreamSummaryCommand({ StreamName: 'events' }));
    }
    assert.equal(summary.StreamDescriptionSummary!.StreamARN, arn);
    const user = await userWithKey(iamIn(CN), 'writer');
    await rejectsWith(kinesis(user).send(new PutRecordCommand({ StreamARN: arn, PartitionKey: 'k', Data: Buffer.from('x') })), 'AccessDeniedException', 400);
    await iamIn(CN).send(new PutUserPolicyCommand({ UserName: 'writer', PolicyName: 'w', PolicyDocument: doc({ Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: arn }) }));
    const put = await kinesis(user).send(new PutRecordCommand({ StreamARN: arn, PartitionKey: 'k', Data: Buffer.from('x') }));
    assert.equal(put.ShardId, 'shardId-000000000000');
  });
});

describe('Firehose and Pinpoint in aws-cn', () => {
  const CN = 'cn-north-1';

  test('a delivery stream is arn:aws-cn:firehose:…, and keeps the role and bucket ARNs it was given in aws-cn', async () => {
    const firehose = new FirehoseClient(config(CN, TEST_ROOT));
    const role = `arn:aws-cn:iam::${TEST_ACCOUNT}:role/delivery`;
    await firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'logs', ExtendedS3DestinationConfiguration: { RoleARN: role, BucketARN: 'arn:aws-cn:s3:::logs-bucket' } }));
    const d = (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'logs' }))).DeliveryStreamDescription!;
    assert.equal(d.DeliveryStreamARN, `arn:aws-cn:firehose:${CN}:${TEST_ACCOUNT}:deliverystream/logs`);
    const s3 = d.Destinations![0].ExtendedS3DestinationDescription!;
    assert.deepEqual([s3.RoleARN, s3.BucketARN], [role, 'arn:aws-cn:s3:::logs-bucket']);
  });

  test('a Pinpoint project is arn:aws-cn:mobiletargeting:REGION:ACCOUNT:apps/ID', async () => {
    const pinpoint = new PinpointClient(config(CN, TEST_ROOT));
    const app = (await pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'cn-app' } }))).ApplicationResponse!;
    assert.equal(app.Arn, `arn:aws-cn:mobiletargeting:${CN}:${TEST_ACCOUNT}:apps/${app.Id}`);
    assert.equal((await pinpoint.send(new GetAppCommand({ ApplicationId: app.Id }))).ApplicationResponse!.Arn, app.Arn);
  });
});

describe('a service acting in aws-cn', () => {
  const CN = 'cn-north-1';

  test("Pinpoint assumes the role in the project's partition: aws:SourceArn and the stream's ARN are in aws-cn", async () => {
    const iam = iamIn(CN);
    const kinesis = new KinesisClient(config(CN, TEST_ROOT));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'events', ShardCount: 1 }));
    const pinpoint = new PinpointClient(config(CN, TEST_ROOT));
    const app = (await pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'cn-app' } }))).ApplicationResponse!;
    const streamArn = `arn:aws-cn:kinesis:${CN}:${TEST_ACCOUNT}:stream/events`;
    const trust = (sourceArn: string) => doc({ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:SourceArn': sourceArn } } });
    const role = async (name: string, sourceArn: string) => {
      await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(sourceArn) }));
      await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'events', PolicyDocument: doc({ Effect: 'Allow', Action: ['kinesis:PutRecords', 'kinesis:DescribeStream'], Resource: streamArn }) }));
      return `arn:aws-cn:iam::${TEST_ACCOUNT}:role/${name}`;
    };
    const inAws = await role('aws-source', `arn:aws:mobiletargeting:${CN}:${TEST_ACCOUNT}:apps/*`);
    await rejectsWith(pinpoint.send(new PutEventStreamCommand({ ApplicationId: app.Id, WriteEventStream: { DestinationStreamArn: streamArn, RoleArn: inAws } })),
      'BadRequestException', 400, new RegExp(`could not assume the role ${inAws.replace(/[/]/g, '\\/')} \\(AccessDenied`));
    const inCn = await role('cn-source', `arn:aws-cn:mobiletargeting:${CN}:${TEST_ACCOUNT}:apps/*`);
    await pinpoint.send(new PutEventStreamCommand({ ApplicationId: app.Id, WriteEventStream: { DestinationStreamArn: streamArn, RoleArn: inCn } }));
    const got = (await pinpoint.send(new GetEventStreamCommand({ ApplicationId: app.Id }))).EventStream!;
    assert.deepEqual([got.DestinationStreamArn, got.RoleArn], [streamArn, inCn]);
  });
});

describe('aws-us-gov (us-gov-west-1)', () => {
  const GOV = 'us-gov-west-1';

  test('customer managed policies, roles and sessions are in arn:aws-us-gov', async () => {
    const iam = iamIn(GOV);
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }) }));
    assert.equal(Policy!.Arn, `arn:aws-us-gov:iam::${TEST_ACCOUNT}:policy/p`);
    const user = await userWithKey(iam, 'u');
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: TEST_ACCOUNT }, Action: 'sts:AssumeRole' }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: Policy!.Arn }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'a', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws-us-gov:iam::*:role/*' }) }));
    const out = await stsIn(GOV, user).send(new AssumeRoleCommand({ RoleArn: `arn:aws-us-gov:iam::${TEST_ACCOUNT}:role/r`, RoleSessionName: 'gov' }));
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws-us-gov:sts::${TEST_ACCOUNT}:assumed-role/r/gov`);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r' }));
    assert.deepEqual(attached.AttachedPolicies!.map((p) => p.PolicyArn), [`arn:aws-us-gov:iam::${TEST_ACCOUNT}:policy/p`]);
    // The same account in us-east-1 reads the same entities in aws.
    assert.equal((await iamIn('us-east-1').send(new GetRoleCommand({ RoleName: 'r' }))).Role!.Arn, `arn:aws:iam::${TEST_ACCOUNT}:role/r`);
  });
});

describe('S3 bucket policies in aws-cn', () => {
  const CN = 'cn-north-1';

  async function bucketWithObject() {
    const s3 = s3In(CN);
    await s3.send(new CreateBucketCommand({ Bucket: 'cn-bucket', CreateBucketConfiguration: { LocationConstraint: CN } }));
    await s3.send(new PutObjectCommand({ Bucket: 'cn-bucket', Key: 'k', Body: 'hello' }));
    return s3;
  }
  const read = (user: Credentials) => s3In(CN, user).send(new GetObjectCommand({ Bucket: 'cn-bucket', Key: 'k' }));

  test('a bucket policy naming arn:aws-cn:s3:::b/* allows there; its principal binds and reads back in aws-cn', async () => {
    const user = await userWithKey(iamIn(CN), 'reader');
    const s3 = await bucketWithObject();
    await rejectsWith(read(user), 'AccessDenied', 403);
    const policy = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws-cn:iam::${TEST_ACCOUNT}:user/reader` }, Action: 's3:GetObject', Resource: 'arn:aws-cn:s3:::cn-bucket/*' });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'cn-bucket', Policy: policy }));
    assert.equal(await (await read(user)).Body!.transformToString(), 'hello');
    const shown = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: 'cn-bucket' }))).Policy!);
    assert.equal(shown.Statement.Principal.AWS, `arn:aws-cn:iam::${TEST_ACCOUNT}:user/reader`);
  });

  test('S3 refuses a bucket policy whose resource is in aws: "Policy has invalid resource"', async () => {
    const s3 = await bucketWithObject();
    const policy = doc({ Effect: 'Allow', Principal: { AWS: TEST_ACCOUNT }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::cn-bucket/*' });
    await rejectsWith(s3.send(new PutBucketPolicyCommand({ Bucket: 'cn-bucket', Policy: policy })), 'MalformedPolicy', 400, 'Policy has invalid resource');
  });

  test('an identity policy naming arn:aws-cn:s3:::b/* allows in aws-cn; IAM there refuses one naming arn:aws:s3:::b/*', async () => {
    const iam = iamIn(CN);
    const user = await userWithKey(iam, 'reader');
    await bucketWithObject();
    await rejectsWith(read(user), 'AccessDenied', 403,
      `User: arn:aws-cn:iam::${TEST_ACCOUNT}:user/reader is not authorized to perform: s3:GetObject on resource: "arn:aws-cn:s3:::cn-bucket/k" because no identity-based policy allows the s3:GetObject action`);
    const allow = (resource: string) => iam.send(new PutUserPolicyCommand({ UserName: 'reader', PolicyName: 'read', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }) }));
    await rejectsWith(allow('arn:aws:s3:::cn-bucket/*'), 'MalformedPolicyDocumentException', 400, 'Partition "aws" is not valid for resource "arn:aws:s3:::cn-bucket/*".');
    await allow('arn:aws-cn:s3:::cn-bucket/*');
    assert.equal(await (await read(user)).Body!.transformToString(), 'hello');
  });

  test('a policy saved through us-east-1 naming arn:aws:s3:::b/* does not allow a request in aws-cn', async () => {
    const user = await userWithKey(iamIn(CN), 'reader');
    await bucketWithObject();
    await iamIn('us-east-1').send(new PutUserPolicyCommand({ UserName: 'reader', PolicyName: 'read', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::cn-bucket/*' }) }));
    await rejectsWith(read(user), 'AccessDenied', 403, /no identity-based policy allows the s3:GetObject action/);
  });
});
