// The policies that only narrow refuse what an identity policy allows, on a real server through the
// SDK: a permissions boundary (of an IAM user, and of a role whose session calls), a session policy
// (inline Policy and PolicyArns of AssumeRole), and a bucket policy's explicit Deny. Each test first
// shows the identity policy allowing the call, so the refusal is the narrowing policy's, and
// answers AccessDenied in AWS's words ("… because no permissions boundary allows the iam:CreateUser
// action"). rolegate has no AWS Organizations, so no service control policy applies to a live
// request (the engine's SCP rules are pinned by test/fixtures/policy/evaluation-logic.json).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, DeleteRolePermissionsBoundaryCommand,
  DeleteUserPermissionsBoundaryCommand, GetUserCommand, ListUsersCommand, PutRolePermissionsBoundaryCommand, PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { CreateBucketCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { TEST_ACCOUNT, useRolegate, type Credentials } from '../support/server.js';
import { rejectsWith } from '../support/errors.js';

const rg = useRolegate();
const A = TEST_ACCOUNT;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allowIam = doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' });
const trust = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' });

async function userWithKey(name: string, policy: string): Promise<Credentials> {
  await rg.iam.send(new CreateUserCommand({ UserName: name }));
  await rg.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'identity', PolicyDocument: policy }));
  const key = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

/** A managed policy allowing only reading IAM: the boundary (or session policy) the tests narrow to. */
async function readOnlyPolicy(name = 'IamReadOnly'): Promise<string> {
  const p = await rg.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc({ Effect: 'Allow', Action: ['iam:List*', 'iam:Get*'], Resource: '*' }) }));
  return p.Policy!.Arn!;
}

