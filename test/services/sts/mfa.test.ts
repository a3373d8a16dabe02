// MFA in STS through @aws-sdk/client-sts against a started rolegate: AssumeRole and GetSessionToken
// prove a code of the calling user's virtual device (the tests' own RFC 6238 codes), refuse a code
// used before or out of its window, and give the policies aws:MultiFactorAuthPresent and
// aws:MultiFactorAuthAge, as AWS's "Configuring MFA-protected API access" describes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand,
  GetUserCommand, ListRolesCommand, PutRolePolicyCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { useRolegate, type Credentials } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { fromBase32, stepNow, totp } from '../../support/totp.js';

const rg = useRolegate();
const ACCOUNT = '111122223333';
const INVALID = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';
const UNKNOWN = 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';

const doc = (statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const creds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!,
});

/**
 * A user with a key, allowed sts:AssumeRole, and a virtual device enabled `back` steps behind the
 * clock; the codes of the current step and the next are then fresh.
 */
async function userWithMfa(name: string, back = 3): Promise<{ keys: Credentials; serial: string; code: (offset?: number) => string }> {
  await rg.iam.send(new CreateUserCommand({ UserName: name }));
  await rg.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
  const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  const d = (await rg.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }))).VirtualMFADevice!;
  const seed = fromBase32(Buffer.from(d.Base32StringSeed!).toString());
  const s = stepNow() - back;
  await rg.iam.send(new EnableMFADeviceCommand({ UserName: name, SerialNumber: d.SerialNumber!, AuthenticationCode1: totp(seed, s), AuthenticationCode2: totp(seed, s + 1) }));
  return { keys: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }, serial: d.SerialNumber!, code: (offset = 0) => totp(seed, stepNow() + offset) };
}

/** A role that the account's principals may assume only with MFA, which may list roles only with MFA of the last five minutes. */
async function mfaRole(name = 'admin') {
  await rg.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: doc([{
    Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole',
    Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  }]) }));
  await rg.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'list', PolicyDocument: doc([{
    Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*',
    Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '300' } },
  }]) }));
  return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

