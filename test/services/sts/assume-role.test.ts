// STS and enforcement through the SDK: users are denied until a policy allows, AssumeRole needs both
// the caller's policy and the trust policy, sessions carry the role's permissions narrowed by
// session policies, and temporary credentials expire and cannot be forged.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachUserPolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, DeleteRoleCommand, GetRoleCommand,
  ListRolesCommand, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetAccessKeyInfoCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { startRolegate, type Credentials, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const OTHER = '444455556666';
let server: Rolegate;
let iam: IAMClient;
let otherRoot: Credentials;

before(async () => {
  server = await startRolegate({ env: { ROLEGATE_ACCOUNTS: OTHER } });
  iam = server.iam();
  const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(server.printed)!;
  otherRoot = { accessKeyId: m[1], secretAccessKey: m[2] };
});
after(() => server.stop());
beforeEach(() => server.reset());

const doc = (statement: object | object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const trustAccount = (account: string) => doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }]);

async function userWithKey(name: string, client = iam): Promise<Credentials> {
  await client.send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

const creds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!,
});

describe('enforcement of identity policies', () => {
  test('a user with no policy is denied with AWS message form, and allowed exactly what a policy then says', async () => {
    const alice = await userWithKey('alice');
    await rejectsWith(server.iam(alice).send(new ListRolesCommand({})), 'AccessDenied', 403,
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::111122223333:role/ because no identity-based policy allows the iam:ListRoles action');
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'list', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }]) }));
    await server.iam(alice).send(new ListRolesCommand({}));
    await rejectsWith(server.iam(alice).send(new ListUsersCommand({})), 'AccessDenied', 403, /iam:ListUsers/);
  });

  test('an explicit deny is named in the message', async () => {
    const bob = await userWithKey('bob');
    await iam.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'no-roles', PolicyDocument: doc([{ Effect: 'Deny', Action: 'iam:GetRole', Resource: '*' }]) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustAccount('111122223333') }));
    await rejectsWith(server.iam(bob).send(new GetRoleCommand({ RoleName: 'r' })), 'AccessDenied', 403,
      'User: arn:aws:iam::111122223333:user/bob is not authorized to perform: iam:GetRole on resource: arn:aws:iam::111122223333:role/r with an explicit deny in an identity-based policy');
    await server.iam(bob).send(new ListUsersCommand({}));
  });

  test('GetCallerIdentity needs no permission, even under an explicit deny of everything', async () => {
    const carol = await userWithKey('carol');
    await iam.send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'deny-all', PolicyDocument: doc([{ Effect: 'Deny', Action: '*', Resource: '*' }]) }));
    const id = await server.sts(carol).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, 'arn:aws:iam::111122223333:user/carol');
  });
});

