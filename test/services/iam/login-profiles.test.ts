// Console passwords through @aws-sdk/client-iam: the account password policy (its defaults, ranges
// and derived ExpirePasswords), login profiles checked against it, ChangePassword by the user itself
// with reuse prevention, and that no password is kept or logged in plain text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChangePasswordCommand, CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, DeleteAccountPasswordPolicyCommand,
  DeleteLoginProfileCommand, DeleteUserCommand, GetAccountPasswordPolicyCommand, GetLoginProfileCommand, PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand, UpdateLoginProfileCommand, UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { basicAuth, TEST_ROOT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

async function userClient(name: string, action = 'iam:*') {
  await rg.iam.send(new CreateUserCommand({ UserName: name }));
  await rg.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc(action) }));
  const k = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return rg.server.iam({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
}

describe('account password policy', () => {
  test('GetAccountPasswordPolicy without one answers NoSuchEntity (404) naming the account', async () => {
    await rejectsWith(rg.iam.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404,
      'The Password Policy with domain name 111122223333 cannot be found.');
  });

  test('UpdateAccountPasswordPolicy with nothing given sets the defaults: length 6, nothing required, no expiry', async () => {
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({}));
    const p = (await rg.iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy!;
    assert.deepEqual(p, {
      MinimumPasswordLength: 6, RequireSymbols: false, RequireNumbers: false, RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false, AllowUsersToChangePassword: false, ExpirePasswords: false,
    });
  });

  test('every member is read back; ExpirePasswords follows MaxPasswordAge; a second update replaces the whole policy', async () => {
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({
      MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, HardExpiry: true,
    }));
    assert.deepEqual((await rg.iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy, {
      MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, HardExpiry: true,
    });
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({ RequireNumbers: true }));
    const p = (await rg.iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy!;
    assert.equal(p.MinimumPasswordLength, 6);
    assert.equal(p.RequireSymbols, false);
    assert.equal(p.ExpirePasswords, false);
    assert.equal(p.MaxPasswordAge, undefined);
    assert.equal(p.PasswordReusePrevention, undefined);
  });

  test('values outside the ranges answer ValidationError: length 6-128, age 1-1095, reuse 1-24', async () => {
    for (const input of [{ MinimumPasswordLength: 5 }, { MinimumPasswordLength: 129 }, { MaxPasswordAge: 0 }, { MaxPasswordAge: 1096 }, { PasswordReusePrevention: 0 }, { PasswordReusePrevention: 25 }]) {
      await rejectsWith(rg.iam.send(new UpdateAccountPasswordPolicyCommand(input)), 'ValidationError', 400, /failed to satisfy constraint: Member must have value (greater|less) than or equal to/);
    }
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 128, MaxPasswordAge: 1095, PasswordReusePrevention: 1 }));
  });

  test('DeleteAccountPasswordPolicy removes it; a second delete answers NoSuchEntity (404)', async () => {
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 10 }));
    await rg.iam.send(new DeleteAccountPasswordPolicyCommand({}));
    await rejectsWith(rg.iam.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new DeleteAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404,
      'The Password Policy with domain name 111122223333 cannot be found.');
  });

  test('a user without iam:UpdateAccountPasswordPolicy is refused with AccessDenied naming the action on *', async () => {
    const alice = await userClient('alice', 'iam:GetUser');
    const e = await rejectsWith(alice.send(new UpdateAccountPasswordPolicyCommand({})), 'AccessDenied', 403);
    assert.match(e.message, /iam:UpdateAccountPasswordPolicy on resource: \*/);
  });
});