/** A role allowed all of IAM, and a session of it for a user allowed to assume it. */
async function roleSession(role: string, extra: Partial<AssumeRoleCommandInput> = {}): Promise<Credentials> {
  const caller = await userWithKey(`assumer-${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`, doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }));
  const r = await rg.server.sts(caller).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/${role}`, RoleSessionName: 'work', ...extra }));
  const c = r.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

async function allIamRole(name: string, boundary?: string): Promise<void> {
  await rg.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust, ...(boundary ? { PermissionsBoundary: boundary } : {}) }));
  await rg.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'all-iam', PolicyDocument: allowIam }));
}

const noSuchUser = (name: string) => rejectsWith(rg.iam.send(new GetUserCommand({ UserName: name })), 'NoSuchEntityException', 404);

describe('a permissions boundary', () => {
  test('refuses an IAM user an action its identity policy allows, and lets through what both allow', async () => {
    const bounded = await userWithKey('bounded', allowIam);
    const as = rg.server.iam(bounded);
    await as.send(new CreateUserCommand({ UserName: 'before-boundary' }));
    await rg.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bounded', PermissionsBoundary: await readOnlyPolicy() }));
    await rejectsWith(as.send(new CreateUserCommand({ UserName: 'under-boundary' })), 'AccessDenied', 403,
      `User: arn:aws:iam::${A}:user/bounded is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/under-boundary because no permissions boundary allows the iam:CreateUser action`);
    await noSuchUser('under-boundary');
    assert.ok((await as.send(new ListUsersCommand({}))).Users!.some((u) => u.UserName === 'before-boundary'));
    await rg.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'bounded' }));
    await as.send(new CreateUserCommand({ UserName: 'after-boundary' }));
  });

  test('refuses a role session an action the role\'s policy allows', async () => {
    await allIamRole('Bounded', await readOnlyPolicy());
    const s = await roleSession('Bounded');
    const as = rg.server.iam(s);
    await rejectsWith(as.send(new CreateUserCommand({ UserName: 'by-session' })), 'AccessDenied', 403,
      `User: arn:aws:sts::${A}:assumed-role/Bounded/work is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/by-session because no permissions boundary allows the iam:CreateUser action`);
    await noSuchUser('by-session');
    await as.send(new ListUsersCommand({}));
    // The boundary is the role's, read at each call: removed, the same session may create users; put back, it may not.
    await rg.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'Bounded' }));
    await as.send(new CreateUserCommand({ UserName: 'by-session' }));
    await rg.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'Bounded', PermissionsBoundary: `arn:aws:iam::${A}:policy/IamReadOnly` }));
    await rejectsWith(as.send(new CreateUserCommand({ UserName: 'by-session-2' })), 'AccessDenied', 403, /because no permissions boundary allows the iam:CreateUser action$/);
  });
});

describe('a session policy', () => {
  test('given inline (Policy), refuses the session what the role allows', async () => {
    await allIamRole('Wide');
    const plain = rg.server.iam(await roleSession('Wide'));
    await plain.send(new CreateUserCommand({ UserName: 'by-plain-session' }));
    const narrowed = rg.server.iam(await roleSession('Wide', { Policy: doc({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }) }));
    await rejectsWith(narrowed.send(new CreateUserCommand({ UserName: 'by-narrowed-session' })), 'AccessDenied', 403,
      `User: arn:aws:sts::${A}:assumed-role/Wide/work is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/by-narrowed-session because no session policy allows the iam:CreateUser action`);
    await noSuchUser('by-narrowed-session');
    await narrowed.send(new ListUsersCommand({}));
  });

  test('given as managed policies (PolicyArns), refuses the session what the role allows', async () => {
    await allIamRole('Wide');
    const arn = await readOnlyPolicy('SessionReadOnly');
    const narrowed = rg.server.iam(await roleSession('Wide', { PolicyArns: [{ arn }] }));
    await rejectsWith(narrowed.send(new CreateUserCommand({ UserName: 'by-arn-session' })), 'AccessDenied', 403,
      `User: arn:aws:sts::${A}:assumed-role/Wide/work is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/by-arn-session because no session policy allows the iam:CreateUser action`);
    await noSuchUser('by-arn-session');
    await narrowed.send(new ListUsersCommand({}));
  });
});

describe('a bucket policy\'s explicit Deny', () => {
  const secret = `arn:aws:s3:::data/private/secret.txt`;
  const setUp = async () => {
    const root = rg.server.s3();
    await root.send(new CreateBucketCommand({ Bucket: 'data' }));
    await root.send(new PutObjectCommand({ Bucket: 'data', Key: 'private/secret.txt', Body: 'no' }));
    await root.send(new PutObjectCommand({ Bucket: 'data', Key: 'public/open.txt', Body: 'yes' }));
    return root;
  };
  const denyFor = (principal: string) => doc({ Sid: 'NoPrivate', Effect: 'Deny', Principal: { AWS: principal }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/private/*' });
  const read = async (c: Credentials, key: string) => (await rg.server.s3(c).send(new GetObjectCommand({ Bucket: 'data', Key: key }))).Body!.transformToString();

  test('refuses an IAM user what its identity policy allows', async () => {
    const root = await setUp();
    const reader = await userWithKey('reader', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }));
    assert.equal(await read(reader, 'private/secret.txt'), 'no');
    await root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: denyFor(`arn:aws:iam::${A}:user/reader`) }));
    await rejectsWith(rg.server.s3(reader).send(new GetObjectCommand({ Bucket: 'data', Key: 'private/secret.txt' })), 'AccessDenied', 403,
      `User: arn:aws:iam::${A}:user/reader is not authorized to perform: s3:GetObject on resource: "${secret}" with an explicit deny in a resource-based policy`);
    assert.equal(await read(reader, 'public/open.txt'), 'yes');
  });

  test('refuses a role session, the Deny naming its role, what the role\'s policy allows', async () => {
    const root = await setUp();
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trust }));
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'Reader', PolicyName: 'read', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }) }));
    const s = await roleSession('Reader');
    assert.equal(await read(s, 'private/secret.txt'), 'no');
    await root.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: denyFor(`arn:aws:iam::${A}:role/Reader`) }));
    await rejectsWith(rg.server.s3(s).send(new GetObjectCommand({ Bucket: 'data', Key: 'private/secret.txt' })), 'AccessDenied', 403,
      `User: arn:aws:sts::${A}:assumed-role/Reader/work is not authorized to perform: s3:GetObject on resource: "${secret}" with an explicit deny in a resource-based policy`);
    assert.equal(await read(s, 'public/open.txt'), 'yes');
  });
});