describe('AssumeRole', () => {
  test('same account: allowed by the caller policy and the trust policy; the session is the assumed role', async () => {
    const dev = await userWithKey('dev');
    await iam.send(new CreateRoleCommand({ RoleName: 'Reader', Path: '/app/', AssumeRolePolicyDocument: trustAccount('111122223333') }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'Reader', PolicyName: 'list', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }]) }));
    const roleArn = 'arn:aws:iam::111122223333:role/app/Reader';
    // The trust policy names only the account: the user's own policy must allow too.
    await rejectsWith(server.sts(dev).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1' })), 'AccessDenied', 403, /sts:AssumeRole on resource: arn:aws:iam::111122223333:role\/app\/Reader/);
    await iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }]) }));
    const r = await server.sts(dev).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1', DurationSeconds: 900 }));
    assert.match(r.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.ok(r.Credentials!.SessionToken!.length > 100);
    assert.ok(Math.abs(r.Credentials!.Expiration!.getTime() - Date.now() - 900_000) < 60_000);
    assert.equal(r.AssumedRoleUser!.Arn, 'arn:aws:sts::111122223333:assumed-role/Reader/s1');
    assert.match(r.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z2-7]{17}:s1$/);
    const session = creds(r.Credentials!);
    const id = await server.sts(session).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, 'arn:aws:sts::111122223333:assumed-role/Reader/s1');
    assert.equal(id.UserId, r.AssumedRoleUser!.AssumedRoleId);
    // The session has the role's permissions, not the user's.
    await server.iam(session).send(new ListRolesCommand({}));
    await rejectsWith(server.iam(session).send(new ListUsersCommand({})), 'AccessDenied', 403, /assumed-role\/Reader\/s1 is not authorized to perform: iam:ListUsers/);
    const info = await server.sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: session.accessKeyId }));
    assert.equal(info.Account, '111122223333');
  });

  test('a trust policy that names the user directly is enough in the same account', async () => {
    const direct = await userWithKey('direct');
    await iam.send(new CreateRoleCommand({ RoleName: 'Direct', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/direct' }, Action: 'sts:AssumeRole' }]) }));
    await server.sts(direct).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/Direct', RoleSessionName: 'sx' }));
  });

  test('cross account: the role must trust the caller account and the caller must be allowed', async () => {
    const otherIam = server.iam(otherRoot);
    await otherIam.send(new CreateRoleCommand({ RoleName: 'Partner', AssumeRolePolicyDocument: trustAccount('111122223333') }));
    await otherIam.send(new CreateRoleCommand({ RoleName: 'Closed', AssumeRolePolicyDocument: trustAccount('999988887777') }));
    const eve = await userWithKey('eve');
    const partner = `arn:aws:iam::${OTHER}:role/Partner`;
    await rejectsWith(server.sts(eve).send(new AssumeRoleCommand({ RoleArn: partner, RoleSessionName: 'sx' })), 'AccessDenied', 403);
    await iam.send(new PutUserPolicyCommand({ UserName: 'eve', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    const r = await server.sts(eve).send(new AssumeRoleCommand({ RoleArn: partner, RoleSessionName: 'sx' }));
    assert.equal(r.AssumedRoleUser!.Arn, `arn:aws:sts::${OTHER}:assumed-role/Partner/sx`);
    assert.equal((await server.sts(creds(r.Credentials!)).send(new GetCallerIdentityCommand({}))).Account, OTHER);
    await rejectsWith(server.sts(eve).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/Closed`, RoleSessionName: 'sx' })), 'AccessDenied', 403);
    await rejectsWith(server.sts(eve).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/Missing`, RoleSessionName: 'sx' })), 'AccessDenied', 403);
  });

  test('ExternalId must match the trust policy condition', async () => {
    const vendor = await userWithKey('vendor');
    await iam.send(new PutUserPolicyCommand({ UserName: 'vendor', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'Ext', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'secret-123' } } }]) }));
    const arn = 'arn:aws:iam::111122223333:role/Ext';
    await rejectsWith(server.sts(vendor).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sx', ExternalId: 'wrong-123' })), 'AccessDenied', 403);
    await rejectsWith(server.sts(vendor).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sx' })), 'AccessDenied', 403);
    await server.sts(vendor).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sx', ExternalId: 'secret-123' }));
  });

  test('a session policy narrows the session to what both allow', async () => {
    const u = await userWithKey('narrow');
    await iam.send(new PutUserPolicyCommand({ UserName: 'narrow', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'Wide', AssumeRolePolicyDocument: trustAccount('111122223333') }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'Wide', PolicyName: 'all-iam-read', PolicyDocument: doc([{ Effect: 'Allow', Action: ['iam:List*', 'iam:Get*'], Resource: '*' }]) }));
    const r = await server.sts(u).send(new AssumeRoleCommand({
      RoleArn: 'arn:aws:iam::111122223333:role/Wide', RoleSessionName: 'narrowed',
      Policy: doc([{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }]),
    }));
    assert.ok(r.PackedPolicySize! > 0 && r.PackedPolicySize! <= 100);
    const s = creds(r.Credentials!);
    await server.iam(s).send(new ListRolesCommand({}));
    await rejectsWith(server.iam(s).send(new ListUsersCommand({})), 'AccessDenied', 403, /because no session policy allows the iam:ListUsers action/);
  });

  test('DurationSeconds above the role maximum, or above an hour when chaining, answers ValidationError', async () => {
    const u = await userWithKey('chain');
    await iam.send(new PutUserPolicyCommand({ UserName: 'chain', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'Long', MaxSessionDuration: 7200, AssumeRolePolicyDocument: trustAccount('111122223333') }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'Long', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    const arn = 'arn:aws:iam::111122223333:role/Long';
    await rejectsWith(server.sts(u).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sx', DurationSeconds: 7201 })), 'ValidationError', 400, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    const first = await server.sts(u).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sx', DurationSeconds: 7200 }));
    await rejectsWith(server.sts(creds(first.Credentials!)).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sy', DurationSeconds: 3601 })), 'ValidationError', 400, /role chaining/);
    const chained = await server.sts(creds(first.Credentials!)).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sy' }));
    assert.equal(chained.AssumedRoleUser!.Arn, 'arn:aws:sts::111122223333:assumed-role/Long/sy');
  });

  test('a denied AssumeRole answers STS\'s message, without the reason clause IAM adds', async () => {
    const dev = await userWithKey('dev');
    await iam.send(new CreateRoleCommand({ RoleName: 'Plain', AssumeRolePolicyDocument: trustAccount('111122223333') }));
    await rejectsWith(server.sts(dev).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/Plain', RoleSessionName: 'plain-session' })), 'AccessDenied', 403,
      'User: arn:aws:iam::111122223333:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/Plain');
  });

  test('session tags need sts:TagSession and a source identity needs sts:SetSourceIdentity in the trust policy', async () => {
    const dev = await userWithKey('tagger');
    const devArn = 'arn:aws:iam::111122223333:user/tagger';
    const arn = 'arn:aws:iam::111122223333:role/Tagged';
    await iam.send(new CreateRoleCommand({ RoleName: 'Tagged', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: devArn }, Action: 'sts:AssumeRole' }]) }));
    await server.sts(dev).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'plain' }));
    await rejectsWith(server.sts(dev).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'tagged', Tags: [{ Key: 'team', Value: 'a' }] })), 'AccessDenied', 403,
      `User: ${devArn} is not authorized to perform: sts:TagSession on resource: ${arn}`);
    await rejectsWith(server.sts(dev).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sourced', SourceIdentity: 'alice' })), 'AccessDenied', 403,
      `User: ${devArn} is not authorized to perform: sts:SetSourceIdentity on resource: ${arn}`);
    const { UpdateAssumeRolePolicyCommand } = await import('@aws-sdk/client-iam');
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'Tagged', PolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: devArn }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }]) }));
    const r = await server.sts(dev).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'both', Tags: [{ Key: 'team', Value: 'a' }], SourceIdentity: 'alice' }));
    assert.equal(r.SourceIdentity, 'alice');
    assert.equal(typeof r.PackedPolicySize, 'number');
  });

  test('an inline session policy over 2,048 characters is refused before any session is issued', async () => {
    const dev = await userWithKey('long');
    const arn = 'arn:aws:iam::111122223333:role/Long';
    await iam.send(new CreateRoleCommand({ RoleName: 'Long', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/long' }, Action: 'sts:AssumeRole' }]) }));
    const statement = (i: number) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 'iam:ListRoles', Resource: `arn:aws:iam::111122223333:role/${'x'.repeat(40)}${i}` });
    const policy = doc(Array.from({ length: 20 }, (_, i) => statement(i)));
    assert.ok(policy.length > 2048);
    await rejectsWith(server.sts(dev).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'long-policy', Policy: policy })), 'ValidationError', 400,
      /at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048$/);
  });

  test('AssumeRole with the serial number of no device of the caller is refused before the trust policy is decided', async () => {
    const dev = await userWithKey('mfa');
    await iam.send(new CreateRoleCommand({ RoleName: 'Mfa', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/mfa' }, Action: 'sts:AssumeRole' }]) }));
    await rejectsWith(server.sts(dev).send(new AssumeRoleCommand({
      RoleArn: 'arn:aws:iam::111122223333:role/Mfa', RoleSessionName: 'with-mfa', SerialNumber: 'arn:aws:iam::111122223333:mfa/mfa', TokenCode: '123456',
    })), 'AccessDenied', 403, 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.');
  });

  test('the account root may not assume roles, as in AWS', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustAccount('111122223333') }));
    await rejectsWith(server.sts().send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/r', RoleSessionName: 'sx' })), 'AccessDenied', 403, 'Roles may not be assumed by root accounts.');
  });
});