describe('login profiles', () => {
  test('CreateLoginProfile answers the user, the date and PasswordResetRequired; GetLoginProfile reads it back', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const r = await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-1', PasswordResetRequired: true }));
    assert.equal(r.LoginProfile!.UserName, 'alice');
    assert.equal(r.LoginProfile!.PasswordResetRequired, true);
    assert.ok(r.LoginProfile!.CreateDate instanceof Date);
    const g = await rg.iam.send(new GetLoginProfileCommand({ UserName: 'ALICE' }));
    assert.deepEqual(g.LoginProfile, r.LoginProfile);
  });

  test('a second CreateLoginProfile answers EntityAlreadyExists (409)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-1' }));
    await rejectsWith(rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-2' })), 'EntityAlreadyExistsException', 409,
      'Login Profile for user alice already exists.');
  });

  test('for a user that does not exist answers NoSuchEntity (404) for the user; without a profile, for the profile', async () => {
    await rejectsWith(rg.iam.send(new CreateLoginProfileCommand({ UserName: 'nobody', Password: 'Correct-Horse-1' })), 'NoSuchEntityException', 404,
      'The user with name nobody cannot be found.');
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    for (const call of [
      rg.iam.send(new GetLoginProfileCommand({ UserName: 'bob' })),
      rg.iam.send(new UpdateLoginProfileCommand({ UserName: 'bob', PasswordResetRequired: true })),
      rg.iam.send(new DeleteLoginProfileCommand({ UserName: 'bob' })),
    ]) await rejectsWith(call, 'NoSuchEntityException', 404, 'Login Profile for User bob cannot be found.');
  });

  test("without a policy AWS's default applies: 8 characters and three of upper, lower, numbers, symbols", async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    for (const weak of ['Sh0rt!', 'alllowercase', 'lowerUPPER', 'lower1234']) {
      await rejectsWith(rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: weak })), 'PasswordPolicyViolationException', 400,
        'Password does not conform to the account password policy.');
    }
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'lowerUPPER1' }));
  });

  test("the account's policy decides: length and each required kind of character", async () => {
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    for (const weak of ['Aa1!short', 'aaaaaaaaaa1!', 'AAAAAAAAAA1!', 'Aaaaaaaaaaa!', 'Aaaaaaaaaaa1']) {
      await rejectsWith(rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: weak })), 'PasswordPolicyViolationException', 400);
    }
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Aaaaaaaaaa1!' }));
    await rejectsWith(rg.iam.send(new UpdateLoginProfileCommand({ UserName: 'alice', Password: 'short' })), 'PasswordPolicyViolationException', 400);
  });

  test('a password outside the model answers ValidationError without echoing it', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const e = await rejectsWith(rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'x'.repeat(129) })), 'ValidationError', 400, /password/);
    assert.equal(e.message.includes('xxxx'), false);
  });

  test('UpdateLoginProfile changes PasswordResetRequired alone or with the password', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-1' }));
    await rg.iam.send(new UpdateLoginProfileCommand({ UserName: 'alice', PasswordResetRequired: true }));
    assert.equal((await rg.iam.send(new GetLoginProfileCommand({ UserName: 'alice' }))).LoginProfile!.PasswordResetRequired, true);
    await rg.iam.send(new UpdateLoginProfileCommand({ UserName: 'alice', Password: 'Battery-Staple-2' }));
    assert.equal((await rg.iam.send(new GetLoginProfileCommand({ UserName: 'alice' }))).LoginProfile!.PasswordResetRequired, true);
  });

  test('DeleteUser with a login profile answers DeleteConflict (409) until the profile is deleted', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-1' }));
    await rejectsWith(rg.iam.send(new DeleteUserCommand({ UserName: 'alice' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete login profile first.');
    await rg.iam.send(new DeleteLoginProfileCommand({ UserName: 'alice' }));
    await rg.iam.send(new DeleteUserCommand({ UserName: 'alice' }));
  });

  test('a renamed user keeps its login profile under the new name', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-1' }));
    await rg.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alicia' }));
    assert.equal((await rg.iam.send(new GetLoginProfileCommand({ UserName: 'alicia' }))).LoginProfile!.UserName, 'alicia');
    await rejectsWith(rg.iam.send(new GetLoginProfileCommand({ UserName: 'alice' })), 'NoSuchEntityException', 404);
  });

  test('a user reads its own profile without UserName; the root must name one', async () => {
    const alice = await userClient('alice');
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-1' }));
    assert.equal((await alice.send(new GetLoginProfileCommand({}))).LoginProfile!.UserName, 'alice');
    await rejectsWith(rg.iam.send(new GetLoginProfileCommand({})), 'ValidationError', 400, 'Must specify userName when calling with non-User credentials');
  });

  test("a user allowed only on its own ARN cannot read another user's profile", async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Correct-Horse-1' }));
    const alice = await userClient('alice', 'iam:GetUser');
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'own', PolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetLoginProfile', Resource: 'arn:aws:iam::111122223333:user/${aws:username}' }],
    }) }));
    const e = await rejectsWith(alice.send(new GetLoginProfileCommand({ UserName: 'bob' })), 'AccessDenied', 403);
    assert.match(e.message, /iam:GetLoginProfile on resource: arn:aws:iam::111122223333:user\/bob/);
  });

  test('the password is stored only as a salted hash: no file in the data folder holds it', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const password = 'Unmistakable-Secret-Pass-77';
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: password }));
    await rg.iam.send(new GetLoginProfileCommand({ UserName: 'alice' }));
    for (const f of readdirSync(rg.server.dataDir, { recursive: true }) as string[]) {
      const path = join(rg.server.dataDir, f);
      try {
        assert.equal(readFileSync(path).includes(password), false, `${f} holds the password`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EISDIR') throw e;
      }
    }
    assert.equal(rg.server.printed.includes(password), false, 'the server printed the password');
  });
});

