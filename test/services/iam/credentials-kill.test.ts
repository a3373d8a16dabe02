// What IAM's credential operations acknowledged survives kill -9: a login profile (its password
// still the one to give), the password policy, the account alias, an SSH key, a service-specific
// credential, the STS token preference and the credential report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangePasswordCommand, CreateAccessKeyCommand, CreateAccountAliasCommand, CreateLoginProfileCommand, CreateServiceSpecificCredentialCommand, CreateUserCommand,
  GenerateCredentialReportCommand, GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, GetCredentialReportCommand, GetLoginProfileCommand,
  ListAccountAliasesCommand, ListSSHPublicKeysCommand, ListServiceSpecificCredentialsCommand, PutUserPolicyCommand, SetSecurityTokenServicePreferencesCommand,
  UpdateAccountPasswordPolicyCommand, UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { startRolegate } from '../../support/server.js';

test('a login profile, the password policy, the alias, an SSH key, a service-specific credential, the STS preference and the report survive kill -9', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-credentials-'));
  try {
    const first = await startRolegate({ dataDir });
    const iam = first.iam();
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 10, PasswordReusePrevention: 3 }));
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ChangePassword', Resource: '*' }] }) }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Before-The-Crash-1' }));
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'durable-corp' }));
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const ssh = (await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: pem }))).SSHPublicKey!;
    const cc = (await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceName: 'codecommit.amazonaws.com' }))).ServiceSpecificCredential!;
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));
    await iam.send(new GenerateCredentialReportCommand({}));
    await first.stop({ kill: true, keepData: true });

    const second = await startRolegate({ dataDir });
    try {
      const again = second.iam();
      assert.equal((await again.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy!.PasswordReusePrevention, 3);
      assert.equal((await again.send(new GetLoginProfileCommand({ UserName: 'alice' }))).LoginProfile!.UserName, 'alice');
      assert.deepEqual((await again.send(new ListAccountAliasesCommand({}))).AccountAliases, ['durable-corp']);
      assert.equal((await again.send(new ListSSHPublicKeysCommand({ UserName: 'alice' }))).SSHPublicKeys![0].SSHPublicKeyId, ssh.SSHPublicKeyId);
      assert.equal((await again.send(new ListServiceSpecificCredentialsCommand({ UserName: 'alice' }))).ServiceSpecificCredentials![0].ServiceSpecificCredentialId,
        cc.ServiceSpecificCredentialId);
      assert.equal((await again.send(new GetAccountSummaryCommand({}))).SummaryMap!.GlobalEndpointTokenVersion, 2);
      assert.match(Buffer.from((await again.send(new GetCredentialReportCommand({}))).Content!).toString(), /\nalice,arn:aws:iam::111122223333:user\/alice,[^,]+,true,/);
      const alice = second.iam({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
      await alice.send(new ChangePasswordCommand({ OldPassword: 'Before-The-Crash-1', NewPassword: 'After-The-Crash-2' }));
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
