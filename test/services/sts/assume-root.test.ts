// AssumeRoot through @aws-sdk/client-sts: refused in a standalone account; with ROLEGATE_ORGANIZATION=on
// an IAM user of the management account gets, once RootSessions is enabled, a privileged session as a
// member account's root that may do what its /root-task/ policy leaves it (delete the member's root
// access key; delete a bucket policy that denies everyone) and nothing else, with aws:AssumedRoot;
// and AWS's refusals for the feature off, the wrong caller, target, task policy or duration.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand, CreateUserCommand, DeleteAccessKeyCommand, EnableOrganizationsRootSessionsCommand, ListAccessKeysCommand,
  ListUsersCommand, PutUserPolicyCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand, DeleteBucketPolicyCommand, GetBucketPolicyCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { AssumeRootCommand, GetCallerIdentityCommand, type AssumeRootCommandInput } from '@aws-sdk/client-sts';
import { basicAuth, printedRoot, startRolegate, TEST_ACCOUNT, useRolegate, type Credentials, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const MEMBER = '444455556666';
const TASK = (name: string) => `arn:aws:iam::aws:policy/root-task/${name}`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const ASSUME_ROOT = doc({ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::*:root' });

/** An IAM user of the given account with the policy and an access key. */
async function userWith(iam: IAMClient, name: string, policy?: string): Promise<Credentials> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const k = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
}

const asCredentials = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials =>
  ({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });

describe('a standalone account (the default)', () => {
  const rg = useRolegate();

  test('AssumeRoot answers AccessDenied (403): the account is in no organization', async () => {
    const admin = await userWith(rg.iam, 'admin', ASSUME_ROOT);
    await rejectsWith(rg.server.sts(admin).send(new AssumeRootCommand({ TargetPrincipal: MEMBER, TaskPolicyArn: { arn: TASK('IAMAuditRootUserCredentials') } })),
      'AccessDenied', 403, new RegExp(`Account ${TEST_ACCOUNT} is not in an organization`));
  });
});

describe('ROLEGATE_ORGANIZATION=on', () => {
  let server: Rolegate;
  let memberRoot: Credentials;
  let admin: Credentials;
  before(async () => {
    server = await startRolegate({ env: { ROLEGATE_ORGANIZATION: 'on', ROLEGATE_ACCOUNTS: MEMBER } });
    memberRoot = printedRoot(server, MEMBER);
  });
  after(() => server.stop());
  beforeEach(async () => {
    await server.reset();
    admin = await userWith(server.iam(), 'admin', ASSUME_ROOT);
  });
  const enableRootSessions = () => server.iam().send(new EnableOrganizationsRootSessionsCommand({}));
  const assumeRoot = (input: Partial<AssumeRootCommandInput>, as: Credentials = admin) =>
    server.sts(as).send(new AssumeRootCommand({ TargetPrincipal: MEMBER, TaskPolicyArn: { arn: TASK('IAMDeleteRootUserCredentials') }, ...input }));

  test('before EnableOrganizationsRootSessions, AssumeRoot answers AccessDenied (403)', async () => {
    await rejectsWith(assumeRoot({}), 'AccessDenied', 403, /Root sessions are not enabled for organization o-[a-z0-9]{10}/);
  });

  test("IAMDeleteRootUserCredentials: the session is the member's root for at most 900 seconds; it lists and deletes the root's access key, and nothing else", async () => {
    await enableRootSessions();
    // A second root access key of the member account, made with its own root credentials.
    const extra = (await server.iam(memberRoot).send(new CreateAccessKeyCommand({}))).AccessKey!;
    const before = Date.now();
    const { Credentials: c, SourceIdentity } = await assumeRoot({});
    assert.equal(SourceIdentity, undefined);
    assert.match(c!.AccessKeyId!, /^ASIA/);
    const expires = c!.Expiration!.getTime();
    assert.ok(expires >= before + 899_000 && expires <= Date.now() + 901_000, `expires in 900 s: ${c!.Expiration!.toISOString()}`);
    const session = asCredentials(c!);
    const me = await server.sts(session).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([me.Account, me.Arn, me.UserId], [MEMBER, `arn:aws:iam::${MEMBER}:root`, MEMBER]);

    const iam = server.iam(session);
    const keys = (await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata!.map((k) => k.AccessKeyId);
    assert.ok(keys.includes(extra.AccessKeyId) && keys.includes(memberRoot.accessKeyId), 'the member root\'s keys');
    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: extra.AccessKeyId! }));
    const left = (await server.iam(memberRoot).send(new ListAccessKeysCommand({}))).AccessKeyMetadata!.map((k) => k.AccessKeyId);
    assert.deepEqual(left, [memberRoot.accessKeyId]);

    // The task policy denies everything else, and its actions on anything but the root user.
    await rejectsWith(iam.send(new CreateUserCommand({ UserName: 'intruder' })), 'AccessDenied', 403,
      new RegExp(`arn:aws:iam::${MEMBER}:root is not authorized to perform: iam:CreateUser .* explicit deny in an identity-based policy`));
    await rejectsWith(iam.send(new ListUsersCommand({})), 'AccessDenied', 403, /iam:ListUsers/);
    await server.iam(memberRoot).send(new CreateUserCommand({ UserName: 'bob' }));
    await rejectsWith(iam.send(new ListAccessKeysCommand({ UserName: 'bob' })), 'AccessDenied', 403, new RegExp(`iam:ListAccessKeys on resource: arn:aws:iam::${MEMBER}:user/bob`));
    await rejectsWith(server.s3(session).send(new CreateBucketCommand({ Bucket: 'not-allowed' })), 'AccessDenied', 403);
  });

  test('S3UnlockBucketPolicy: the session reads and deletes a bucket policy that denies everyone, and may do nothing else with the bucket', async () => {
    await enableRootSessions();
    const s3 = server.s3(memberRoot);
    await s3.send(new CreateBucketCommand({ Bucket: 'locked' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'locked', Policy: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::locked', 'arn:aws:s3:::locked/*'] }) }));
    const admin2 = await userWith(server.iam(memberRoot), 'admin', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    await rejectsWith(server.s3(admin2).send(new GetBucketPolicyCommand({ Bucket: 'locked' })), 'AccessDenied', 403);
    await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: 'locked' })), 'AccessDenied', 403);

    const session = asCredentials((await assumeRoot({ TaskPolicyArn: { arn: TASK('S3UnlockBucketPolicy') }, DurationSeconds: 300 })).Credentials!);
    const unlock = server.s3(session);
    assert.match((await unlock.send(new GetBucketPolicyCommand({ Bucket: 'locked' }))).Policy!, /"Deny"/);
    await rejectsWith(unlock.send(new PutObjectCommand({ Bucket: 'locked', Key: 'k', Body: 'x' })), 'AccessDenied', 403);
    await unlock.send(new DeleteBucketPolicyCommand({ Bucket: 'locked' }));
    await rejectsWith(unlock.send(new ListObjectsV2Command({ Bucket: 'locked' })), 'AccessDenied', 403);
    // Unlocked: the member's own principals reach the bucket again.
    await server.s3(admin2).send(new PutObjectCommand({ Bucket: 'locked', Key: 'k', Body: 'x' }));
    await rejectsWith(server.iam(session).send(new ListAccessKeysCommand({})), 'AccessDenied', 403);
  });

  test("the session's requests carry aws:AssumedRoot true (the member root's decision log shows it)", async () => {
    await enableRootSessions();
    const session = asCredentials((await assumeRoot({ TaskPolicyArn: { arn: TASK('IAMAuditRootUserCredentials') } })).Credentials!);
    await rejectsWith(server.iam(session).send(new CreateUserCommand({ UserName: 'x' })), 'AccessDenied', 403);
    const deadline = Date.now() + 5000;
    let context: Record<string, unknown> | undefined;
    while (!context && Date.now() < deadline) {
      const r = await server.fetch(`/_rolegate/decisions?action=iam:CreateUser&principal=${encodeURIComponent(`arn:aws:iam::${MEMBER}:root`)}`, { headers: { authorization: basicAuth(memberRoot) } });
      context = (JSON.parse(r.body).Decisions ?? JSON.parse(r.body).decisions ?? JSON.parse(r.body).items)?.[0]?.context;
      if (!context) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(context?.['aws:AssumedRoot'], 'true');
    assert.equal(context?.['aws:PrincipalArn'], `arn:aws:iam::${MEMBER}:root`);
  });

  test('sts:AssumeRoot is authorized on the target root with sts:TaskPolicyArn: without the permission, or for another task policy, AccessDenied', async () => {
    await enableRootSessions();
    const none = await userWith(server.iam(), 'none');
    await rejectsWith(assumeRoot({}, none), 'AccessDenied', 403,
      `User: arn:aws:iam::${TEST_ACCOUNT}:user/none is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::${MEMBER}:root because no identity-based policy allows the sts:AssumeRoot action`);
    const unlockOnly = await userWith(server.iam(), 'unlocker', doc({
      Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: `arn:aws:iam::${MEMBER}:root`,
      Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('S3UnlockBucketPolicy') } },
    }));
    await rejectsWith(assumeRoot({}, unlockOnly), 'AccessDenied', 403, /sts:AssumeRoot/);
    assert.ok((await assumeRoot({ TaskPolicyArn: { arn: TASK('S3UnlockBucketPolicy') } }, unlockOnly)).Credentials);
    // TargetPrincipal may also be the member root's ARN.
    assert.ok((await assumeRoot({ TargetPrincipal: `arn:aws:iam::${MEMBER}:root`, TaskPolicyArn: { arn: TASK('S3UnlockBucketPolicy') } }, unlockOnly)).Credentials);
  });

  test("refusals: root credentials, a member account's caller, a target outside the members, a policy not under /root-task/, a duration over 900 s", async () => {
    await enableRootSessions();
    await rejectsWith(assumeRoot({}, server.credentials), 'AccessDenied', 403, 'Cannot call AssumeRoot with root user credentials');
    const memberAdmin = await userWith(server.iam(memberRoot), 'admin', ASSUME_ROOT);
    await rejectsWith(assumeRoot({}, memberAdmin), 'AccessDenied', 403, new RegExp(`Account ${MEMBER} is not the management account of organization o-`));
    await rejectsWith(assumeRoot({ TargetPrincipal: TEST_ACCOUNT }), 'AccessDenied', 403, new RegExp(`Account ${TEST_ACCOUNT} is not a member account of organization`));
    await rejectsWith(assumeRoot({ TargetPrincipal: '999988887777' }), 'AccessDenied', 403, /Account 999988887777 is not a member account/);
    // Another principal is no root: authorized on what it names (refused for a policy on roots), then refused as input.
    await rejectsWith(assumeRoot({ TargetPrincipal: `arn:aws:iam::${MEMBER}:user/bob` }), 'AccessDenied', 403, new RegExp(`sts:AssumeRoot on resource: arn:aws:iam::${MEMBER}:user/bob`));
    const wide = await userWith(server.iam(), 'wide', doc({ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }));
    await rejectsWith(assumeRoot({ TargetPrincipal: `arn:aws:iam::${MEMBER}:user/bob` }, wide), 'ValidationError', 400, /not an account ID or the ARN of an account's root user/);
    await rejectsWith(assumeRoot({ TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }), 'InvalidParameterValue', 400, /is not a root task policy/);
    await rejectsWith(assumeRoot({ TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/Nope' } }), 'InvalidParameterValue', 400);
    await rejectsWith(assumeRoot({ DurationSeconds: 901 }), 'ValidationError', 400, /durationSeconds.*less than or equal to 900/);
    await rejectsWith(assumeRoot({ TargetPrincipal: '12345' }), 'ValidationError', 400, /targetPrincipal/);
    // A privileged session cannot start another.
    const session = asCredentials((await assumeRoot({})).Credentials!);
    await rejectsWith(assumeRoot({}, session), 'AccessDenied', 403);
  });
});