describe('AssumeRole with MFA', () => {
  test('a trust policy that requires MFA refuses the call without a code and allows it with one; the session has the MFA', async () => {
    const u = await userWithMfa('alice');
    const RoleArn = await mfaRole();
    const sts = rg.server.sts(u.keys);
    await rejectsWith(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'no-mfa' })), 'AccessDenied', 403,
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${RoleArn}`);
    const r = await sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'with-mfa', SerialNumber: u.serial, TokenCode: u.code() }));
    assert.equal(r.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/admin/with-mfa`);
    // The role's own policy requires MFA of the last five minutes: the session passes it.
    await rg.server.iam(creds(r.Credentials!)).send(new ListRolesCommand({}));
  });

  test('a code used once is refused the second time, as is a code outside its window', async () => {
    const u = await userWithMfa('bob');
    const RoleArn = await mfaRole();
    const sts = rg.server.sts(u.keys);
    const code = u.code();
    await sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'first', SerialNumber: u.serial, TokenCode: code }));
    await rejectsWith(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'again', SerialNumber: u.serial, TokenCode: code })), 'AccessDenied', 403, INVALID);
    // The code of a step before the last one taken is stale too.
    await rejectsWith(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'older', SerialNumber: u.serial, TokenCode: u.code(-1) })), 'AccessDenied', 403, INVALID);
    const wrong = code.slice(0, 5) + String((Number(code[5]) + 5) % 10);
    await rejectsWith(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'wrong', SerialNumber: u.serial, TokenCode: wrong })), 'AccessDenied', 403, INVALID);
    await rejectsWith(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'short', SerialNumber: u.serial, TokenCode: '12345' })), 'ValidationError', 400,
      /Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6/);
    // The next step's code is still fresh.
    await sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'next', SerialNumber: u.serial, TokenCode: u.code(1) }));
  });

  test('a code from well before the clock is refused even though it was never used', async () => {
    const u = await userWithMfa('carol', 10);
    const RoleArn = await mfaRole();
    await rejectsWith(rg.server.sts(u.keys).send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'stale', SerialNumber: u.serial, TokenCode: u.code(-5) })), 'AccessDenied', 403, INVALID);
  });

  test("another user's device, or only one of SerialNumber and TokenCode, cannot be proved", async () => {
    const dave = await userWithMfa('dave');
    const erin = await userWithMfa('erin');
    const RoleArn = await mfaRole();
    const sts = rg.server.sts(erin.keys);
    await rejectsWith(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'xx', SerialNumber: dave.serial, TokenCode: dave.code() })), 'AccessDenied', 403, UNKNOWN);
    await rejectsWith(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'xx', SerialNumber: erin.serial })), 'AccessDenied', 403, UNKNOWN);
    await rejectsWith(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'xx', TokenCode: erin.code() })), 'AccessDenied', 403, UNKNOWN);
  });

  test('a role session has no MFA device of its own: chaining with a code is refused, chaining without one keeps the MFA', async () => {
    const u = await userWithMfa('frank');
    const RoleArn = await mfaRole();
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'admin', PolicyName: 'chain', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    const first = await rg.server.sts(u.keys).send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'first', SerialNumber: u.serial, TokenCode: u.code() }));
    const session = rg.server.sts(creds(first.Credentials!));
    await rejectsWith(session.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'chained', SerialNumber: u.serial, TokenCode: u.code(1) })), 'AccessDenied', 403, UNKNOWN);
    const chained = await session.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'chained' }));
    await rg.server.iam(creds(chained.Credentials!)).send(new ListRolesCommand({}));
  });

  test('a role session made without MFA does not pass a policy that requires it', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'gina' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'gina', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'gina' }));
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'open', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }]) }));
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'open', PolicyName: 'list', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]) }));
    const r = await rg.server.sts({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! })
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/open`, RoleSessionName: 'plain' }));
    await rejectsWith(rg.server.iam(creds(r.Credentials!)).send(new ListRolesCommand({})), 'AccessDenied', 403, /iam:ListRoles/);
  });
});

describe('GetSessionToken with MFA', () => {
  test('the session may call IAM (without MFA it may not) and assume a role whose trust policy requires MFA', async () => {
    const u = await userWithMfa('hank');
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'hank', PolicyName: 'self', PolicyDocument: doc([
      { Effect: 'Allow', Action: ['iam:GetUser', 'sts:AssumeRole'], Resource: '*' },
    ]) }));
    const RoleArn = await mfaRole();
    const plain = await rg.server.sts(u.keys).send(new GetSessionTokenCommand({}));
    await rejectsWith(rg.server.iam(creds(plain.Credentials!)).send(new GetUserCommand({})), 'InvalidClientTokenId', 403);

    const withMfa = await rg.server.sts(u.keys).send(new GetSessionTokenCommand({ SerialNumber: u.serial, TokenCode: u.code() }));
    const session = creds(withMfa.Credentials!);
    assert.equal((await rg.server.iam(session).send(new GetUserCommand({}))).User!.UserName, 'hank');
    assert.equal((await rg.server.sts(session).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:user/hank`);
    const r = await rg.server.sts(session).send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'from-session' }));
    await rg.server.iam(creds(r.Credentials!)).send(new ListRolesCommand({}));
  });

  test('a reused or wrong code is refused with STS\'s message', async () => {
    const u = await userWithMfa('ivy');
    const code = u.code();
    await rg.server.sts(u.keys).send(new GetSessionTokenCommand({ SerialNumber: u.serial, TokenCode: code }));
    await rejectsWith(rg.server.sts(u.keys).send(new GetSessionTokenCommand({ SerialNumber: u.serial, TokenCode: code })), 'AccessDenied', 403, INVALID);
    await rejectsWith(rg.server.sts(u.keys).send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/nobody`, TokenCode: u.code(1) })), 'AccessDenied', 403, UNKNOWN);
  });
});