describe('ChangePassword', () => {
  async function aliceWithPassword(password = 'Correct-Horse-1') {
    const alice = await userClient('alice');
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: password, PasswordResetRequired: true }));
    return alice;
  }

  test('the user changes its own password with the old one; PasswordResetRequired is cleared', async () => {
    const alice = await aliceWithPassword();
    await alice.send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Battery-Staple-2' }));
    assert.equal((await rg.iam.send(new GetLoginProfileCommand({ UserName: 'alice' }))).LoginProfile!.PasswordResetRequired, false);
    // The new password is now the one to give.
    await alice.send(new ChangePasswordCommand({ OldPassword: 'Battery-Staple-2', NewPassword: 'Tr0ub4dor-and-3' }));
  });

  test('a wrong old password is refused and changes nothing', async () => {
    const alice = await aliceWithPassword();
    await rejectsWith(alice.send(new ChangePasswordCommand({ OldPassword: 'Wrong-Horse-1', NewPassword: 'Battery-Staple-2' })), 'AccessDenied', 403, 'The old password is incorrect.');
    await alice.send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Battery-Staple-2' }));
  });

  test('the new password must satisfy the policy', async () => {
    const alice = await aliceWithPassword();
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 20 }));
    await rejectsWith(alice.send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Battery-Staple-2' })), 'PasswordPolicyViolationException', 400,
      'Password does not conform to the account password policy.');
  });

  test('with PasswordReusePrevention the last N passwords, the current one included, are refused', async () => {
    const alice = await aliceWithPassword('Password-One-1');
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({ PasswordReusePrevention: 2 }));
    const reuse = 'Policy constraint violation with password reuse prevention during password change.';
    await rejectsWith(alice.send(new ChangePasswordCommand({ OldPassword: 'Password-One-1', NewPassword: 'Password-One-1' })), 'PasswordPolicyViolationException', 400, reuse);
    await alice.send(new ChangePasswordCommand({ OldPassword: 'Password-One-1', NewPassword: 'Password-Two-2' }));
    await rejectsWith(alice.send(new ChangePasswordCommand({ OldPassword: 'Password-Two-2', NewPassword: 'Password-One-1' })), 'PasswordPolicyViolationException', 400, reuse);
    await alice.send(new ChangePasswordCommand({ OldPassword: 'Password-Two-2', NewPassword: 'Password-Three-3' }));
    // Two back is now out of the window of 2.
    await alice.send(new ChangePasswordCommand({ OldPassword: 'Password-Three-3', NewPassword: 'Password-One-1' }));
  });

  test('the root answers InvalidUserType (400); a user without a profile NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })), 'InvalidUserTypeException', 400);
    const bob = await userClient('bob');
    await rejectsWith(bob.send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Battery-Staple-2' })), 'NoSuchEntityException', 404,
      'Login Profile for User bob cannot be found.');
  });

  test('a user without iam:ChangePassword is refused with AccessDenied on its own ARN', async () => {
    const carol = await userClient('carol', 'iam:GetUser');
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: 'Correct-Horse-1' }));
    const e = await rejectsWith(carol.send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Battery-Staple-2' })), 'AccessDenied', 403);
    assert.match(e.message, /iam:ChangePassword on resource: arn:aws:iam::111122223333:user\/carol/);
  });

  test('AllowUsersToChangePassword lets a user with no policy change its password and read the policy, and the decision names the grant', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'dave' }));
    const k = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'dave' }))).AccessKey!;
    const dave = rg.server.iam({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'dave', Password: 'Correct-Horse-1' }));
    await rejectsWith(dave.send(new GetAccountPasswordPolicyCommand({})), 'AccessDenied', 403);
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: false }));
    await rejectsWith(dave.send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Battery-Staple-2' })), 'AccessDenied', 403);
    await rejectsWith(dave.send(new GetAccountPasswordPolicyCommand({})), 'AccessDenied', 403);
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true }));
    assert.equal((await dave.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy!.AllowUsersToChangePassword, true);
    const changed = await dave.send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Battery-Staple-2' }));
    // The grant reaches nothing else: not another user's profile.
    await rejectsWith(dave.send(new GetLoginProfileCommand({})), 'AccessDenied', 403);
    const r = await fetch(`${rg.server.endpoint}/_rolegate/decisions?principal=${encodeURIComponent('arn:aws:iam::111122223333:user/dave')}`, { headers: { authorization: basicAuth(TEST_ROOT) } });
    const decision = ((await r.json()) as { decisions: { requestId: string; result: string; decidedBy: { policy: string; sid?: string }[] }[] }).decisions
      .find((d) => d.requestId === changed.$metadata.requestId)!;
    assert.equal(decision.result, 'Allowed');
    assert.deepEqual(decision.decidedBy.map((m) => [m.policy, m.sid]), [['account-password-policy', 'AllowUsersToChangePassword']]);
  });

  test("an explicit deny of iam:ChangePassword wins over AllowUsersToChangePassword", async () => {
    const erin = await userClient('erin', 'iam:GetUser');
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'erin', PolicyName: 'deny', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:ChangePassword', Resource: '*' }] }) }));
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'erin', Password: 'Correct-Horse-1' }));
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true }));
    const e = await rejectsWith(erin.send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Battery-Staple-2' })), 'AccessDenied', 403);
    assert.match(e.message, /explicit deny/);
  });
});