describe('temporary credentials', () => {
  async function session(): Promise<Credentials> {
    const u = await userWithKey('temp');
    await iam.send(new PutUserPolicyCommand({ UserName: 'temp', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'T', AssumeRolePolicyDocument: trustAccount('111122223333') }));
    const r = await server.sts(u).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/T', RoleSessionName: 'sx' }));
    return creds(r.Credentials!);
  }

  test('a tampered session token is refused with InvalidClientTokenId', async () => {
    const s = await session();
    const t = s.sessionToken!;
    const i = Math.floor(t.length / 2);
    const tampered = t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1);
    await rejectsWith(server.sts({ ...s, sessionToken: tampered }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    await rejectsWith(server.sts({ accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
  });

  test('a request signed with a clock two hours ahead is refused as not yet current', async () => {
    const s = await session();
    const { STSClient } = await import('@aws-sdk/client-sts');
    const late = new STSClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: s, maxAttempts: 1, systemClockOffset: 2 * 3600 * 1000 });
    await rejectsWith(late.send(new GetCallerIdentityCommand({})), 'SignatureDoesNotMatch', 403, /Signature not yet current/);
  });

  test('deleting the role ends its sessions', async () => {
    const s = await session();
    await server.sts(s).send(new GetCallerIdentityCommand({}));
    await iam.send(new DeleteRoleCommand({ RoleName: 'T' }));
    await rejectsWith(server.sts(s).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
  });

  test('GetSessionToken needs no permission, gives a session that acts as the user, and cannot call IAM without MFA', async () => {
    const u = await userWithKey('gst');
    // "No permissions are required for a user to get a session token" (IAM User Guide).
    const r = await server.sts(u).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const s = creds(r.Credentials!);
    assert.equal((await server.sts(s).send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::111122223333:user/gst');
    await rejectsWith(server.iam(s).send(new ListRolesCommand({})), 'InvalidClientTokenId', 403);
    await rejectsWith(server.sts(s).send(new GetSessionTokenCommand({})), 'AccessDenied', 403, 'Cannot call GetSessionToken with session credentials');
  });

  test('a GetSessionToken session ends with its user: a new user of the same name does not inherit it', async () => {
    const u = await userWithKey('gst2');
    const s = creds((await server.sts(u).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!);
    const before = await server.sts(s).send(new GetCallerIdentityCommand({}));
    const { DeleteAccessKeyCommand, DeleteUserCommand } = await import('@aws-sdk/client-iam');
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'gst2', AccessKeyId: u.accessKeyId }));
    await iam.send(new DeleteUserCommand({ UserName: 'gst2' }));
    await iam.send(new CreateUserCommand({ UserName: 'gst2' }));
    await rejectsWith(server.sts(s).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    assert.match(before.UserId!, /^AIDA/);
  });

  test("the root's GetSessionToken lasts at most an hour: a longer request is cut to one hour", async () => {
    const start = Date.now();
    const r = await server.sts().send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    const lifetime = r.Credentials!.Expiration!.getTime() - start;
    assert.ok(lifetime <= 3600_000 + 2000 && lifetime > 3590_000, `expires ${lifetime} ms after the call`);
  });
});

describe('revoking sessions', () => {
  test('a deny on aws:TokenIssueTime, as the console writes it, ends sessions issued before it', async () => {
    const u = await userWithKey('revoke');
    await iam.send(new PutUserPolicyCommand({ UserName: 'revoke', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'Revocable', AssumeRolePolicyDocument: trustAccount('111122223333') }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'Revocable', PolicyName: 'list', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }]) }));
    const arn = 'arn:aws:iam::111122223333:role/Revocable';
    const old = creds((await server.sts(u).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'old-session' }))).Credentials!);
    await server.iam(old).send(new ListRolesCommand({}));
    await new Promise((r) => setTimeout(r, 1100));
    const cutoff = new Date(Date.now() - 500).toISOString();
    await iam.send(new PutRolePolicyCommand({
      RoleName: 'Revocable', PolicyName: 'AWSRevokeOlderSessions',
      PolicyDocument: doc([{ Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff } } }]),
    }));
    await rejectsWith(server.iam(old).send(new ListRolesCommand({})), 'AccessDenied', 403, /with an explicit deny in an identity-based policy/);
    const fresh = creds((await server.sts(u).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'new-session' }))).Credentials!);
    await server.iam(fresh).send(new ListRolesCommand({}));
  });
});
